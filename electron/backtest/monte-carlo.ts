// Monte Carlo of a run's trades, for a confidence band around its return and its drawdown:
// - reorder: the same trades in a random order. The total return cannot change (returns compound in any
//   order), but the drawdown can: it shows how much of the drawdown was the luck of the sequence.
// - resample: trades drawn with replacement (bootstrap), as many as the run had: a band for both the
//   return and the drawdown, as if the same edge met a different sample of trades.
// Each trade is its return on the equity it started from (pnl / equity before it), compounded.
import { Random } from '../market/simulated/prng.ts';
import { BacktestCancelled } from './run-backtest.ts';
import type { Trade } from './trades.ts';

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export interface MonteCarloResult {
  runs: number;
  trades: number;
  /** The trades in the order they closed, measured as each simulation is (closed trade to closed trade): where
   *  the run itself falls in the bands. Its drawdown is shallower than the run's bar-by-bar max drawdown, which
   *  also sees the losses inside each trade. */
  actual: { returnPct: number; maxDrawdownPct: number };
  reorder: { returnPct: Band; maxDrawdownPct: Band };
  resample: { returnPct: Band; maxDrawdownPct: Band };
}

/**
 * Per trade, its P&L as a fraction of the equity before it, in the order they closed. `withOpen` adds the
 * trades still open at the end, valued at the last close (their P&L), after the closed ones: a walk-forward's
 * fold ends there and the next starts flat from that value, so on its stitched curve they are trades like the
 * others, and left out its Monte Carlo's "the run, in order" disagreed with the stitched return.
 */
export function tradeReturns(trades: readonly Trade[], capital: number, withOpen = false): number[] {
  const out: number[] = [];
  let equity = capital;
  // In the order they closed: a portfolio lists its markets' trades by entry, and they overlap.
  const closed = trades.filter((t) => t.closed).sort((a, b) => a.exitTs - b.exitTs);
  if (withOpen) closed.push(...trades.filter((t) => !t.closed).sort((a, b) => a.entryTs - b.entryTs));
  for (const t of closed) {
    out.push(equity > 0 ? t.pnl / equity : 0);
    equity += t.pnl;
  }
  return out;
}

/** Compounded return and max drawdown (percent) of a sequence of trade returns. */
export function pathStats(returns: ArrayLike<number>): { returnPct: number; maxDrawdownPct: number } {
  let e = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < returns.length; i++) {
    e *= 1 + returns[i]!;
    if (e > peak) peak = e;
    const d = (peak - e) / peak;
    if (d > worst) worst = d;
  }
  return { returnPct: (e - 1) * 100, maxDrawdownPct: worst * 100 };
}

export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function band(values: Float64Array): Band {
  const s = values.slice().sort();
  return { p5: percentile(s, 0.05), p50: percentile(s, 0.5), p95: percentile(s, 0.95) };
}

export interface MonteCarloHooks {
  /** Simulations done so far, every few of them and after the last. */
  onProgress?: ((done: number, runs: number) => void) | undefined;
  /** Polled with the progress; true stops the simulations with a BacktestCancelled. */
  cancelled?: (() => boolean) | undefined;
}

export function monteCarlo(returns: readonly number[], runs: number, seed = 1, hooks: MonteCarloHooks = {}): MonteCarloResult {
  const rnd = new Random(seed);
  const n = returns.length;
  // About 200,000 trade steps between reports (a few ms): 100,000 simulations of a handful of trades do not
  // post 100,000 messages, and one of 20,000 trades is not left silent for long.
  const every = Math.max(1, Math.ceil(200_000 / Math.max(1, n)));
  const path = new Float64Array(n);
  const out = { reorder: [new Float64Array(runs), new Float64Array(runs)], resample: [new Float64Array(runs), new Float64Array(runs)] };
  for (let r = 0; r < runs; r++) {
    // Fisher-Yates shuffle of the trade order.
    for (let i = 0; i < n; i++) path[i] = returns[i]!;
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(rnd.uniform() * (i + 1));
      const tmp = path[i]!;
      path[i] = path[k]!;
      path[k] = tmp;
    }
    let s = pathStats(path);
    out.reorder[0]![r] = s.returnPct;
    out.reorder[1]![r] = s.maxDrawdownPct;
    for (let i = 0; i < n; i++) path[i] = returns[Math.floor(rnd.uniform() * n)]!;
    s = pathStats(path);
    out.resample[0]![r] = s.returnPct;
    out.resample[1]![r] = s.maxDrawdownPct;
    if ((r + 1) % every === 0 || r + 1 === runs) {
      hooks.onProgress?.(r + 1, runs);
      if (hooks.cancelled?.()) throw new BacktestCancelled();
    }
  }
  return {
    runs,
    trades: n,
    actual: pathStats(returns),
    reorder: { returnPct: band(out.reorder[0]!), maxDrawdownPct: band(out.reorder[1]!) },
    resample: { returnPct: band(out.resample[0]!), maxDrawdownPct: band(out.resample[1]!) },
  };
}
