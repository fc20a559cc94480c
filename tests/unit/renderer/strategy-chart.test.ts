// A running strategy's indicators as the chart's own: each of its declared ones with a chart twin of the
// same kind and parameters, a band's lines as one band, none added twice, and what has no twin named.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StrategyIndicator } from '../../../shared/contract/commands/strategy.ts';
import { setIndicators, useIndicators } from '../../../renderer/src/features/chart/indicators/indicator-store.ts';
import { chartStrategyIndicators, chartTwins } from '../../../renderer/src/features/strategies/strategy-chart.ts';
import type { RunningStrategy } from '../../../shared/contract/commands/strategy.ts';

const use = (name: string, params: Record<string, number>, over: Partial<StrategyIndicator> = {}): StrategyIndicator => ({ name, params, output: null, source: 'c', levels: [], ...over });

const running = (indicators: StrategyIndicator[]) => ({ id: 'bb-test', indicators, series: { symbol: 'BTC/USDT', timeframe: '1m' } }) as unknown as RunningStrategy;

describe("a strategy's indicators on the chart", () => {
  beforeEach(() => setIndicators([]));

  it('maps each to the chart indicator of the same kind and parameters, a band once', () => {
    const { twins, without } = chartTwins([
      use('bollinger', { period: 20, mult: 2.5 }, { output: 'middle' }),
      use('bollinger', { period: 20, mult: 2.5 }, { output: 'lower' }),
      use('rsi', { period: 14 }, { levels: [30, 70] }),
      use('donchian', { period: 55 }, { output: 'upper' }),
      use('sma', { period: 20 }, { source: 'v' }),
    ]);
    expect(twins).toEqual([
      { kind: 'bollinger', params: { period: 20, mult: 2.5 } },
      { kind: 'rsi', params: { period: 14 } },
      { kind: 'donchian', params: { period: 55 } },
    ]);
    expect(without.map((u) => `${u.name} of ${u.source}`)).toEqual(['sma of v']);
  });

  it('gives one on a longer timeframe no twin: the chart computes its own on the bars it shows', () => {
    const r = running([use('sma', { period: 20 }), use('sma', { period: 50 }, { timeframe: '1d' })]);
    expect(chartTwins(r.indicators).twins).toEqual([{ kind: 'sma', params: { period: 20 } }]);
    expect(chartStrategyIndicators(r, { symbol: 'BTC/USDT', timeframe: '1m' }).text).toBe('bb-test: SMA 20 added to the chart; sma of c on 1d has no chart indicator');
  });

  it('adds those the chart lacks and says what it did', () => {
    const r = running([use('sma', { period: 2 }), use('sma', { period: 5 }), use('ema', { period: 9 }, { source: 'h' })]);
    const chart = { symbol: 'BTC/USDT', timeframe: '1m' };
    expect(chartStrategyIndicators(r, chart)).toEqual({ kind: 'ok', text: 'bb-test: SMA 2, SMA 5 added to the chart; ema of h has no chart indicator' });
    expect(useIndicators.getState().list.map((i) => [i.kind, i.params])).toEqual([
      ['sma', { period: 2 }],
      ['sma', { period: 5 }],
    ]);
    // Again: nothing added twice; and a chart on another market is named.
    expect(chartStrategyIndicators(r, { symbol: 'ETH/USDT', timeframe: '1h' }).text).toBe('bb-test: SMA 2, SMA 5 already on it; ema of h has no chart indicator; the chart shows ETH/USDT 1h, bb-test trades BTC/USDT 1m');
    expect(useIndicators.getState().list).toHaveLength(2);
  });
});
