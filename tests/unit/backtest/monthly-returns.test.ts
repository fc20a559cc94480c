// The report's monthly returns table: each UTC calendar month's return from the previous month's last
// equity (the capital for the first), hand-computed on bars that straddle month and year ends.
import { describe, expect, it } from 'vitest';
import { monthlyReturns } from '../../../electron/backtest/series-shapes.ts';

const at = (iso: string) => Date.parse(iso);

describe('monthlyReturns', () => {
  it('takes each month from the last bar before it ends, across a year end and a skipped month', () => {
    const t = [at('2023-11-30T23:00:00Z'), at('2023-12-01T00:00:00Z'), at('2023-12-31T23:59:00Z'), at('2024-01-01T00:00:00Z'), at('2024-03-15T12:00:00Z'), at('2024-03-31T23:00:00Z')];
    const equity = [1100, 1000, 1210, 1331, 1064.8, 1200];
    const got = monthlyReturns(t, equity, 1000);
    expect(got.map((m) => m.month)).toEqual(['2023-11', '2023-12', '2024-01', '2024-03']);
    expect(got.map((m) => [m.year, m.m])).toEqual([[2023, 11], [2023, 12], [2024, 1], [2024, 3]]);
    // Nov: 1000 → 1100 (+10%); Dec: 1100 → 1210 (+10%); Jan: 1210 → 1331 (+10%); Mar: 1331 → 1200.
    const r = got.map((m) => m.returnPct);
    expect(r[0]).toBeCloseTo(10, 10);
    expect(r[1]).toBeCloseTo(10, 10);
    expect(r[2]).toBeCloseTo(10, 10);
    expect(r[3]).toBeCloseTo((1200 / 1331 - 1) * 100, 10);
  });

  it('gives one month for bars inside one month, and none for no bars', () => {
    const t = Float64Array.from({ length: 1440 }, (_, i) => at('2024-02-29T00:00:00Z') + i * 60_000);
    const eq = Float64Array.from({ length: 1440 }, (_, i) => 500 + i);
    expect(monthlyReturns(t, eq, 1000)).toEqual([{ month: '2024-02', year: 2024, m: 2, returnPct: (1939 / 1000 - 1) * 100 }]);
    expect(monthlyReturns([], [], 1000)).toEqual([]);
  });

  it('says 0% when the equity it starts from is gone', () => {
    const got = monthlyReturns([at('2024-01-10T00:00:00Z'), at('2024-02-10T00:00:00Z')], [0, 50], 100);
    expect(got.map((m) => m.returnPct)).toEqual([-100, 0]);
  });
});
