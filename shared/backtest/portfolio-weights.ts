// A portfolio's weights: how the account is split among its markets. The trader gives relative numbers
// (60,40 or 3,2, keel backtest --weights and the app's weight boxes), one per market in the portfolio's
// order (the run's market first); none means equal shares. Engine, CLI and UI read them through these two
// functions, so a weight refused in one is refused in all, with the same words.

/** Largest weight taken: a relative number, so anything larger only says the others are negligible. */
export const WEIGHT_MAX = 1_000_000;

/**
 * What is wrong with `weights` for a portfolio of `markets` markets, or null when they can be used.
 * `names`, when given, are the markets in order: the message then lists them.
 */
export function weightsProblem(markets: number, weights: readonly number[], names?: readonly string[]): string | null {
  if (weights.length === 0) return null;
  const order = names && names.length === markets ? ` (${names.join(', ')})` : '';
  if (markets < 2) return 'weights split a portfolio among its markets; a run of one market takes none';
  if (weights.length !== markets) return `weights: give one for each of the ${markets} markets${order}, in that order; got ${weights.length}`;
  const bad = weights.findIndex((w) => !(Number.isFinite(w) && w > 0 && w <= WEIGHT_MAX));
  if (bad !== -1 && Number.isNaN(weights[bad])) return `weights: the weight for ${names?.[bad] ?? `market ${bad + 1}`} is not a number; weights are relative numbers above 0 (60,40 or 3,2)`;
  if (bad !== -1) return `weights: ${weights[bad]} for ${names?.[bad] ?? `market ${bad + 1}`} is not a number above 0 and at most ${WEIGHT_MAX.toLocaleString('en-US')}; weights are relative (60,40 or 3,2)`;
  return null;
}

/**
 * Each market's share of the account, 0..1, summing to 1: the weights over their sum, or equal shares when
 * none are given. Throws a RangeError with weightsProblem's message when they cannot be used.
 */
export function weightShares(markets: number, weights: readonly number[]): number[] {
  const problem = weightsProblem(markets, weights);
  if (problem !== null) throw new RangeError(problem);
  if (weights.length === 0) return Array.from({ length: markets }, () => 1 / markets);
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / sum);
}

/** A share as the tables print it: 60%, 33.3%. */
export function sharePct(share: number): string {
  const pct = share * 100;
  return `${Number.isInteger(Math.round(pct * 10) / 10) ? Math.round(pct) : (Math.round(pct * 10) / 10).toFixed(1)}%`;
}

/** Whether the shares are all equal (then reports need not say them). */
export function equalShares(shares: readonly number[]): boolean {
  return shares.every((s) => Math.abs(s - shares[0]!) < 1e-12);
}

/** What a portfolio's benchmark basket holds, in words: "equal weights", or "the run's weights". */
export function basketName(markets: readonly { weight: number }[]): string {
  return equalShares(markets.map((m) => m.weight)) ? 'equal weights' : "the run's weights";
}
