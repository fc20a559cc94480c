// Indicators with a scale of their own, each drawn in a pane under the volume: oscillators (RSI,
// Stochastic), trend strength (ADX), MACD, and ATR and OBV, whose units are not the price's.
import { adx, AdxStream, atr, AtrStream, macd, MacdStream, obv, ObvStream, rsi, RsiStream, stochastic, StochasticStream } from '../../../../../shared/indicators/index.ts';
import { volumeOf } from './candle-columns.ts';
import { lineColors as C } from './indicator-colors.ts';
import type { IndicatorSpec, ParamSpec } from './indicator-types.ts';
import { period } from './overlay-specs.ts';

const whole = (key: string, label: string, def: number, max = 500): ParamSpec => ({ key, label, default: def, min: 1, max, integer: true });

/** TradingView's four shades: strong when the histogram grows away from zero, faded when it shrinks back. */
function macdColumn(value: number, previous: number): string {
  const growing = !(previous === previous) || Math.abs(value) >= Math.abs(previous);
  if (value >= 0) return growing ? C.histUpStrong : C.histUpWeak;
  return growing ? C.histDownStrong : C.histDownWeak;
}

export const PANE_SPECS: readonly IndicatorSpec[] = [
  {
    kind: 'rsi',
    name: 'Relative strength index',
    short: 'RSI',
    placement: 'pane',
    params: [period(14, 500)],
    lines: [{ key: 'value', label: '', color: C.oscillator, style: 'line' }],
    format: 'percent-like',
    levels: [30, 70],
    batch: (cols, p) => [rsi(cols.close, p.period)],
    stream: (p) => {
      const s = new RsiStream(p.period);
      return { add: (b, out) => void (out[0] = s.add(b.c)), replace: (b, out) => void (out[0] = s.replace(b.c)) };
    },
  },
  {
    kind: 'macd',
    name: 'MACD',
    short: 'MACD',
    placement: 'pane',
    params: [whole('fast', 'Fast', 12), whole('slow', 'Slow', 26), whole('signal', 'Signal', 9)],
    lines: [
      { key: 'histogram', label: 'H', color: C.histUpStrong, style: 'histogram', columnColor: macdColumn },
      { key: 'macd', label: 'M', color: C.fast, style: 'line' },
      { key: 'signal', label: 'S', color: C.slow, style: 'line' },
    ],
    format: 'price',
    labelLine: 1,
    check: (p) => (p.fast! < p.slow! ? null : 'Fast must be shorter than slow'),
    batch: (cols, p) => {
      const o = macd(cols.close, p.fast, p.slow, p.signal);
      return [o.histogram, o.macd, o.signal];
    },
    stream: (p) => {
      const s = new MacdStream(p.fast, p.slow, p.signal);
      const write = (out: Float64Array) => {
        out[0] = s.histogram;
        out[1] = s.macd;
        out[2] = s.signal;
      };
      return {
        add: (b, out) => {
          s.add(b.c);
          write(out);
        },
        replace: (b, out) => {
          s.replace(b.c);
          write(out);
        },
      };
    },
  },
  {
    kind: 'stochastic',
    name: 'Stochastic',
    short: 'Stoch',
    placement: 'pane',
    params: [whole('kPeriod', '%K period', 14), whole('kSmooth', '%K smoothing', 3, 100), whole('dPeriod', '%D period', 3, 100)],
    lines: [
      { key: 'k', label: '%K', color: C.fast, style: 'line' },
      { key: 'd', label: '%D', color: C.slow, style: 'line' },
    ],
    format: 'percent-like',
    levels: [20, 80],
    batch: (cols, p) => {
      const o = stochastic(cols.high, cols.low, cols.close, p.kPeriod, p.kSmooth, p.dPeriod);
      return [o.k, o.d];
    },
    stream: (p) => {
      const s = new StochasticStream(p.kPeriod, p.kSmooth, p.dPeriod);
      return {
        add: (b, out) => {
          s.add(b.h, b.l, b.c);
          out[0] = s.k;
          out[1] = s.d;
        },
        replace: (b, out) => {
          s.replace(b.h, b.l, b.c);
          out[0] = s.k;
          out[1] = s.d;
        },
      };
    },
  },
  {
    kind: 'adx',
    name: 'Average directional index',
    short: 'ADX',
    placement: 'pane',
    params: [period(14, 500)],
    lines: [
      { key: 'adx', label: 'ADX', color: C.adx, style: 'line' },
      { key: 'plusDi', label: '+DI', color: C.trendUp, style: 'line' },
      { key: 'minusDi', label: '−DI', color: C.trendDown, style: 'line' },
    ],
    format: 'percent-like',
    levels: [25],
    batch: (cols, p) => {
      const o = adx(cols.high, cols.low, cols.close, p.period);
      return [o.adx, o.plusDi, o.minusDi];
    },
    stream: (p) => {
      const s = new AdxStream(p.period);
      return {
        add: (b, out) => {
          out[0] = s.add(b.h, b.l, b.c);
          out[1] = s.plusDi;
          out[2] = s.minusDi;
        },
        replace: (b, out) => {
          out[0] = s.replace(b.h, b.l, b.c);
          out[1] = s.plusDi;
          out[2] = s.minusDi;
        },
      };
    },
  },
  {
    kind: 'atr',
    name: 'Average true range',
    short: 'ATR',
    placement: 'pane',
    params: [period(14, 500)],
    lines: [{ key: 'value', label: '', color: C.atr, style: 'line' }],
    format: 'price',
    batch: (cols, p) => [atr(cols.high, cols.low, cols.close, p.period)],
    stream: (p) => {
      const s = new AtrStream(p.period);
      return { add: (b, out) => void (out[0] = s.add(b.h, b.l, b.c)), replace: (b, out) => void (out[0] = s.replace(b.h, b.l, b.c)) };
    },
  },
  {
    kind: 'obv',
    name: 'On-balance volume',
    short: 'OBV',
    placement: 'pane',
    params: [],
    lines: [{ key: 'value', label: '', color: C.obv, style: 'line' }],
    format: 'volume',
    batch: (cols) => [obv(cols.close, cols.volume)],
    stream: () => {
      const s = new ObvStream();
      return { add: (b, out) => void (out[0] = s.add(b.c, volumeOf(b))), replace: (b, out) => void (out[0] = s.replace(b.c, volumeOf(b))) };
    },
  },
];
