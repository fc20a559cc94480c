// A trial run of a strategy of the trader's own before it starts on an account. On an account it runs in a
// thread of its own (strategies/strategy-thread.ts), and the engine's thread waits up to 2 s for it at each
// bar before it stops it: a strategy stuck from its first bars would cost the engine those seconds and then
// stop. So before the app starts one, it runs the same file over the market's last bars in a worker thread
// (the backtest's own RunPool), which can be terminated: a strategy that does not get through them within
// TRIAL_BUDGET_MS, or that throws, is not started, and the trader is told why. A loop that only a later
// bar sets off is the thread's to stop.
import type { Candle } from '../../shared/domain/candle.ts';
import type { Direction } from '../../shared/domain/direction.ts';
import { timeframeMs, type Timeframe } from '../../shared/domain/timeframe.ts';
import { toColumns } from '../journal/candle-columns.ts';
import { NO_STOPS, riskModeSettings } from './risk-modes.ts';
import { RunPool } from './run-pool.ts';

/** How long the trial may take, the worker's start and the file's import included. */
export const TRIAL_BUDGET_MS = 10_000;
/**
 * Bars the trial runs over: the market's last ones, or made-up ones when the market has none at hand. With
 * the budget, 20 ms a bar: a strategy that heavy still gets through, one that never returns does not.
 */
export const TRIAL_BARS = 500;

export interface TrialRequest {
  strategy: string;
  /** The file it is loaded from in the worker. */
  strategyFile: string;
  params: Record<string, number>;
  symbol: string;
  timeframe: Timeframe;
  direction: Direction;
  /** The market's last closed bars, oldest first; empty: the trial makes up a random walk. */
  bars: readonly Candle[];
  budgetMs?: number;
}

/** Null when the strategy got through the bars in time; otherwise why it is not started. */
export async function trialProblem(r: TrialRequest): Promise<string | null> {
  const budget = r.budgetMs ?? TRIAL_BUDGET_MS;
  const bars = r.bars.length >= 2 ? r.bars : madeUpBars(r.timeframe);
  const what = r.bars.length >= 2 ? `the last ${bars.length.toLocaleString('en-US')} ${r.timeframe} bars of ${r.symbol}` : `${bars.length.toLocaleString('en-US')} made-up ${r.timeframe} bars (no ${r.symbol} history was at hand)`;
  const pool = new RunPool([{ candles: toColumns(bars) }], 1);
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budget)));
    const setup = {
      strategy: r.strategy,
      strategyFile: r.strategyFile,
      symbol: r.symbol,
      barMs: timeframeMs(r.timeframe),
      risk: riskModeSettings('moderate', undefined, NO_STOPS),
      capital: 10_000,
      feePct: 0.1,
      slippageBps: 0,
      direction: r.direction,
    };
    // Settled either way, so the run's rejection when its worker is terminated below is nobody's unhandled one.
    const run = pool.run([{ setup, market: 0, params: r.params }]).then(
      () => 'ok' as const,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    const outcome = await Promise.race([run, late]);
    if (outcome === 'ok') return null;
    if (outcome instanceof Error) return `${r.strategy} failed in a trial run over ${what}, so it was not started: ${outcome.message}`;
    return `${r.strategy} did not get through a trial run over ${what} within ${budget / 1000} s (stuck in a loop?), so it was not started: on an account it would be stopped at the first bar it takes more than 2 s on. Run it as a backtest to see where it stops`;
  } finally {
    clearTimeout(timer);
    // Terminates the worker, whatever it is doing.
    await pool.close();
  }
}

/** A random walk from 100, one bar per timeframe ending now: enough for a strategy's code to run through. */
function madeUpBars(timeframe: Timeframe): Candle[] {
  const ms = timeframeMs(timeframe);
  const end = Math.floor(Date.now() / ms) * ms;
  const out: Candle[] = [];
  let price = 100;
  // A fixed generator: the same bars every trial.
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < TRIAL_BARS; i++) {
    const o = price;
    const c = o * (1 + (next() - 0.5) * 0.02);
    out.push({ t: end - (TRIAL_BARS - i) * ms, o, h: Math.max(o, c) * (1 + next() * 0.005), l: Math.min(o, c) * (1 - next() * 0.005), c, v: 1 });
    price = c;
  }
  return out;
}
