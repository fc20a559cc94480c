// The machine-readable report (`keel backtest --json FILE`): { metrics, fills, equity, ... } with times
// in epoch ms, sides "buy"/"sell" and plain numbers. NaN and infinite metrics (a Sharpe ratio of a run
// with one day, a profit factor without losses) are written as null.
import type { BacktestResult } from './run-backtest.ts';

export interface RunJson {
  strategy: string;
  params: Record<string, number>;
  symbol: string;
  timeframe: string;
  mode: string;
  capital: number;
  feePct: number;
  slippageBps: number;
  metrics: Record<string, number | null>;
  fills: { ts: number; side: 'buy' | 'sell'; price: number; qty: number; fee: number }[];
  /** [bar open time, equity at the bar's close]. */
  equity: [number, number][];
  trades: BacktestResult['trades'];
  notes: string[];
  /** Each pull of the kill switch: { from, to (null: engaged to the end), reason }. */
  halts: BacktestResult['halts'];
}

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
    capital: r.capital,
    feePct: r.feePct,
    slippageBps: r.slippageBps,
    metrics: metricsJson(r.metrics),
    fills: r.fills.map((f) => ({ ts: f.ts, side: f.side, price: f.price, qty: f.qty, fee: f.fee })),
    equity,
    trades: r.trades,
    notes: r.notes,
    halts: r.halts,
  };
}
