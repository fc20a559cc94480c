// What the app's run page gets of a finished run (run-worker.ts sends it, the journal keeps it): the curves
// thinned, the first fills and trades, every count, and the benchmark drawn beside the equity, all at the
// equity's points: a portfolio's basket, or one market's buy and hold as the HTML report draws it.
import type { BacktestMonteCarlo, BacktestHalt, BacktestTrade, IndicatorCurve, PortfolioMarket } from '../../shared/contract/commands/backtest.ts';
import type { Band, MonteCarloResult } from './monte-carlo.ts';
import { fillJson, finiteOrNull, metricsJson } from './report-json.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { PortfolioResult } from './run-portfolio.ts';
import { buyHoldValues } from './metrics.ts';
import { drawdownSeries, sampleAt, thin } from './series-shapes.ts';
import { indicatorCurves } from './indicator-lines.ts';
import { drawdownPeriods, type DrawdownPeriod } from './drawdown-periods.ts';
import { sideRowsJson, type SideRowJson } from '../../shared/backtest/sides.ts';
import { exitBreakdown, type ExitReason, type ExitRow } from '../../shared/backtest/run-exits.ts';
import { entryTagRowsJson, type EntryTagRowJson } from '../../shared/backtest/entry-tags.ts';

export interface RunOutcome {
  metrics: Record<string, number | null>;
  /** A protective exit's fill says which (`exit`): the page marks it in that exit's colour. */
  fills: { ts: number; side: 'buy' | 'sell'; price: number; qty: number; fee: number; symbol?: string | undefined; exit?: ExitReason | undefined }[];
  equity: [number, number][];
  drawdown: [number, number][];
  price: [number, number][];
  /** The strategy's indicators at the price's points (absent in runs stored before they were drawn). */
  indicators?: IndicatorCurve[] | undefined;
  trades: BacktestTrade[];
  tradeCount: number;
  /** The trades by why they ended, over every trade (the list above is cut). */
  exitRows?: ExitRow[] | undefined;
  /** The closed trades by side, over every trade (profitFactor null without a losing trade). */
  sideRows?: SideRowJson[] | undefined;
  /** The closed trades by their entry's tag, over every trade; empty when no entry was tagged. */
  entryTagRows?: EntryTagRowJson[] | undefined;
  notes: string[];
  leadIn?: number | undefined;
  halts: BacktestHalt[];
  /** The deepest drawdowns, deepest first (absent in runs stored before they were listed). */
  drawdowns?: DrawdownPeriod[] | undefined;
  monteCarlo: BacktestMonteCarlo | null;
  /** A portfolio run's markets (absent for one market, and in runs stored before portfolio runs). */
  markets?: PortfolioMarket[] | undefined;
  /**
   * The benchmark at the equity's points: a portfolio's basket, or one market's buy and hold (absent in runs
   * stored before portfolio runs, and for one market in runs stored before its buy and hold was drawn).
   */
  basket?: [number, number][] | undefined;
}

/** Points per curve the UI gets: plenty for a chart, small enough for the bridge. */
const CURVE_POINTS = 2000;
const MAX_FILLS = 5000;
const MAX_TRADES = 2500;

const band = (b: Band) => ({ p5: finiteOrNull(b.p5), p50: finiteOrNull(b.p50), p95: finiteOrNull(b.p95) });
/** The result as JSON carries it: a NaN (no simulation) would not survive the bridge, it goes as null. */
function monteCarloJson(m: MonteCarloResult): BacktestMonteCarlo {
  return {
    runs: m.runs,
    trades: m.trades,
    actual: { returnPct: finiteOrNull(m.actual.returnPct), maxDrawdownPct: finiteOrNull(m.actual.maxDrawdownPct) },
    reorder: { returnPct: band(m.reorder.returnPct), maxDrawdownPct: band(m.reorder.maxDrawdownPct) },
    resample: { returnPct: band(m.resample.returnPct), maxDrawdownPct: band(m.resample.maxDrawdownPct) },
  };
}

/** What the page draws and lists: the curves thinned, the first fills and trades, and every count. */
export function runOutcome(r: BacktestResult, candles: CandleColumns, mc: MonteCarloResult | null): RunOutcome {
  const dd = drawdownSeries(r.equity, r.capital);
  const equity = thin(r.t, r.equity, CURVE_POINTS);
  // The candles' own times: a portfolio's bar times are every market's, its first market's may be fewer.
  const price = thin(candles.t, candles.c, CURVE_POINTS);
  const portfolio = portfolioDrawn(r, equity);
  return {
    metrics: metricsJson(r.metrics),
    // As `--json` writes them: the trades carry the orders' tags.
    fills: r.fills.slice(0, MAX_FILLS).map(fillJson),
    equity,
    drawdown: thin(r.t, dd, CURVE_POINTS),
    price,
    // A portfolio's price line is its first market's, whose curves it already drew.
    indicators: portfolio?.markets?.[0]?.indicators ?? indicatorCurves(r.indicators, r.strategy, candles, r.barMs, price),
    // A price a trade has none of (NaN) would not survive the bridge's JSON: it goes as null.
    trades: r.trades.slice(0, MAX_TRADES).map((t) => ({ ...t, entryPrice: finiteOrNull(t.entryPrice), exitPrice: finiteOrNull(t.exitPrice) })),
    tradeCount: r.trades.length,
    exitRows: exitBreakdown(r.trades),
    sideRows: sideRowsJson(r.trades),
    entryTagRows: entryTagRowsJson(r.trades),
    notes: r.notes,
    leadIn: r.leadIn,
    halts: r.halts,
    drawdowns: drawdownPeriods(r.t, r.equity, r.barMs, r.capital),
    monteCarlo: mc && monteCarloJson(mc),
    // One market's benchmark is its buy and hold, as the HTML report draws beside the strategy.
    ...(portfolio ?? { basket: buyHoldAt(r, candles, equity) }),
  };
}

/** A portfolio run's markets, each with its price line, and the basket's value at the equity's points; null for a run of one market. */
function portfolioDrawn(r: BacktestResult, equity: readonly [number, number][]): Pick<RunOutcome, 'markets' | 'basket'> | null {
  const pf = (r as Partial<PortfolioResult>).portfolio;
  if (!pf) return null;
  return {
    markets: pf.parts.map((p) => {
      const price = thin(p.candles.t, p.candles.c, CURVE_POINTS);
      return { symbol: p.symbol, weight: p.weight, price, indicators: indicatorCurves(r.indicators, r.strategy, p.candles, r.barMs, price), bars: p.candles.length, fills: p.fills, trades: p.trades, pnl: p.pnl, buyHoldReturnPct: finiteOrNull(p.buyHoldReturnPct), leadIn: p.leadIn };
    }),
    basket: sampleAt(r.t, pf.basket, equity),
  };
}

/**
 * A run of one market's benchmark at the equity's points: the capital buying the first open with the fee on
 * top and holding, the HTML report's "buy and hold" line, ending at the run's buy and hold return.
 */
function buyHoldAt(r: BacktestResult, candles: CandleColumns, equity: readonly [number, number][]): [number, number][] {
  // No bar, or a first open no price (bad data): the run's buy and hold is no number either (NaN), so no line.
  if (candles.length === 0 || !(candles.o[0]! > 0)) return [];
  return sampleAt(candles.t, buyHoldValues(r.capital, candles.o[0]!, r.feePct / 100, candles.c), equity);
}
