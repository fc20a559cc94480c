// How the runs table writes each metric: percentages, ratios and days grouped by thousands as its money is.
import { describe, expect, it } from 'vitest';
import { METRIC_COLUMNS } from '../../../renderer/src/features/backtest/metric-columns.ts';

const format = (key: string, v: number | null) => METRIC_COLUMNS.find((c) => c.key === key)!.format(v);

describe('the runs table metrics', () => {
  it('groups large percentages, ratios and days by thousands, as the money beside them', () => {
    // A three-week run's CAGR, and a drawdown of three years in days: 4731.19% beside 12,499.45 read as another kind of number.
    expect(format('cagrPct', 4731.187)).toBe('4,731.19%');
    expect(format('maxDrawdownDays', 1088.25)).toBe('1,088.25');
    expect(format('calmar', 746.08)).toBe('746.08');
    expect(format('totalReturnPct', -6.666)).toBe('-6.67%');
    expect(format('finalEquity', 12499.45)).toBe('12,499.45');
    expect(format('trades', 1234)).toBe('1,234');
    expect(format('sharpe', null)).toBe('–');
  });
});
