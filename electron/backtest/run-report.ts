// A run's whole report as `keel backtest --json FILE` / `--html FILE` writes it: the JSON document (every
// fill, the equity at every bar, the trades, notes, halts and the Monte Carlo bands) or the self-contained
// HTML page. The app's Save report makes the same text from the same run.
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { MonteCarloResult } from './monte-carlo.ts';
import { monteExtra } from './report-extras.ts';
import { reportHtml } from './report-html.ts';
import { reportDoc } from './report-json.ts';
import type { BacktestResult } from './run-backtest.ts';

export type ReportFormat = 'html' | 'json';

export function reportText(format: ReportFormat, r: BacktestResult, candles: CandleColumns, timeframe: string, source: string, mc: MonteCarloResult | null): string {
  if (format === 'json') return JSON.stringify(reportDoc(r, timeframe, source, { mc })) + '\n';
  return reportHtml(r, candles, { timeframe, source }, mc ? [monteExtra(mc)] : []);
}
