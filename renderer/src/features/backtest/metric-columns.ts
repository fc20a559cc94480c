// The metrics the runs table shows side by side, with how each reads.
import { holdTimeText } from '../../../../shared/backtest/hold-time.ts';
import { formatMoney } from '../../lib/format.ts';

export interface MetricColumn {
  key: string;
  label: string;
  format: (v: number | null) => string;
}

const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)}%`);
const ratio = (v: number | null) => (v === null ? '–' : v.toFixed(2));
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
  { key: 'buyHoldReturnPct', label: 'Buy & hold', format: pct },
  { key: 'finalEquity', label: 'Final equity', format: money },
];
