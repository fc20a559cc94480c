// Everything a backtest needs besides its candles and parameters, as plain data: what crosses into a
// worker thread, what the UI sends, what a report echoes.
import { splitExitParams, type RunExits } from '../../shared/backtest/run-exits.ts';
import type { Direction } from '../../shared/domain/direction.ts';
import { columnsBetween, type CandleColumns } from '../journal/candle-columns.ts';
import type { SignalSource } from '../strategies/engine-context.ts';
import { findStrategy } from '../strategies/registry.ts';
import type { JournaledSignal } from '../strategies/strategy.ts';
import type { RiskModeSettings } from './risk-modes.ts';
import { measurePortfolio, measureRun } from './excursions.ts';
import { runBacktest, type BacktestResult } from './run-backtest.ts';
import { runPortfolio, type PortfolioResult } from './run-portfolio.ts';

export interface RunSetup {
  strategy: string;
  /** The trader's own file the strategy came from (null or absent: a built-in): a worker thread loads it first. */
  strategyFile?: string | null | undefined;
  symbol: string;
  barMs: number;
  risk: RiskModeSettings;
  capital: number;
  feePct: number;
  slippageBps: number;
  /** Protective exits on every entry (keel backtest --stop-loss/--take-profit); absent: none. */
  exits?: RunExits | undefined;
  /** Journaled signals the run may read (ai-assisted), already loaded. */
  signals?: JournaledSignal[] | undefined;
  /** Which sides the strategy may take (keel backtest --direction); absent: long. */
  direction?: Direction | undefined;
  /** What a short pays on what it borrowed, percent a year (keel backtest --borrow-rate); absent: 0. */
  borrowRatePct?: number | undefined;
}

export function listSignals(signals: readonly JournaledSignal[] | undefined): SignalSource | undefined {
  if (!signals || signals.length === 0) return undefined;
  return { load: (kind, symbol) => signals.filter((s) => s.kind === kind && s.symbol === symbol).sort((a, b) => a.ts - b.ts) };
}

/**
 * Bars [from, to) of the columns, without copying, with the bars before them as their lead (lead-in.ts):
 * the columns' own before `from`, then the columns' lead. A stretch of a run (a search's holdout, a
 * walk-forward's fold) reads its warm-up from them, as the whole run reads the bars before --from.
 */
export function sliceColumns(c: CandleColumns, from: number, to: number): CandleColumns {
  if (from === 0 && to === c.length) return c;
  const out = columnsBetween(c, from, to);
  if (from > 0) {
    const before = columnsBetween(c, 0, from);
    if (c.lead !== undefined) before.lead = c.lead;
    out.lead = before;
  } else if (c.lead !== undefined) out.lead = c.lead;
  return out;
}

/** What a caller may add to a run: progress and cancel, lower-timeframe detail, and whether its trades are shown. */
type RunHooks = Pick<Parameters<typeof runBacktest>[0], 'onProgress' | 'cancelled' | 'detail'> & {
  /** Measure each trade's run-up and drawdown (excursions.ts) for the reports; false for a search's sets, which show none. */
  excursions?: boolean;
};

/** What every run takes from the setup and a set: the strategy, its own parameters, the money and the exits (the set's, where it names them). */
function runTerms(setup: RunSetup, params: Record<string, number>) {
  const set = splitExitParams(params, setup.exits);
  return {
    def: findStrategy(setup.strategy),
    params: set.params,
    barMs: setup.barMs,
    risk: setup.risk,
    capital: setup.capital,
    feePct: setup.feePct,
    slippageBps: setup.slippageBps,
    exits: set.exits,
    direction: setup.direction,
    borrowRatePct: setup.borrowRatePct,
  };
}

/** One run of `params` over bars [from, to); a search's set may carry exits among them (splitExitParams). */
export function runSetup(setup: RunSetup, candles: CandleColumns, params: Record<string, number>, from = 0, to = candles.length, hooks: RunHooks = {}): BacktestResult {
  const { excursions = true, ...engineHooks } = hooks;
  const bars = sliceColumns(candles, from, to);
  const r = runBacktest({ ...runTerms(setup, params), symbol: setup.symbol, candles: bars, signals: listSignals(setup.signals), ...engineHooks });
  if (excursions) measureRun(r, bars, setup.barMs, engineHooks.detail);
  return r;
}

/** A market of a portfolio run as plain data: its candles and the journaled signals it may read. */
export interface SetupMarket {
  symbol: string;
  candles: CandleColumns;
  signals?: JournaledSignal[] | undefined;
  /** Its weight relative to the others' (keel backtest --weights); absent: equal shares. */
  weight?: number | undefined;
  /** Its finer bars (keel backtest --detail TF) that decide fills inside its bars; absent: none. */
  detail?: { candles: CandleColumns; barMs: number } | undefined;
}

/**
 * One portfolio run of `params` over the markets from one account (keel backtest --portfolio, and the
 * app's portfolio runs: the same function, so the same numbers). The setup's symbol and signals are the
 * first market's; each market brings its own.
 */
export function runPortfolioSetup(
  setup: RunSetup,
  markets: readonly SetupMarket[],
  params: Record<string, number>,
  hooks: Pick<Parameters<typeof runPortfolio>[0], 'onProgress' | 'cancelled' | 'weightTotal'> & Pick<RunHooks, 'excursions'> = {},
): PortfolioResult {
  const { excursions = true, ...engineHooks } = hooks;
  const r = runPortfolio({
    ...runTerms(setup, params),
    markets: markets.map((m) => ({ symbol: m.symbol, candles: m.candles, signals: listSignals(m.signals), weight: m.weight, detail: m.detail })),
    ...engineHooks,
  });
  if (excursions) measurePortfolio(r, setup.barMs, new Map(markets.map((m) => [m.symbol, m.detail])));
  return r;
}
