// The metrics the runs table shows side by side, with how each reads. Borrow interest is one of them
// only while a run in the table could short (or paid some): a table of long-only runs reads as before.
import { holdTimeText } from '../../../../shared/backtest/hold-time.ts';
import { enNumber } from '../../../../shared/domain/en-number.ts';
import { formatMoney } from '../../lib/format.ts';
import { showsBorrowInterest } from './borrow-view.ts';
import type { RunSummary } from './backtest-store.ts';

export interface MetricColumn {
  key: string;
  label: string;
  format: (v: number | null) => string;
}

// Grouped as the money columns are: a short run's CAGR of 4,731.19% or a drawdown of 1,088.25 days read
// as numbers of the same table, not 4731.19% beside 12,499.45.
const pct = (v: number | null) => (v === null ? '–' : `${enNumber(v, 2, 2)}%`);
const ratio = (v: number | null) => (v === null ? '–' : enNumber(v, 2, 2));
const whole = (v: number | null) => (v === null ? '–' : Math.round(v).toLocaleString('en-US'));
const money = (v: number | null) => (v === null ? '–' : formatMoney(v));

export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { key: 'totalReturnPct', label: 'Return', format: pct },
  { key: 'cagrPct', label: 'CAGR', format: pct },
  { key: 'sharpe', label: 'Sharpe', format: ratio },
  { key: 'sortino', label: 'Sortino', format: ratio },
  { key: 'calmar', label: 'Calmar', format: ratio },
  { key: 'maxDrawdownPct', label: 'Max DD', format: pct },
  { key: 'maxDrawdownDays', label: 'DD days', format: ratio },
  { key: 'winRatePct', label: 'Win rate', format: pct },
  { key: 'profitFactor', label: 'PF', format: ratio },
  { key: 'expectancy', label: 'Expectancy', format: money },
  { key: 'avgRewardToRisk', label: 'R:R', format: ratio },
  { key: 'maxLossStreak', label: 'Loss streak', format: whole },
  { key: 'avgTradeDays', label: 'Avg hold', format: holdTimeText },
  { key: 'exposurePct', label: 'Exposure', format: pct },
  { key: 'trades', label: 'Trades', format: whole },
  { key: 'feesPaid', label: 'Fees', format: money },
  { key: 'borrowInterest', label: 'Borrow interest', format: money },
  { key: 'buyHoldReturnPct', label: 'Buy & hold', format: pct },
  { key: 'finalEquity', label: 'Final equity', format: money },
];

/** The columns for these runs: every metric, borrow interest only when one of them could short or paid some. */
export function metricColumnsFor(runs: readonly Pick<RunSummary, 'request' | 'metrics'>[]): readonly MetricColumn[] {
  return runs.some(showsBorrowInterest) ? METRIC_COLUMNS : METRIC_COLUMNS.filter((c) => c.key !== 'borrowInterest');
}
