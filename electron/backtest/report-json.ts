// The machine-readable report (`keel backtest --json FILE`): { metrics, fills, equity, ... } with times
// in epoch ms, sides "buy"/"sell" and plain numbers. NaN and infinite metrics (a Sharpe ratio of a run
// with one day, a profit factor without losses) are written as null. The run's protective exits are
// `exits` ({ stopLossPct, takeProfitPct }, nulls without), each trade says what closed it (`exit`), and a
// fill that was a protective exit says which (`exit`; other fills keep the five keys). Each trade also
// carries its run-up and drawdown (`runUpPct`, `drawdownPct`, `runUp`, `drawdown`: excursions.ts), written
// as the runner measured them, and the tags of the orders that opened and closed it (`entryTag`, `exitTag`),
// when they had any; `entryTags` breaks the closed trades down by the first. `drawdowns` lists the five
// deepest drawdowns with when each began, bottomed and recovered (drawdown-periods.ts).
import type { RunExits } from '../../shared/backtest/run-exits.ts';
import { holdQuoteApart } from '../../shared/backtest/hold-quote.ts';
import { drawdownPeriods, type DrawdownPeriod } from './drawdown-periods.ts';
import type { MonteCarloResult } from './monte-carlo.ts';
import type { SearchResult } from './optimize.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { PortfolioResult } from './run-portfolio.ts';
import type { Direction } from '../../shared/domain/direction.ts';
import { sideRowsJson, type SideRowJson } from '../../shared/backtest/sides.ts';
import { entryTagRowsJson, type EntryTagRowJson } from '../../shared/backtest/entry-tags.ts';
import type { WalkForwardResult } from './walk-forward.ts';

export interface RunJson {
  strategy: string;
  params: Record<string, number>;
  symbol: string;
  timeframe: string;
  mode: string;
  /** The share of equity an entry may take, percent: the custom mode's --position-pct (or the limits' share), a preset's own. */
  positionPct: number;
  capital: number;
  feePct: number;
  slippageBps: number;
  /** The stop-loss and take-profit put on every entry, percent from its price; null: none. */
  exits: RunExits;
  /** The sides the strategy could take: long (long or flat), short (short or flat) or both. */
  direction: Direction;
  /** What its shorts paid on what they borrowed, percent a year (--borrow-rate). */
  borrowRatePct: number;
  /**
   * The loss limits it ran under (percent; --limits), whether a breach closed the positions (closeOnLossLimit)
   * and the days after which a drawdown kill was re-armed (--rearm-after; null: never).
   */
  lossLimits: BacktestResult['lossLimits'];
  metrics: Record<string, number | null>;
  /** Closed trades by side, long then short (a side without one left out); profitFactor null without a losing trade. */
  sides: SideRowJson[];
  /** Closed trades by the tag of the order that opened them, most trades first (tag null: untagged); empty when no entry was tagged. */
  entryTags: EntryTagRowJson[];
  /** With the market of each fill in a portfolio run, and which protective exit a fill was. */
  fills: { ts: number; side: 'buy' | 'sell'; price: number; qty: number; fee: number; interest?: number; symbol?: string; exit?: 'stop-loss' | 'trailing-stop' | 'take-profit' }[];
  /** [bar open time, equity at the bar's close]. */
  equity: [number, number][];
  /** Each round trip, with what closed it and its run-up and drawdown (percent of the entry, and quote money). */
  trades: BacktestResult['trades'];
  notes: string[];
  /** Bars before the range the strategy's indicators read first (its warm-up; 0 when the range starts the data); a portfolio's largest market's, each market's own under portfolio.markets. */
  leadIn: number;
  /** Each pull of the kill switch: { from, to (null: engaged to the end), reason }. */
  halts: BacktestResult['halts'];
  /** The five deepest drawdowns: { peakTs, troughTs, recoveredTs (null: not recovered), depthPct, days }, each moment its bar's open time as `equity` stamps it. */
  drawdowns: DrawdownPeriod[];
}

/** A run of a comparison with the market it ran on, so runs over several markets are told apart. */
export type SourcedRun = BacktestResult & {
  timeframe: string;
  /** Where its candles came from: a file and its format, or a stored series' label. */
  source: string;
};

export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function metricsJson(m: BacktestResult['metrics']): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(m)) out[k] = finiteOrNull(v);
  return out;
}

export function runJson(r: BacktestResult, timeframe: string): RunJson {
  const equity: [number, number][] = new Array(r.equity.length);
  for (let i = 0; i < r.equity.length; i++) equity[i] = [r.t[i]!, r.equity[i]!];
  return {
    strategy: r.strategy,
    params: r.params,
    symbol: r.symbol,
    timeframe,
    mode: r.mode,
    positionPct: Number((r.positionShare * 100).toFixed(6)),
    capital: r.capital,
    feePct: r.feePct,
    slippageBps: r.slippageBps,
    exits: { stopLossPct: r.exits.stopLossPct, takeProfitPct: r.exits.takeProfitPct, trailingStopPct: r.exits.trailingStopPct ?? null },
    direction: r.direction,
    borrowRatePct: r.borrowRatePct,
    lossLimits: r.lossLimits,
    metrics: metricsJson(r.metrics),
    sides: sideRowsJson(r.trades),
    entryTags: entryTagRowsJson(r.trades),
    fills: r.fills.map(fillJson),
    equity,
    trades: r.trades,
    notes: r.notes,
    leadIn: r.leadIn,
    halts: r.halts,
    drawdowns: drawdownPeriods(r.t, r.equity, r.barMs, r.capital),
  };
}

