// A run's whole report as `keel backtest --json FILE` / `--html FILE` / `--trades-csv FILE` writes it: the
// JSON document (every fill, the equity at every bar, the trades, notes, halts and the Monte Carlo bands),
// the self-contained HTML page, or the trades as CSV. The app's Save report makes the same text from the
// same run (a portfolio run's too).
import type { ReportFormat } from '../../shared/contract/commands/backtest.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { MonteCarloResult } from './monte-carlo.ts';
import { monteExtra, portfolioExtra } from './report-extras.ts';
import { reportHtml } from './report-html.ts';
import { reportDoc } from './report-json.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { PortfolioResult } from './run-portfolio.ts';
import { runLabel } from './summary-table.ts';
import { tradesCsv } from './trades-csv.ts';

export type { ReportFormat };

/**
 * `hints`: the HTML's lines after the notes (halted-hint.ts); nulls are skipped.
 * `seed`: the Monte Carlo's, written beside its bands in the JSON.
 */
export function reportText(format: ReportFormat, r: BacktestResult, candles: CandleColumns, timeframe: string, source: string, mc: MonteCarloResult | null, hints: readonly (string | null)[] = [], seed?: number): string {
  if (format === 'json') return JSON.stringify(reportDoc(r, timeframe, source, { mc, seed })) + '\n';
  if (format === 'csv') return tradesCsv([{ run: runLabel(r), symbol: r.symbol, trades: r.trades }]);
  // In the order keel backtest prints them: a portfolio's markets, then the Monte Carlo bands.
  const extras = [];
  if ((r as Partial<PortfolioResult>).portfolio) extras.push(portfolioExtra(r as PortfolioResult));
  if (mc) extras.push(monteExtra(mc, undefined, r.metrics));
  return reportHtml(r, candles, { timeframe, source, hints }, extras);
}
