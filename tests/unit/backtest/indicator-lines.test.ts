// The lines a run's price chart draws for its strategy: named as the trading chart names them, over the
// price or in a pane of their own, and holding exactly the values the strategy read bar by bar during the
// run (recorded here by a strategy that writes down what its views show at each close), so what the chart
// shows is why the strategy traded where it did.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indicatorCurves, indicatorLines, MAX_INDICATOR_LINES } from '../../../electron/backtest/indicator-lines.ts';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { thin } from '../../../electron/backtest/series-shapes.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { defineStrategy, type IndicatorUse } from '../../../electron/strategies/strategy.ts';
import { sma } from '../../../shared/indicators/sma.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');

const MINUTE = 60_000;

async function btc1m() {
  const file = path.join(DATA, 'binanceus_BTCUSDT_1m_20230301_20230321.csv');
  return (await candlesFromFile(file, { from: Date.UTC(2023, 2, 1), toExclusive: Date.UTC(2023, 2, 4) })).candles;
}

const labelsOf = (name: string, params: Record<string, number> = {}) => {
  const { def, params: p } = strategyWithParams(name, params);
  return def.indicators(p);
};

describe("a run's indicator lines", () => {
  it('names each built-in strategy\'s lines as the trading chart does and puts oscillators under the price', async () => {
    const candles = await btc1m();
    const legend = (uses: IndicatorUse[]) => indicatorLines(uses, 'x', candles, MINUTE).map((l) => [l.label, l.overlay]);
    expect(legend(labelsOf('sma-cross', { fast: 10, slow: 30 }))).toEqual([['SMA 10', true], ['SMA 30', true]]);
    expect(legend(labelsOf('ema-cross', { fast: 12, slow: 26 }))).toEqual([['EMA 12', true], ['EMA 26', true]]);
    expect(legend(labelsOf('bollinger-reversion', { period: 20, mult: 2 }))).toEqual([['BB 20 2 middle', true], ['BB 20 2 lower', true]]);
    expect(legend(labelsOf('donchian-breakout', { period: 20, exit: 10 }))).toEqual([['DC 20 upper', true], ['DC 10 lower', true]]);
    expect(legend(labelsOf('rsi-reversion', { period: 14 }))).toEqual([['RSI 14', false]]);
    // With the levels it buys under and sells over, for its pane to draw.
    expect(indicatorLines(labelsOf('rsi-reversion', { period: 10, lower: 25, upper: 80 }), 'x', candles, MINUTE).map((l) => l.levels)).toEqual([[25, 80]]);
    expect(legend(labelsOf('ai-assisted'))).toEqual([]);
    // An average of the volume is no price: it gets a pane of its own, and its label says what it averages.
    expect(legend([{ name: 'sma', params: { period: 20 }, source: 'v', warmup: 19 }, { name: 'atr', params: { period: 14 }, warmup: 14 }])).toEqual([
      ['SMA 20 of v', false],
      ['ATR 14', false],
    ]);
  });

  it('draws a line the strategy reads twice once, and at most a handful of lines', async () => {
    const candles = await btc1m();
    const twice: IndicatorUse[] = [
      { name: 'sma', params: { period: 5 }, warmup: 4 },
      { name: 'sma', params: { period: 5 }, warmup: 4 },
    ];
    expect(indicatorLines(twice, 'x', candles, MINUTE).map((l) => l.label)).toEqual(['SMA 5']);
    const many: IndicatorUse[] = Array.from({ length: 10 }, (_, k) => ({ name: 'ema', params: { period: k + 2 }, warmup: k + 1 }));
    expect(indicatorLines(many, 'x', candles, MINUTE).map((l) => l.label)).toEqual(['EMA 2', 'EMA 3', 'EMA 4', 'EMA 5', 'EMA 6', 'EMA 7'].slice(0, MAX_INDICATOR_LINES));
  });

  it('holds, bar by bar, the values the strategy read during its run', async () => {
    const candles = await btc1m();
    const seen: number[][] = [[], [], []];
    const uses: IndicatorUse[] = [
      { name: 'ema', params: { period: 21 }, warmup: 20 },
      { name: 'bollinger', params: { period: 20, mult: 2 }, output: 'upper', warmup: 19 },
      { name: 'rsi', params: { period: 14 }, warmup: 14 },
    ];
    const recorder = defineStrategy({
      name: 'recorder',
      description: 'writes down what its indicator views show at each close',
      params: {},
      indicators: () => uses,
      create(_p, ctx) {
        return {
          onBar() {
            ctx.indicators.forEach((v, k) => seen[k]!.push(v.ago(0)));
          },
        };
      },
    });
    const r = runBacktest({ def: recorder, params: {}, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0 });
    expect(r.indicators).toEqual(uses);
    const lines = indicatorLines(r.indicators, r.strategy, candles, MINUTE);
    expect(lines.map((l) => l.label)).toEqual(['EMA 21', 'BB 20 2 upper', 'RSI 14']);
    lines.forEach((l, k) => {
      expect(seen[k]!.length).toBe(candles.length);
      expect(Array.from(l.values)).toEqual(seen[k]);
    });
  });

  it("samples each line at the price line's thinned points, leaving out the warm-up", async () => {
    const candles = await btc1m();
    const price = thin(candles.t, candles.c, 600);
    const curves = indicatorCurves([{ name: 'sma', params: { period: 50 }, warmup: 49 }], 'x', candles, MINUTE, price);
    const want = sma(candles.c, 50);
    const index = new Map(Array.from(candles.t, (t, i) => [t, i]));
    const [line] = curves;
    // Every point is one of the price's, with the SMA of that bar; the points before its 50th bar have none.
    const withValue = price.filter(([t]) => index.get(t)! >= 49);
    expect(line!.points.map(([t]) => t)).toEqual(withValue.map(([t]) => t));
    for (const [t, v] of line!.points) expect(v).toBe(want[index.get(t)!]);
    expect(line!.points.length).toBeLessThan(price.length);
  });
});
