// The crosshair legend's text: OHLCV, change, volumes, indicator values in their formats.
import { lineColors } from '../../../renderer/src/features/chart/indicators/indicator-colors.ts';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { toColumns } from '../../../renderer/src/features/chart/indicators/candle-columns.ts';
import { IndicatorRun } from '../../../renderer/src/features/chart/indicators/indicator-run.ts';
import { barLegend, buildLegend, formatChange, formatIndicatorValue, formatVolume } from '../../../renderer/src/features/chart/legend/legend-format.ts';

const MIN = 60_000;
const candles: Candle[] = Array.from({ length: 40 }, (_, i) => ({ t: i * MIN, o: 46_000 + i, h: 46_010 + i, l: 45_990 + i, c: 46_005 + i, v: 1234.5 + i }));

function runOf(kind: 'sma' | 'rsi' | 'supertrend' | 'obv', params: Record<string, number>) {
  const run = new IndicatorRun({ id: `${kind}-1`, kind, params });
  run.compute(toColumns(candles));
  return run;
}

describe('legend formatting', () => {
  it('writes volumes by size', () => {
    expect(formatVolume(0)).toBe('0');
    expect(formatVolume(12.345)).toBe('12.35');
    expect(formatVolume(0.01234)).toBe('0.0123');
    expect(formatVolume(999)).toBe('999');
    expect(formatVolume(1234.5)).toBe('1.23K');
    expect(formatVolume(45_600_000)).toBe('45.60M');
    expect(formatVolume(7.891e9)).toBe('7.89B');
    expect(formatVolume(null)).toBe('—');
    expect(formatVolume(NaN)).toBe('—');
  });

  it('writes the change from the previous close with its sign and percentage', () => {
    expect(formatChange(46_005, 46_000)).toEqual({ change: '+5.00 (+0.01%)', direction: 'up' });
    expect(formatChange(0.5, 0.55)).toEqual({ change: '−0.050000 (−9.09%)', direction: 'down' });
    expect(formatChange(10, 10)).toEqual({ change: '0.0000 (0.00%)', direction: 'flat' });
    // A tick on a large price: the move has its sign, its percent rounds to zero and has none ("−0.00%").
    expect(formatChange(46_000, 46_001)).toEqual({ change: '−1.00 (0.00%)', direction: 'down' });
    expect(formatChange(46_001, 46_000)).toEqual({ change: '+1.00 (0.00%)', direction: 'up' });
    expect(formatChange(10, undefined)).toEqual({ change: '', direction: 'flat' });
  });

  it('writes indicator values like their axis', () => {
    expect(formatIndicatorValue(46_123.456, 'price', 46_000)).toBe('46,123.46');
    expect(formatIndicatorValue(-3.21987, 'price', 46_000)).toBe('-3.22');
    expect(formatIndicatorValue(0.000123, 'price', 0.5)).toBe('0.000123');
    expect(formatIndicatorValue(54.3219, 'percent-like', 46_000)).toBe('54.32');
    expect(formatIndicatorValue(2_500_000, 'volume', 46_000)).toBe('2.50M');
    expect(formatIndicatorValue(NaN, 'price', 46_000)).toBe('—');
  });

  it('prints no minus on an indicator value that rounds to zero, and keeps it on one that does not', () => {
    expect(formatIndicatorValue(-0.001, 'percent-like', 46_000)).toBe('0.00');
    expect(formatIndicatorValue(-0.005, 'percent-like', 46_000)).toBe('-0.01');
    expect(formatIndicatorValue(-12_345.678, 'percent-like', 46_000)).toBe('-12345.68');
    expect(formatVolume(-0.00001)).toBe('0.0000');
    expect(formatVolume(-0.4)).toBe('-0.4000');
    expect(formatVolume(-1_234_567)).toBe('-1.23M');
  });

  it('describes one bar: OHLCV and change', () => {
    expect(barLegend(candles, 1)).toEqual({ time: MIN, open: '46,001.00', high: '46,011.00', low: '45,991.00', close: '46,006.00', volume: '1.24K', change: '+1.00 (0.00%)', direction: 'up' });
    expect(barLegend(candles, 0)?.change).toBe('');
    expect(barLegend(candles, 99)).toBeNull();
  });
});

describe('buildLegend', () => {
  it('shows the hovered bar, or the latest when the crosshair is off the chart or past its last bar', () => {
    const runs = [runOf('sma', { period: 5 })];
    expect(buildLegend(candles, runs, 10)).toMatchObject({ hovering: true, index: 10, bar: { close: '46,015.00' } });
    expect(buildLegend(candles, runs, null)).toMatchObject({ hovering: false, index: 39, bar: { close: '46,044.00' } });
    expect(buildLegend(candles, runs, 500)).toMatchObject({ hovering: false, index: 39 });
    expect(buildLegend(candles, runs, -3)).toMatchObject({ hovering: false, index: 39 });
  });

  it("lists each indicator's values at that bar in its line colours, a dash in warm-up", () => {
    const sma = runOf('sma', { period: 5 });
    const rsi = runOf('rsi', { period: 14 });
    const legend = buildLegend(candles, [sma, rsi], 2);
    expect(legend.indicators).toEqual([
      { id: 'sma-1', title: 'SMA 5', placement: 'overlay', values: [{ label: '', text: '—', color: lineColors.bandMiddle }] },
      { id: 'rsi-1', title: 'RSI 14', placement: 'pane', values: [{ label: '', text: '—', color: lineColors.oscillator }] },
    ]);
    const later = buildLegend(candles, [sma, rsi], 20);
    expect(later.indicators[0]!.values[0]!.text).toBe('46,023.00');
    expect(later.indicators[1]!.values[0]!.text).toBe('100.00');
  });

  it("writes a band overlay's values in the colour its lines are drawn in", () => {
    const bb = new IndicatorRun({ id: 'bollinger-1', kind: 'bollinger', params: { period: 5, mult: 2 }, color: '#bcaeff' });
    bb.compute(toColumns(candles));
    expect(buildLegend(candles, [bb], 20).indicators[0]!.values.map((v) => v.color)).toEqual(['#bcaeff', '#bcaeff', '#bcaeff']);
  });

  it('leaves out the SuperTrend line that is not drawn on the bar', () => {
    const st = runOf('supertrend', { period: 10, mult: 3 });
    const values = buildLegend(candles, [st], 30).indicators[0]!.values;
    expect(values).toHaveLength(1);
    expect(buildLegend(candles, [st], 3).indicators[0]!.values).toEqual([{ label: '', text: '—', color: '#2ebd85' }]);
  });

  it('on an empty chart lists the indicators with no values', () => {
    expect(buildLegend([], [runOf('obv', {})], null)).toMatchObject({ hovering: false, index: null, bar: null, indicators: [{ id: 'obv-1', values: [{ text: '—' }] }] });
  });
});
