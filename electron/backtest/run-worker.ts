// One app backtest in a worker thread: reads its series from the journal (its own read-only connection),
// runs it exactly as `keel backtest --symbol --timeframe` does (a portfolio run as `keel backtest --symbol
// S,T --portfolio` does), and answers with what the UI draws. Then the Monte Carlo bands over every closed
// trade (not the few thousand the UI lists), as `keel backtest --monte-carlo N --seed S` computes them (or,
// asked for a report, the whole report `keel backtest` writes). Progress counts the bars, then the
// simulations, so it reaches the end only when both are done. Cancellation is a shared flag checked at each
// progress point of either. A trader's own strategy's load and calls are reported on the beat the thread's
// starter watches (worker-jobs.ts startJobThread): one stuck in a loop never gets back to the flag.
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestHalt, BacktestMonteCarlo, BacktestRequest, BacktestTrade, IndicatorCurve, PortfolioMarket } from '../../shared/contract/commands/backtest.ts';
import { monteCarlo, tradeReturns, type Band, type MonteCarloResult } from './monte-carlo.ts';
import { seriesLabel } from '../../shared/domain/candle.ts';
import { haltedHint, REPORT_REARM } from './halted-hint.ts';
import { reportText, type ReportFormat } from './run-report.ts';
import { fillJson, finiteOrNull, metricsJson } from './report-json.ts';
import { BacktestCancelled, type BacktestResult } from './run-backtest.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import { portfolioInputs, rangeOf, runInputs } from './run-inputs.ts';
import { coverageNotes } from './range-coverage.ts';
import type { PortfolioResult } from './run-portfolio.ts';
import type { JobMessage } from './worker-jobs.ts';
import { loadWatched } from './load-watched.ts';
import type { StallBeat } from './stall-watch.ts';
import { runPortfolioSetup, runSetup } from './run-setup.ts';
import { drawdownSeries, sampleAt, thin } from './series-shapes.ts';
import { indicatorCurves } from './indicator-lines.ts';
import { withDetailSource } from './detail-check.ts';
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
  /** A portfolio run's markets and its basket's curve (absent in runs stored before portfolio runs, and for one market). */
  markets?: PortfolioMarket[] | undefined;
  basket?: [number, number][] | undefined;
}

/** Points per curve the UI gets: plenty for a chart, small enough for the bridge. */
const CURVE_POINTS = 2000;
const MAX_FILLS = 5000;
const MAX_TRADES = 2500;

// `report`: run again only to write the run's whole report (every fill, bar and trade), as `keel backtest
// --json`/`--html` writes it, instead of what the UI draws.
const { journalFile, request, strategyFile, cancelFlag, report, beat } = workerData as { journalFile: string; request: BacktestRequest; strategyFile?: string | null; cancelFlag: Int32Array; report?: ReportFormat; beat?: StallBeat };
const post = (m: JobMessage<RunOutcome>) => parentPort!.postMessage(m);
const cancelled = () => Atomics.load(cancelFlag, 0) === 1;

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

try {
  // Its load too: a file that runs differently the next time it is loaded may loop there.
  await loadWatched(request.strategy, strategyFile, beat);
  // The trades' CSV has no Monte Carlo bands to make.
  const sims = report === 'csv' ? 0 : request.monteCarlo;
  const { r, candles, source } = run((done, total) => post({ type: 'progress', done, total: total + sims }));
  const bars = r.t.length;
  // Fewer than two closed trades: reordering one trade changes nothing and resampling draws it every time.
  const returns = tradeReturns(r.trades, request.capital);
  const mc = sims > 0 && returns.length >= 2 ? monteCarlo(returns, sims, request.seed, { onProgress: (done) => post({ type: 'progress', done: bars + done, total: bars + sims }), cancelled }) : null;
  if (report) parentPort!.postMessage({ type: 'report', text: reportText(report, r, candles, request.series.timeframe, source, mc, haltedHint(r, request.rearmAfterDays, REPORT_REARM), request.seed) });
  else post({ type: 'done', outcome: drawn(r, candles, mc) });
} catch (err) {
  if (err instanceof BacktestCancelled) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}

/** The request's run: over its series, or over its series and request.portfolio from one account; the first market's candles; where they came from. */
function run(onProgress: (done: number, total: number) => void): { r: BacktestResult; candles: CandleColumns; source: string } {
  if (request.portfolio.length === 0) {
    const { candles, setup, detail } = runInputs(journalFile, request, strategyFile);
    const source = withDetailSource(seriesLabel(request.series), detail && request.detail);
    const r = runSetup(setup, candles, request.params, 0, candles.length, { onProgress, cancelled, detail });
    r.notes.push(...coverageNotes(rangeOf(request), candles, setup.barMs));
    return { r, candles, source };
  }
  const { markets, setup } = portfolioInputs(journalFile, request, strategyFile);
  const r = runPortfolioSetup(setup, markets, request.params, { onProgress, cancelled });
  for (const m of markets) {
    r.notes.push(...coverageNotes(rangeOf(request), m.candles, setup.barMs, m.symbol));
  }
  return { r, candles: markets[0]!.candles, source: withDetailSource([request.series, ...request.portfolio].map(seriesLabel).join('; '), request.detail) };
}

/** What the page draws and lists: the curves thinned, the first fills and trades, and every count. */
function drawn(r: BacktestResult, candles: CandleColumns, mc: MonteCarloResult | null): RunOutcome {
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
    indicators: portfolio.markets?.[0]?.indicators ?? indicatorCurves(r.indicators, r.strategy, candles, r.barMs, price),
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
    ...portfolio,
  };
}

/** A portfolio run's markets, each with its price line, and the basket's value at the equity's points; nothing for a run of one market. */
function portfolioDrawn(r: BacktestResult, equity: readonly [number, number][]): Pick<RunOutcome, 'markets' | 'basket'> {
  const pf = (r as Partial<PortfolioResult>).portfolio;
  if (!pf) return {};
  return {
    markets: pf.parts.map((p) => {
      const price = thin(p.candles.t, p.candles.c, CURVE_POINTS);
      return { symbol: p.symbol, weight: p.weight, price, indicators: indicatorCurves(r.indicators, r.strategy, p.candles, r.barMs, price), bars: p.candles.length, fills: p.fills, trades: p.trades, pnl: p.pnl, buyHoldReturnPct: finiteOrNull(p.buyHoldReturnPct), leadIn: p.leadIn };
    }),
    basket: sampleAt(r.t, pf.basket, equity),
  };
}
