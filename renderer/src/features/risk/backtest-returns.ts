// A backtest's trades as R-multiples for the projection: its fills replayed into round trips, each
// trade's risk taken as the default stop distance (the backtest keeps no stop per trade), as the
// risk-per-trade rule assumes for an order without a stop. A portfolio run's fills name their market: each
// market's trades are its own (taken as one market, one's buys would net against another's sells).
import type { CommandResponse } from '../../../../shared/contract/index.ts';
import { tradeReturnsInR } from '../../../../shared/risk/trade-returns.ts';
import { marketsLabel } from '../backtest/run-markets.ts';
import { directionSuffix } from '../backtest/direction-view.ts';

type BacktestResult = CommandResponse<'backtest.result'>;
type BacktestSummary = CommandResponse<'backtest.list'>['runs'][number];

/** The projection needs at least this many trades to draw from. */
export const MIN_BACKTEST_TRADES = 5;

export function backtestReturns(result: Pick<BacktestResult, 'fills' | 'request'>, defaultStopPct: number): number[] {
  const symbol = result.request.series.symbol;
  return tradeReturnsInR(
    result.fills.map((f) => ({ orderId: 'backtest', symbol: f.symbol ?? symbol, ledger: 'backtest', side: f.side, price: f.price, qty: f.qty, fee: f.fee })),
    () => null,
    defaultStopPct,
  );
}

export function runLabel(run: Pick<BacktestSummary, 'runId' | 'request'>): string {
  return `backtest ${run.request.strategy}${directionSuffix(run.request)} on ${marketsLabel(run.request)} (${run.runId})`;
}
