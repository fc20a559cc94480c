// Indicators drawn over the candles, on the price scale: moving averages, bands and channels,
// SuperTrend and VWAP. Each pairs a batch function (the loaded history) with its streaming class
// (live bars), both from shared/indicators, which give identical numbers.
import {
  bollinger,
  BollingerStream,
  donchian,
  DonchianStream,
  ema,
  EmaStream,
  keltner,
  KeltnerStream,
  sma,
  SmaStream,
  supertrend,
  SuperTrendStream,
  vwap,
  VwapStream,
  wma,
  WmaStream,
} from '../../../../../shared/indicators/index.ts';
import type { Candle } from '../../../../../shared/domain/candle.ts';
import { volumeOf } from './candle-columns.ts';
import { lineColors as C } from './indicator-colors.ts';
import type { IndicatorSpec, IndicatorStream, ParamSpec } from './indicator-types.ts';

export const period = (def: number, max = 1000): ParamSpec => ({ key: 'period', label: 'Period', default: def, min: 1, max, integer: true });
export const multiplier = (def: number, key = 'mult', label = 'Multiplier'): ParamSpec => ({ key, label, default: def, min: 0.1, max: 10, integer: false });

/** A stream over one input per bar (the close), writing the single line. */
function closeStream(s: { add(x: number): number; replace(x: number): number }): IndicatorStream {
  return {
    add: (b, out) => void (out[0] = s.add(b.c)),
    replace: (b, out) => void (out[0] = s.replace(b.c)),
  };
}

/** Streams with upper/middle/lower getters, fed by `feed`, write the three lines in that order. */
function bandStream<S extends { upper: number; middle: number; lower: number }>(s: S, add: (b: Candle) => void, replace: (b: Candle) => void): IndicatorStream {
  const write = (out: Float64Array) => {
    out[0] = s.upper;
    out[1] = s.middle;
    out[2] = s.lower;
  };
  return {
    add: (b, out) => {
      add(b);
      write(out);
    },
    replace: (b, out) => {
      replace(b);
      write(out);
    },
  };
}

// All three lines take the instance's colour, so a band never shares a hue with another overlay. The
// middle line keeps its dash to stand apart from the bands: a hue of its own would be one more palette
// colour taken, and would again match a moving average's. `color` and `middleColor` are the hues
// instances saved before overlays had their own colour are still drawn in.
const BAND_LINES = (color: string, middleColor = color) =>
  [
    { key: 'upper', label: 'U', color, style: 'line', ownColor: true },
    { key: 'middle', label: 'M', color: middleColor, style: 'line', dashed: true, ownColor: true },
    { key: 'lower', label: 'L', color, style: 'line', ownColor: true },
  ] as const;

type CloseStreamClass = new (period: number) => { add(x: number): number; replace(x: number): number };

function movingAverage(kind: 'sma' | 'ema' | 'wma', name: string, batch: typeof sma, Stream: CloseStreamClass): IndicatorSpec {
  return {
    kind,
    name,
    short: kind.toUpperCase(),
    placement: 'overlay',
    params: [period(20)],
    lines: [{ key: 'value', label: '', color: C.bandMiddle, style: 'line', ownColor: true }],
    format: 'price',
    batch: (cols, p) => [batch(cols.close, p.period!)],
    stream: (p) => closeStream(new Stream(p.period!)),
  };
}