/**
 * A fill as the JSON writes it: the five documented keys, then its borrow interest, its market and its exit
 * only when it has them. Its order's tag is not written: the trades carry it (entryTag, exitTag), and the
 * built-ins tag every order, so the fills of the plainest run keep their five keys.
 */
export function fillJson(f: BacktestResult['fills'][number]): RunJson['fills'][number] {
  const out: RunJson['fills'][number] = { ts: f.ts, side: f.side, price: f.price, qty: f.qty, fee: f.fee };
  // Most fills are the strategy's own on one market: a literal of one shape, as a million-fill report has.
  if (f.symbol === undefined && f.exit === undefined && f.interest === undefined) return out;
  if (f.interest !== undefined) out.interest = f.interest;
  if (f.symbol !== undefined) out.symbol = f.symbol;
  if (f.exit !== undefined) out.exit = f.exit;
  return out;
}

/**
 * The whole `--json` document: the first run (runJson) and where its candles came from; with several runs
 * their metrics and notes side by side, each with its market (symbol, timeframe, source; a portfolio run its `portfolio` too), a search's ranking (the best 100) and held-out check, a walk-forward's folds,
 * and the Monte Carlo bands, each when there is one. The app's saved JSON report is the same document.
 */
/** How many of a search's sets the JSON lists, best first: a 1,500-set search would otherwise write 1,500 metrics blocks. */
export const RANKED_IN_JSON = 100;

export function reportDoc(
  first: BacktestResult,
  timeframe: string,
  source: string,
  extra: {
    runs?: readonly SourcedRun[] | undefined;
    optimization?: SearchResult | null;
    walk?: WalkForwardResult | null;
    mc?: MonteCarloResult | null;
    /** The seed of the Monte Carlo's and a random search's draws: with it the report says how to draw them again. */
    seed?: number | undefined;
    /** How the search or walk-forward's sets were made: a random search's sets are the seed's. */
    method?: 'grid' | 'random' | undefined;
  },
) {
  const { runs, optimization = null, walk = null, mc, seed, method } = extra;
  const drawn = method === undefined ? {} : { method, ...(method === 'random' ? { seed } : {}) };
  return {
    ...runJson(first, timeframe),
    source,
    // A comparison of portfolio runs: each run's markets too, as a single portfolio run's document has them (left out otherwise).
    // Each run's notes too: the summary prints every run's, and without them the second run's kill switch or refusals were in no file.
    runs: runs?.map((x) => ({ strategy: x.strategy, params: x.params, mode: x.mode, direction: x.direction, symbol: x.symbol, timeframe: x.timeframe, source: x.source, metrics: metricsJson(x.metrics), notes: x.notes, portfolio: portfolioJson(x) })),
    // The best 100 sets of however many ran (setsRun), and the bar ranges [from, to) each part of the search ran over.
    optimization: optimization && { ...drawn, objective: optimization.objective, warnings: optimization.warnings, setsRun: optimization.ranked.length, inSample: optimization.inSample, ranked: optimization.ranked.slice(0, RANKED_IN_JSON).map((x) => ({ params: x.params, score: x.score, metrics: metricsJson(x.metrics) })), outOfSample: optimization.outOfSample && { ...optimization.outOfSample, metrics: metricsJson(optimization.outOfSample.metrics) } },
    walkForward: walk && { ...drawn, objective: walk.objective, anchored: walk.anchored, efficiency: walk.efficiency, outOfSampleReturnPct: walk.outOfSampleReturnPct, warnings: walk.warnings, folds: walk.folds.map((f) => ({ ...f, inSampleMetrics: metricsJson(f.inSampleMetrics), outOfSampleMetrics: metricsJson(f.outOfSampleMetrics) })), equity: walk.equity },
    monteCarlo: mc ? { seed, ...mc } : undefined,
    portfolio: portfolioJson(first),
  };
}

/** A portfolio run's markets, each with what it did (undefined for a single-market run, so the key is left out). */
function portfolioJson(r: BacktestResult): { markets: { symbol: string; weight: number; bars: number; fills: number; trades: number; pnl: number; buyHoldReturnPct: number | null; buyHoldQuote?: string; leadIn: number }[] } | undefined {
  const parts = (r as Partial<PortfolioResult>).portfolio?.parts;
  if (!parts) return undefined;
  const symbols = parts.map((p) => p.symbol);
  return {
    markets: parts.map((p) => {
      // Only a market whose buy and hold is in another asset than the account's (ETH/BTC's BTC) names it.
      const quote = holdQuoteApart(p.symbol, symbols);
      return { symbol: p.symbol, weight: p.weight, bars: p.candles.length, fills: p.fills, trades: p.trades, pnl: p.pnl, buyHoldReturnPct: finiteOrNull(p.buyHoldReturnPct), ...(quote === null ? {} : { buyHoldQuote: quote }), leadIn: p.leadIn };
    }),
  };
}
