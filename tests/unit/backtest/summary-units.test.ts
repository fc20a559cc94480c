// The summary's amounts say what they are counted in (withUnits): the account's asset, which is the
// market's quote (10,000 ETH for a run of XRP/ETH), in the label when the runs share one, else after
// each amount; percentages and counts are left alone.
import { describe, expect, it } from 'vitest';
import { summaryRows, withUnits } from '../../../electron/backtest/summary-table.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';

const metrics = (feesPaid: number, finalEquity: number, expectancy: number, borrowInterest = 0) =>
  ({ totalReturnPct: 1.5, feesPaid, finalEquity, expectancy, borrowInterest, trades: 4 }) as unknown as Metrics;
const run = (symbol: string, m: Metrics, direction: 'long' | 'both' = 'long') => ({ strategy: 'sma-cross', params: {}, mode: 'moderate', metrics: m, symbol, direction, trades: [] });
const row = (rows: string[][], start: string) => rows.find(([label]) => label!.startsWith(start))!;

describe('the summary amounts', () => {
  it('carry the one asset the runs count in in their labels; percentages and counts none', () => {
    const rows = summaryRows([run('XRP/ETH', metrics(945.14, 9101.75, -18.33))]);
    expect(row(rows, 'fees paid')).toEqual(['fees paid (ETH)', '945.14']);
    expect(row(rows, 'final equity')).toEqual(['final equity (ETH)', '9,101.75']);
    expect(row(rows, 'expectancy')).toEqual(['expectancy (per trade, ETH)', '-18.33']);
    expect(row(rows, 'total return')).toEqual(['total return', '1.50%']);
    expect(row(rows, 'trades (closed)')).toEqual(['trades (closed)', '4']);
    // The return against buy and hold is a difference of percents, in points: "-473.12%" read as a loss of 473%.
    const behind = summaryRows([run('BTC/USDT', { ...metrics(1, 2, 3), excessReturnPct: -473.12 } as Metrics)]);
    expect(row(behind, 'vs buy and hold')).toEqual(['vs buy and hold (% points)', '-473.12']);
    const usdt = summaryRows([run('BTC/USDT', metrics(1, 2, 3)), run('ETH/USDT', metrics(4, 5, 6))]);
    expect(row(usdt, 'fees paid')).toEqual(['fees paid (USDT)', '1.00', '4.00']);
  });

  it('put the asset after each amount when the runs count in different ones, and none after a dash', () => {
    const rows = summaryRows([run('XRP/ETH', metrics(945.14, 9101.75, Number.NaN)), run('BTC/USDT', metrics(1921.14, 8137.55, -17.74))]);
    expect(row(rows, 'fees paid')).toEqual(['fees paid', '945.14 ETH', '1,921.14 USDT']);
    expect(row(rows, 'expectancy')).toEqual(['expectancy (per trade)', '–', '-17.74 USDT']);
  });

  it('cover the rows a run that could short adds: borrow interest and each side\'s P&L', () => {
    const rows = summaryRows([run('BTC/USDT', metrics(1, 2, 3, 12.5), 'both'), run('BTC/USDT', metrics(1, 2, 3), 'long')]);
    expect(row(rows, 'borrow interest')).toEqual(['borrow interest (USDT)', '12.50', '0.00']);
    expect(row(rows, 'short P&L')).toEqual(['short P&L (USDT)', '0.00', '0.00']);
    expect(row(rows, 'short trades')).toEqual(['short trades', '0', '0']);
  });

  it('are left as they are for runs that name no market', () => {
    const rows = [['fees paid', '1.00']];
    expect(withUnits([{}], rows)).toEqual(rows);
  });
});