export const OVERLAY_SPECS: readonly IndicatorSpec[] = [
  movingAverage('sma', 'Simple moving average', sma, SmaStream),
  movingAverage('ema', 'Exponential moving average', ema, EmaStream),
  movingAverage('wma', 'Weighted moving average', wma, WmaStream),
  {
    kind: 'bollinger',
    name: 'Bollinger Bands',
    short: 'BB',
    placement: 'overlay',
    params: [period(20), multiplier(2, 'mult', 'Std dev')],
    lines: BAND_LINES(C.band, C.bandMiddle),
    format: 'price',
    batch: (cols, p) => {
      const o = bollinger(cols.close, p.period, p.mult);
      return [o.upper, o.middle, o.lower];
    },
    stream: (p) => {
      const s = new BollingerStream(p.period, p.mult);
      return bandStream(s, (b) => s.add(b.c), (b) => s.replace(b.c));
    },
  },
  {
    kind: 'donchian',
    name: 'Donchian Channels',
    short: 'DC',
    placement: 'overlay',
    params: [period(20)],
    lines: BAND_LINES(C.donchian),
    format: 'price',
    batch: (cols, p) => {
      const o = donchian(cols.high, cols.low, p.period);
      return [o.upper, o.middle, o.lower];
    },
    stream: (p) => {
      const s = new DonchianStream(p.period);
      return bandStream(s, (b) => s.add(b.h, b.l), (b) => s.replace(b.h, b.l));
    },
  },
  {
    kind: 'keltner',
    name: 'Keltner Channels',
    short: 'KC',
    placement: 'overlay',
    params: [period(20), multiplier(2), { key: 'atrPeriod', label: 'ATR period', default: 10, min: 1, max: 1000, integer: true }],
    lines: BAND_LINES(C.keltner),
    format: 'price',
    batch: (cols, p) => {
      const o = keltner(cols.high, cols.low, cols.close, p.period, p.mult, p.atrPeriod);
      return [o.upper, o.middle, o.lower];
    },
    stream: (p) => {
      const s = new KeltnerStream(p.period, p.mult, p.atrPeriod);
      return bandStream(s, (b) => s.add(b.h, b.l, b.c), (b) => s.replace(b.h, b.l, b.c));
    },
  },
  {
    kind: 'supertrend',
    name: 'SuperTrend',
    short: 'ST',
    placement: 'overlay',
    params: [period(10), multiplier(3)],
    // Two sparse lines, green under an uptrend and red over a downtrend, so a flip leaves a gap
    // instead of a vertical stroke from one band to the other.
    lines: [
      { key: 'up', label: '', color: C.trendUp, style: 'line', sparse: true },
      { key: 'down', label: '', color: C.trendDown, style: 'line', sparse: true },
    ],
    format: 'price',
    batch: (cols, p) => {
      const { value, direction } = supertrend(cols.high, cols.low, cols.close, p.period, p.mult);
      const up = new Float64Array(value.length).fill(NaN);
      const down = new Float64Array(value.length).fill(NaN);
      for (let i = 0; i < value.length; i++) {
        if (direction[i] === 1) up[i] = value[i]!;
        else if (direction[i] === -1) down[i] = value[i]!;
      }
      return [up, down];
    },
    stream: (p) => {
      const s = new SuperTrendStream(p.period, p.mult);
      const write = (v: number, out: Float64Array) => {
        out[0] = s.direction === 1 ? v : NaN;
        out[1] = s.direction === -1 ? v : NaN;
      };
      return {
        add: (b, out) => write(s.add(b.h, b.l, b.c), out),
        replace: (b, out) => write(s.replace(b.h, b.l, b.c), out),
      };
    },
  },
  {
    kind: 'vwap',
    name: 'VWAP (UTC day)',
    short: 'VWAP',
    placement: 'overlay',
    // Anchored to the UTC day, the session crypto desks quote; a cumulative VWAP over weeks of
    // history says little about today's trading.
    params: [],
    lines: [{ key: 'value', label: '', color: C.vwap, style: 'line', ownColor: true }],
    format: 'price',
    batch: (cols) => [vwap(cols.high, cols.low, cols.close, cols.volume, { reset: 'utc-day', time: cols.time })],
    stream: () => {
      const s = new VwapStream({ reset: 'utc-day' });
      return {
        add: (b, out) => void (out[0] = s.add(b.h, b.l, b.c, volumeOf(b), b.t)),
        replace: (b, out) => void (out[0] = s.replace(b.h, b.l, b.c, volumeOf(b), b.t)),
      };
    },
  },
];
