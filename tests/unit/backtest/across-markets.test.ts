// The across-markets block and the summary table's market labels, on hand-made runs: a row per variant and
// a column per market in the order given, each market's buy and hold, the count of markets a variant beat
// buy and hold on and made money on, a warning when the markets cover different stretches, and the
// summary table's labels naming the market only when the runs span more than one.
import { describe, expect, it } from 'vitest';
import { acrossMarkets, type MarketRun } from '../../../electron/backtest/across-markets.ts';
import type { Metrics } from '../../../electron/backtest/metrics.ts';
import { runLabel, summaryTable } from '../../../electron/backtest/summary-table.ts';

const JAN = Date.UTC(2022, 0, 1);
const JUL = Date.UTC(2022, 6, 1);

function run(strategy: string, market: string, ret: number, dd: number, sharpe: number, bh: number, span = { from: JAN, to: JUL }): MarketRun {
  return { market, strategy, params: { fast: 10, slow: 30 }, mode: 'moderate', metrics: { totalReturnPct: ret, maxDrawdownPct: dd, sharpe, buyHoldReturnPct: bh, ...span } };
}

describe('across markets', () => {
  it('a row per variant, a column per market, buy and hold, and how many markets each variant beat it and made money on', () => {
    const runs = [
      run('sma-cross', 'BTC/USDT', 12.5, 8.25, 1.2, 10),
      run('sma-cross', 'ETH/USDT', -3, 15.5, -0.4, -20),
      run('sma-cross', 'SOL/USDT', 4, 9, 0.35, 30.125),
      run('ema-cross', 'BTC/USDT', 5, 6, Number.NaN, 10),
      run('ema-cross', 'ETH/USDT', 1, 2, 0.1, -20),
      run('ema-cross', 'SOL/USDT', 40, 12, 2.5, 30.125),
    ];
    expect(acrossMarkets(runs)).toEqual({
      title: 'Across markets (return · max drawdown · Sharpe)',
      rows: [
        ['', 'BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'markets'],
        ['buy and hold', '10.00%', '-20.00%', '30.13%', ''],
        ['sma-cross(fast=10,slow=30) moderate', '12.50% · 8.25% · 1.20', '-3.00% · 15.50% · -0.40', '4.00% · 9.00% · 0.35', '2/3 beat B&H, 2/3 > 0'],
        ['ema-cross(fast=10,slow=30) moderate', '5.00% · 6.00% · –', '1.00% · 2.00% · 0.10', '40.00% · 12.00% · 2.50', '2/3 beat B&H, 3/3 > 0'],
      ],
      warnings: [],
    });
  });

  it('warns when the markets cover different stretches of time', () => {
    const later = { from: Date.UTC(2022, 2, 1), to: JUL };
    const e = acrossMarkets([run('sma-cross', 'BTC/USDT', 1, 1, 1, 0), run('sma-cross', 'ETH/USDT', 1, 1, 1, 0, later)]);
    expect(e.warnings).toEqual(['WARNING: the markets cover different stretches (BTC/USDT 2022-01-01 to 2022-06-30, ETH/USDT 2022-03-01 to 2022-06-30); their returns are not over the same time']);
  });
});

describe('summary table labels', () => {
  const metrics = { totalReturnPct: 1 } as Metrics;
  const r = (market: string | undefined) => ({ strategy: 'sma-cross', params: { fast: 10 }, mode: 'moderate', metrics, market });

  it('name the market only when the runs span several', () => {
    expect(runLabel(r('BTC/USDT'))).toBe('sma-cross(fast=10) moderate');
    expect(runLabel(r('BTC/USDT'), true)).toBe('sma-cross(fast=10) moderate BTC/USDT');
    const header = (t: string) => t.split('\n')[0]!.trim();
    expect(header(summaryTable([r('BTC/USDT'), r('ETH/USDT')]))).toBe('sma-cross(fast=10) moderate BTC/USDT  sma-cross(fast=10) moderate ETH/USDT');
    expect(header(summaryTable([r('BTC/USDT'), r('BTC/USDT')]))).toBe('sma-cross(fast=10) moderate  sma-cross(fast=10) moderate');
    expect(summaryTable([r(undefined)])).toBe(summaryTable([r('BTC/USDT')]));
  });
});
