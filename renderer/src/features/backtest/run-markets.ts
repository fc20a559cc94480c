// The markets a run trades, as the page names them; a portfolio run's fills sorted by market, and its
// basket benchmark as the equity chart draws it. A portfolio run (backtest.run with `portfolio`) trades its
// series and the others from one account; every place that names a run's series names all of them, so it
// is never taken for a run of its first market.
import type { RunRequest } from './run-form.ts';

type SeriesKey = RunRequest['series'];
type Fill = { ts: number; side: 'buy' | 'sell'; symbol?: string | undefined };
type Curve = readonly (readonly [number, number])[];

/** What a run's markets are read from: its request, as sent (portfolio optional) or as the engine echoes it. */
export interface RunMarkets {
  series: SeriesKey;
  portfolio?: readonly SeriesKey[] | undefined;
}

/** True for a run that trades several markets from one account. */
export function isPortfolio(request: RunMarkets): boolean {
  return (request.portfolio?.length ?? 0) > 0;
}

/**
 * "BTC/USDT 1h" for one market; "BTC/USDT + ETH/USDT 1h" for a portfolio (its markets share one timeframe),
 * each market with its exchange in front when they come from several ("local BTC/USDT + binance ETH/USDT 1h").
 */
export function marketsLabel(request: RunMarkets): string {
  const all = [request.series, ...(request.portfolio ?? [])];
  const exchanges = new Set(all.map((s) => s.exchange));
  const names = all.map((s) => (exchanges.size > 1 ? `${s.exchange} ${s.symbol}` : s.symbol));
  return `${names.join(' + ')} ${request.series.timeframe}`;
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
 * The benchmark the equity chart draws beside a portfolio run: its equal-weight basket's value, bought and
 * held from the same capital, at the points of the run's equity line (the engine samples it there, so the
 * chart, which spaces points by index, keeps one point per time). Only with that one run on the chart:
 * beside other runs, a dashed line would be read as the benchmark of every one of them.
 */
export function basketBenchmark(shown: readonly { basket: Curve; equity: Curve }[]): Curve | null {
  const run = shown.length === 1 ? shown[0]! : null;
  if (!run || run.basket.length === 0) return null;
  return run.basket;
}
