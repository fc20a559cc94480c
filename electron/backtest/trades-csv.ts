// A run's round trips as a CSV file, one row per trade, for a spreadsheet or a notebook (TradingView's
// "list of trades" export): `keel backtest --trades-csv FILE` and the app's CSV button write the same
// columns. Several runs (a comparison) share one file, told apart by the run column; the market column is
// the run's symbol, or each trade's own in a portfolio run. Times are ISO UTC and epoch ms; numbers as
// the run computed them; a trade still open at the end has exit "open", valued at the last close.
import { csvRecord, type CsvValue } from '../journal/csv.ts';
import type { Trade } from './trades.ts';

export const TRADES_CSV_HEADER = [
  'run', 'symbol', 'trade', 'side', 'entry_time', 'entry_ms', 'entry_price', 'exit_time', 'exit_ms', 'exit_price', 'qty',
  'fees', 'interest', 'pnl', 'return_pct', 'exit', 'entry_tag', 'exit_tag', 'run_up_pct', 'drawdown_pct', 'run_up', 'drawdown',
] as const;

/** One run's trades with the labels its rows carry. */
export interface TradesOfRun {
  /** "sma-cross(fast=10,slow=30) moderate": the summary table's name for the run. */
  run: string;
  /** The market it traded ("BTC/USDT"; a portfolio's trades name their own). */
  symbol: string;
  trades: readonly Trade[];
}

const iso = (t: number) => new Date(t).toISOString();
const opt = (v: number | undefined): CsvValue => (v === undefined || !Number.isFinite(v) ? null : v);

function row(run: TradesOfRun, t: Trade, n: number): CsvValue[] {
  return [
    run.run, t.symbol ?? run.symbol, n, t.side, iso(t.entryTs), t.entryTs, opt(t.entryPrice), iso(t.exitTs), t.exitTs, opt(t.exitPrice), t.qty,
    t.fees, t.interest ?? 0, t.pnl, t.returnPct, t.exit, t.entryTag ?? null, t.exitTag ?? null, opt(t.runUpPct), opt(t.drawdownPct), opt(t.runUp), opt(t.drawdown),
  ];
}

/** The header and every trade of every run, in the runs' order and each run's trade order (numbered from 1). */
export function tradesCsv(runs: readonly TradesOfRun[]): string {
  let out = csvRecord(TRADES_CSV_HEADER);
  for (const run of runs) run.trades.forEach((t, i) => (out += csvRecord(row(run, t, i + 1))));
  return out;
}
