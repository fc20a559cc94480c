// The chart's indicator layer: every spec's batch and streaming forms agree bar for bar on real
// candles (so a live bar reads the same as after a reload), and IndicatorRun streams add()/replace()
// at the right moments, survives trimming and recomputes after older history joins.
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { readBtc1m } from '../../helpers/indicator-candles.ts';
import { toColumns } from '../../../renderer/src/features/chart/indicators/candle-columns.ts';
import { defaultParams, INDICATOR_SPECS, instanceLabel, lineColor, specOf } from '../../../renderer/src/features/chart/indicators/indicator-catalog.ts';
import { IndicatorRun } from '../../../renderer/src/features/chart/indicators/indicator-run.ts';
import type { IndicatorInstance } from '../../../renderer/src/features/chart/indicators/indicator-types.ts';

const cols = readBtc1m(3_000);
const CANDLES: Candle[] = Array.from(cols.time, (t, i) => ({ t, o: cols.open[i]!, h: cols.high[i]!, l: cols.low[i]!, c: cols.close[i]!, v: cols.volume[i]! }));

const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b;

describe('indicator catalog', () => {
  it('offers the overlays and panes the chart promises', () => {
    expect(INDICATOR_SPECS.filter((s) => s.placement === 'overlay').map((s) => s.kind)).toEqual(['sma', 'ema', 'wma', 'bollinger', 'donchian', 'keltner', 'supertrend', 'vwap']);
    expect(INDICATOR_SPECS.filter((s) => s.placement === 'pane').map((s) => s.kind)).toEqual(['rsi', 'macd', 'stochastic', 'adx', 'atr', 'obv']);
  });

  for (const spec of INDICATOR_SPECS) {
    it(`${spec.kind}: streaming (add per bar, replace for the forming one) equals the batch on ${CANDLES.length} real bars`, () => {
      const params = defaultParams(spec);
      const batch = spec.batch(toColumns(CANDLES), params);
      expect(batch).toHaveLength(spec.lines.length);
      const stream = spec.stream(params);
      const out = new Float64Array(spec.lines.length);
      let finite = 0;
      for (let i = 0; i < CANDLES.length; i++) {
        const c = CANDLES[i]!;
        // The bar forms first (open only), then is replaced by its final values, as a live feed does.
        stream.add({ ...c, h: c.o, l: c.o, c: c.o, v: 0 }, out);
        stream.replace(c, out);
        for (let k = 0; k < spec.lines.length; k++) {
          if (!same(out[k]!, batch[k]![i]!)) throw new Error(`${spec.kind} line ${spec.lines[k]!.key} bar ${i}: stream ${out[k]} batch ${batch[k]![i]}`);
          if (Number.isFinite(out[k]!)) finite++;
        }
      }
      expect(finite).toBeGreaterThan(CANDLES.length * 0.9);
    });
  }

  it('names instances by short name and parameters, and colours single-line overlays their own way', () => {
    const ema: IndicatorInstance = { id: 'ema-1', kind: 'ema', params: { period: 20 }, color: '#123456' };
    expect(instanceLabel(ema)).toBe('EMA 20');
    expect(instanceLabel({ id: 'macd-1', kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } })).toBe('MACD 12 26 9');
    expect(instanceLabel({ id: 'vwap-1', kind: 'vwap', params: {} })).toBe('VWAP');
    expect(lineColor(ema, 0)).toBe('#123456');
    // Bands take their instance's colour too; SuperTrend keeps its up and down colours whatever is stored.
    const bb: IndicatorInstance = { id: 'bollinger-1', kind: 'bollinger', params: { period: 20, mult: 2 }, color: '#123456' };
    expect([0, 1, 2].map((k) => lineColor(bb, k))).toEqual(['#123456', '#123456', '#123456']);
    expect(lineColor({ id: 'supertrend-1', kind: 'supertrend', params: { period: 10, mult: 3 }, color: '#123456' }, 0)).toBe(specOf('supertrend').lines[0]!.color);
  });

  it('SuperTrend draws its up line or its down line on each bar, never both', () => {
    const [up, down] = specOf('supertrend').batch(toColumns(CANDLES), { period: 10, mult: 3 });
    let ups = 0;
    let downs = 0;
    for (let i = 10; i < CANDLES.length; i++) {
      const u = Number.isFinite(up![i]!);
      const d = Number.isFinite(down![i]!);
      expect(u !== d).toBe(true);
      if (u) ups++;
      else downs++;
    }
    expect(ups).toBeGreaterThan(0);
    expect(downs).toBeGreaterThan(0);
  });
});

describe('IndicatorRun', () => {
  const ema = (period: number): IndicatorInstance => ({ id: 'ema-1', kind: 'ema', params: { period } });

  it('streams live bars onto the batch values: replace() for the forming bar, add() for a new one', () => {
    const history = CANDLES.slice(0, 1000);
    const run = new IndicatorRun(ema(20));
    run.compute(toColumns(history));
    const window = history.slice();
    // The last stored bar amended, then two new bars, the second amended twice.
    const edits: [number, Candle][] = [
      [999, { ...CANDLES[999]!, c: CANDLES[999]!.c + 5 }],
      [999, CANDLES[999]!],
      [1000, { ...CANDLES[1000]!, c: CANDLES[1000]!.o }],
      [1000, CANDLES[1000]!],
      [1001, { ...CANDLES[1001]!, c: 1 }],
      [1001, CANDLES[1001]!],
    ];
    for (const [i, bar] of edits) {
      window[i] = bar;
      run.update(window, i);
    }
    const reference = new IndicatorRun(ema(20));
    reference.compute(toColumns(CANDLES.slice(0, 1002)));
    expect(run.lines[0]).toEqual(reference.lines[0]);
  });

  it('keeps its values and its stream when the oldest bars are trimmed', () => {
    const window = CANDLES.slice(0, 500);
    const run = new IndicatorRun(ema(10));
    run.compute(toColumns(window));
    window.push(CANDLES[500]!);
    run.update(window, 500);
    const before = run.lines[0]!.slice(100);
    window.splice(0, 100);
    run.trimLeft(100);
    expect(run.lines[0]).toEqual(before);
    window.push(CANDLES[501]!);
    run.update(window, window.length - 1);
    const reference = new IndicatorRun(ema(10));
    reference.compute(toColumns(CANDLES.slice(0, 502)));
    expect(run.valueAt(0, window.length - 1)).toBe(reference.valueAt(0, 501));
  });

  it('reads NaN outside its bars', () => {
    const run = new IndicatorRun(ema(10));
    run.compute(toColumns(CANDLES.slice(0, 20)));
    expect(run.valueAt(0, -1)).toBeNaN();
    expect(run.valueAt(0, 5)).toBeNaN();
    expect(run.valueAt(0, 9)).toBeCloseTo(CANDLES.slice(0, 10).reduce((s, c) => s + c.c, 0) / 10, 9);
    expect(run.valueAt(0, 20)).toBeNaN();
  });

  it('treats a candle without volume as a missing bar for volume indicators', () => {
    const bars = CANDLES.slice(0, 30).map((c, i) => (i === 15 ? { ...c, v: null } : c));
    const [values] = specOf('obv').batch(toColumns(bars), {});
    expect(values![15]).toBeNaN();
    expect(Number.isFinite(values![16]!)).toBe(true);
  });
});
