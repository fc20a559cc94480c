// What the legend says about one bar: its time, OHLCV and change from the previous close, and each
// indicator's values, formatted the way the axis would write them. Pure, so it is unit-tested; the
// legend components only lay it out.
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { enNumber } from '../../../../../shared/domain/en-number.ts';
import { formatPrice, formatPriceLike } from '../../../lib/format.ts';
import { lineColor } from '../indicators/indicator-catalog.ts';
import type { IndicatorRun } from '../indicators/indicator-run.ts';
import type { ValueFormat } from '../indicators/indicator-types.ts';

export type Direction = 'up' | 'down' | 'flat';

export interface BarLegend {
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  /** "+12.30 (+0.03%)" against the previous bar's close; empty for the first bar. */
  change: string;
  direction: Direction;
}

export interface LegendValue {
  label: string;
  text: string;
  color: string;
}

export interface IndicatorLegend {
  id: string;
  title: string;
  placement: 'overlay' | 'pane';
  values: LegendValue[];
}

export interface LegendModel {
  /** The bar under the crosshair, or false when the legend shows the latest bar. */
  hovering: boolean;
  /** Index of the bar shown, or null on an empty chart. */
  index: number | null;
  bar: BarLegend | null;
  indicators: IndicatorLegend[];
}

export const EMPTY_LEGEND: LegendModel = { hovering: false, index: null, bar: null, indicators: [] };

/** `v` with `d` decimals and no thousands separator, and no minus on a value that rounds to zero (enNumber). */
const fixed = (v: number, d: number) => enNumber(v, d, d).replaceAll(',', '');

/**
 * 1.23K, 45.6M, 7.89B: volumes are read for their size, not their last digit. A volume-like indicator (OBV)
 * goes below zero, and one that rounds to zero shows no minus ("0.0000", not "-0.0000").
 */
export function formatVolume(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${fixed(v / 1e9, 2)}B`;
  if (abs >= 1e6) return `${fixed(v / 1e6, 2)}M`;
  if (abs >= 1e3) return `${fixed(v / 1e3, 2)}K`;
  return abs >= 100 || Number.isInteger(v) ? fixed(v, 0) : fixed(v, abs >= 1 ? 2 : 4);
}

/**
 * An indicator value written like its axis: prices as the instrument, oscillators with 2 decimals (an
 * oscillator near zero, a MACD at -0.001, reads "0.00", not "-0.00": no fall shows).
 */
export function formatIndicatorValue(v: number, format: ValueFormat, price: number | null): string {
  if (!Number.isFinite(v)) return '—';
  if (format === 'volume') return formatVolume(v);
  if (format === 'percent-like') return fixed(v, 2);
  return formatPriceLike(v, price ?? v);
}

export function formatChange(close: number, previous: number | undefined): { change: string; direction: Direction } {
  if (previous === undefined || !(previous > 0)) return { change: '', direction: 'flat' };
  const diff = close - previous;
  const direction: Direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
  const pct = ((Math.abs(diff) / previous) * 100).toFixed(2);
  const abs = formatPriceLike(Math.abs(diff), close);
  // The percent signed by what shows: a tick on a large price is a move, but "−0.00%" is not a fall.
  return { change: `${sign}${abs} (${pct === '0.00' ? '' : sign}${pct}%)`, direction };
}

export function barLegend(candles: readonly Candle[], index: number): BarLegend | null {
  const c = candles[index];
  if (!c) return null;
  return {
    time: c.t,
    open: formatPrice(c.o),
    high: formatPrice(c.h),
    low: formatPrice(c.l),
    close: formatPrice(c.c),
    volume: formatVolume(c.v),
    ...formatChange(c.c, candles[index - 1]?.c),
  };
}

export function indicatorLegend(run: IndicatorRun, index: number, price: number | null): IndicatorLegend {
  const { spec, instance } = run;
  const values: LegendValue[] = [];
  spec.lines.forEach((line, k) => {
    const v = run.valueAt(k, index);
    if (line.sparse && !Number.isFinite(v)) return;
    values.push({ label: line.label, text: formatIndicatorValue(v, spec.format, price), color: lineColor(instance, k) });
  });
  // A sparse indicator (SuperTrend) in warm-up has no line with a value: one dash, not none.
  if (values.length === 0) values.push({ label: '', text: '—', color: lineColor(instance, 0) });
  return { id: instance.id, title: run.label, placement: spec.placement, values };
}

/**
 * The legend for bar `hover` (the crosshair's), or for the latest bar when the crosshair is off the
 * chart or past its last bar.
 */
export function buildLegend(candles: readonly Candle[], runs: readonly IndicatorRun[], hover: number | null): LegendModel {
  if (candles.length === 0) return { ...EMPTY_LEGEND, indicators: runs.map((r) => indicatorLegend(r, -1, null)) };
  const last = candles.length - 1;
  const hovering = hover !== null && hover >= 0 && hover <= last;
  const index = hovering ? hover : last;
  const price = candles[index]!.c;
  return { hovering, index, bar: barLegend(candles, index), indicators: runs.map((r) => indicatorLegend(r, index, price)) };
}
