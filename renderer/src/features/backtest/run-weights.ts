// The run form's weight boxes, one per market of a portfolio: how the text typed in them becomes the
// request's `weights` and the share shown beside each box. Left empty, every box means equal shares and the
// request sends none, as `keel backtest --portfolio` without --weights; once one is filled, an empty box
// counts as 1, so "3" beside an empty box is 75% and 25%. What is wrong is said in the engine's words
// (weightsProblem): the form refuses what the engine would.
import { sharePct, weightShares, weightsProblem } from '../../../../shared/backtest/portfolio-weights.ts';
import { seriesLabel } from '../../../../shared/domain/candle.ts';
import { decimalNumber } from '../../../../shared/domain/decimal-text.ts';
import type { RunRequest } from './run-form.ts';
import { marketNames } from './run-markets.ts';

type SeriesKey = RunRequest['series'];

/** A market's box, by its stored series ("local:BTC/USDT:1h"), as the form's other per-market choices are kept. */
export const weightKey = (s: SeriesKey): string => seriesLabel(s);

/**
 * The weights a portfolio's request carries, `markets` in the request's order (the run's series first):
 * [] when every box is empty; else one per market, an empty box 1. Throws weightsProblem's message, the
 * markets named, when a box holds anything but a number above 0.
 */
export function requestWeights(texts: Readonly<Record<string, string>>, markets: readonly SeriesKey[]): number[] {
  const typed = markets.map((m) => (texts[weightKey(m)] ?? '').trim());
  if (typed.every((t) => t === '')) return [];
  const weights = typed.map((t) => (t === '' ? 1 : decimalNumber(t)));
  const problem = weightsProblem(markets.length, weights, marketNames(markets));
  if (problem !== null) throw new Error(problem);
  return weights;
}

/** What the form shows beside the boxes: each market's share of the account ("75%"), or what is wrong instead. */
export function weightShareTexts(texts: Readonly<Record<string, string>>, markets: readonly SeriesKey[]): { shares: string[]; problem: null } | { shares: null; problem: string } {
  try {
    return { shares: weightShares(markets.length, requestWeights(texts, markets)).map(sharePct), problem: null };
  } catch (err) {
    return { shares: null, problem: err instanceof Error ? err.message : String(err) };
  }
}
