// The markets a run trades, as the page names them; a portfolio run's fills sorted by market, and the
// benchmark the equity chart draws beside a run (its basket, or one market's buy and hold). A portfolio run (backtest.run with `portfolio`) trades its
// series and the others from one account, split by its weights; every place that names a run's series names
// all of them (with their shares when the weights are not equal), so it is never taken for a run of its first
// market, nor a 75/25 portfolio for a 50/50 one.
import { allCells, marketCells as sharedMarketCells, marketHoldText, type MarketFigures, type PortfolioCells } from '../../../../shared/backtest/portfolio-cells.ts';
import { equalShares, sharePct, weightShares, weightsProblem } from '../../../../shared/backtest/portfolio-weights.ts';
import type { RunRequest } from './run-form.ts';

type SeriesKey = RunRequest['series'];
type Fill = { ts: number; side: 'buy' | 'sell'; symbol?: string | undefined };
type Curve = readonly (readonly [number, number])[];

/** What a run's markets are read from: its request, as sent (portfolio optional) or as the engine echoes it. */
export interface RunMarkets {
  series: SeriesKey;
  portfolio?: readonly SeriesKey[] | undefined;
  /** The portfolio's weights, `series` first (none: equal shares). */
  weights?: readonly number[] | undefined;
}

/** True for a run that trades several markets from one account. */
export function isPortfolio(request: RunMarkets): boolean {
  return (request.portfolio?.length ?? 0) > 0;
}

/**
 * Markets by symbol, each with its exchange in front when they come from several ("local BTC/USDT", "binance
 * ETH/USDT"), or always when `withExchange` says the names are read beside others from other exchanges.
 */
export function marketNames(markets: readonly SeriesKey[], withExchange = false): string[] {
  const exchanges = new Set(markets.map((s) => s.exchange));
  return markets.map((s) => (withExchange || exchanges.size > 1 ? `${s.exchange} ${s.symbol}` : s.symbol));
}

/**
 * Whether these runs' markets come from several exchanges: a list of them then names each run's exchange,
 * or a run on BTC/USDT stored from one exchange reads as one on BTC/USDT stored from another.
 */
export function manyExchanges(requests: readonly RunMarkets[]): boolean {
  return new Set(requests.flatMap((r) => [r.series, ...(r.portfolio ?? [])].map((s) => s.exchange))).size > 1;
}

/**
 * Each market's share of a portfolio run's account (its series first) when its weights split it unequally;
 * null when they split it equally, when it gives none, and when they cannot be used (the engine refuses
 * such a run: there is no split to name).
 */
export function unequalShares(request: RunMarkets): number[] | null {
  const markets = 1 + (request.portfolio?.length ?? 0);
  const weights = request.weights ?? [];
  if (weights.length === 0 || weightsProblem(markets, weights) !== null) return null;
  const shares = weightShares(markets, weights);
  return equalShares(shares) ? null : shares;
}

/**
 * "BTC/USDT 1h" for one market; "BTC/USDT + ETH/USDT 1h" for a portfolio (its markets share one timeframe),
 * each market with its exchange in front when they come from several ("local BTC/USDT + binance ETH/USDT 1h"),
 * and with its share when the weights are not equal ("BTC/USDT 75% + ETH/USDT 25% 1h").
 */
export function marketsLabel(request: RunMarkets, withExchange = false): string {
  const names = marketNames([request.series, ...(request.portfolio ?? [])], withExchange);
  const shares = unequalShares(request);
  const parts = shares ? names.map((n, i) => `${n} ${sharePct(shares[i]!)}`) : names;
  return `${parts.join(' + ')} ${request.series.timeframe}`;
}

/**
 * A portfolio market's own buy and hold as its table shows it: "342.63% (in BTC)" for ETH/BTC beside BTC/USDT
 * on a USDT account, a return in another asset than the others', not to be compared with theirs as alike.
 */
export function holdText(m: { symbol: string; buyHoldReturnPct: number | null }, symbols: readonly string[]): string {
  return marketHoldText(m, symbols);
}

/**
 * A portfolio market's cells after its name, as `keel backtest`'s Portfolio table prints them
 * (shared/backtest/portfolio-cells.ts): its share, bars, fills, closed trades, P&L and own buy and hold.
 */
export function marketCells(m: MarketFigures, symbols: readonly string[]): PortfolioCells {
  return sharedMarketCells(m, symbols);
}

/**
 * The table's "all" row after its label, as the CLI's: the shares' sum, the run's bars, fills and closed
 * trades, the account's P&L and the basket's buy and hold (from the run's metrics, which count every fill,
 * where the page is sent only the first ones).
 */
export function totalCells(run: { markets: readonly { weight: number }[]; metrics: Record<string, number | null> | null }): PortfolioCells {
  const m = run.metrics ?? {};
  return allCells(run.markets, { bars: m['bars'], fills: m['fills'], trades: m['trades'], startEquity: m['startEquity'], finalEquity: m['finalEquity'], buyHoldReturnPct: m['buyHoldReturnPct'] });
}

/**
 * A portfolio run's fills split by the market they were in, in the order given (each market's own, oldest
 * first as the run lists them): each market's price chart marks only its own. A fill naming no market, or one
 * not listed, is left out rather than marked on another market's line.
 */
export function fillsByMarket<F extends Fill>(fills: readonly F[], symbols: readonly string[]): Map<string, F[]> {
  const out = new Map(symbols.map((s): [string, F[]] => [s, []]));
  for (const f of fills) if (f.symbol !== undefined) out.get(f.symbol)?.push(f);
  return out;
}

/**
 * The benchmark the equity chart draws beside a run: a portfolio's basket in the run's weights (equal shares
 * when it gives none), or one market's buy and hold, bought with the same capital and held, at the points of
 * the run's equity line (the engine samples it there, so the chart, which spaces points by index, keeps one
 * point per time). Only with that one run on the chart: beside other runs, a dashed line would be read as the
 * benchmark of every one of them. A run of one market stored before its buy and hold was sent has none.
 */
export function basketBenchmark(shown: readonly { basket: Curve; equity: Curve }[]): Curve | null {
  const run = shown.length === 1 ? shown[0]! : null;
  if (!run || run.basket.length === 0) return null;
  return run.basket;
}

/**
 * What the equity chart's legend calls a run's benchmark, as the HTML report's names it: "buy and hold
 * BTC/USDT" for one market, its basket for a portfolio (basketName).
 */
export function benchmarkName(run: { request: RunMarkets; markets: readonly { symbol: string; weight: number }[] }): string {
  return `buy and hold ${run.markets.length > 0 ? basketName(run.markets) : run.request.series.symbol}`;
}

/**
 * What the equity chart's legend calls a portfolio run's basket: "equal-weight" only when its markets have
 * equal shares; otherwise it is the basket in the run's weights, named with them, since a 75/25 basket and
 * a 50/50 one are different benchmarks.
 */
export function basketName(markets: readonly { symbol: string; weight: number }[]): string {
  if (equalShares(markets.map((m) => m.weight))) return "the markets' equal-weight basket";
  return `the markets' basket in the run's weights (${markets.map((m) => `${m.symbol} ${sharePct(m.weight)}`).join(', ')})`;
}
