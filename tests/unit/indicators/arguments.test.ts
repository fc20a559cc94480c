// Bad arguments are programming errors and throw a RangeError that says what is valid; bad data never throws.
import { describe, expect, it } from 'vitest';
import * as K from '../../../shared/indicators/index.ts';

const x = Float64Array.from([1, 2, 3, 4, 5]);
const BAD_PERIODS = [0, -1, 2.5, NaN, Infinity, K.MAX_PERIOD + 1];

const byPeriod: [string, (p: number) => unknown][] = [
  ['sma', (p) => K.sma(x, p)],
  ['ema', (p) => K.ema(x, p)],
  ['wma', (p) => K.wma(x, p)],
  ['rsi', (p) => K.rsi(x, p)],
  ['macd fast', (p) => K.macd(x, p)],
  ['macd slow', (p) => K.macd(x, 12, p)],
  ['macd signal', (p) => K.macd(x, 12, 26, p)],
  ['bollinger', (p) => K.bollinger(x, p)],
  ['atr', (p) => K.atr(x, x, x, p)],
  ['stochastic k', (p) => K.stochastic(x, x, x, p)],
  ['stochastic smooth', (p) => K.stochastic(x, x, x, 14, p)],
  ['stochastic d', (p) => K.stochastic(x, x, x, 14, 3, p)],
  ['adx', (p) => K.adx(x, x, x, p)],
  ['donchian', (p) => K.donchian(x, x, p)],
  ['keltner', (p) => K.keltner(x, x, x, p)],
  ['keltner atr', (p) => K.keltner(x, x, x, 20, 2, p)],
  ['supertrend', (p) => K.supertrend(x, x, x, p)],
  ['rollingMax', (p) => K.rollingMax(x, p)],
  ['SmaStream', (p) => new K.SmaStream(p)],
  ['EmaStream', (p) => new K.EmaStream(p)],
  ['WmaStream', (p) => new K.WmaStream(p)],
  ['RsiStream', (p) => new K.RsiStream(p)],
  ['MacdStream', (p) => new K.MacdStream(p)],
  ['BollingerStream', (p) => new K.BollingerStream(p)],
  ['AtrStream', (p) => new K.AtrStream(p)],
  ['StochasticStream', (p) => new K.StochasticStream(p)],
  ['AdxStream', (p) => new K.AdxStream(p)],
  ['DonchianStream', (p) => new K.DonchianStream(p)],
  ['KeltnerStream', (p) => new K.KeltnerStream(p)],
  ['SuperTrendStream', (p) => new K.SuperTrendStream(p)],
  ['WindowExtremeStream', (p) => new K.WindowExtremeStream(p, 'min')],
];

describe('indicator arguments', () => {
  it.each(byPeriod)('%s refuses a period that is not a whole number from 1 up', (_name, call) => {
    for (const p of BAD_PERIODS) expect(() => call(p), `period ${p}`).toThrow(/must be a whole number from 1 to 1000000, got/);
    expect(() => call(1)).not.toThrow();
  });

  it('refuses negative or non-finite multipliers', () => {
    for (const m of [-1, NaN, Infinity]) {
      expect(() => K.bollinger(x, 2, m)).toThrow(RangeError);
      expect(() => K.keltner(x, x, x, 2, m)).toThrow(/mult must be a finite number of 0 or more/);
      expect(() => K.supertrend(x, x, x, 2, m)).toThrow(RangeError);
      expect(() => new K.BollingerStream(2, m)).toThrow(RangeError);
      expect(() => new K.KeltnerStream(2, m)).toThrow(RangeError);
      expect(() => new K.SuperTrendStream(2, m)).toThrow(RangeError);
    }
  });

  it('refuses inputs of different lengths and an output array of the wrong length', () => {
    const short = Float64Array.from([1, 2]);
    expect(() => K.atr(x, short, x)).toThrow(/high, low and close must have the same length, got 5, 2, 5/);
    expect(() => K.vwap(x, x, x, short)).toThrow(RangeError);
    expect(() => K.obv(x, short)).toThrow(RangeError);
    expect(() => K.sma(x, 2, new Float64Array(4))).toThrow(/output array has length 4, the input has 5/);
  });

  it('reuses a caller-provided output array', () => {
    const out = new Float64Array(5);
    expect(K.sma(x, 2, out)).toBe(out);
    const bands = { middle: new Float64Array(5), upper: new Float64Array(5), lower: new Float64Array(5) };
    expect(K.bollinger(x, 2, 2, bands).upper).toBe(bands.upper);
  });

  it("vwap's utc-day reset needs bar times, and reset must be one it knows", () => {
    expect(() => K.vwap(x, x, x, x, { reset: 'utc-day' })).toThrow(/needs options.time/);
    expect(() => K.vwap(x, x, x, x, { reset: 'weekly' as K.VwapReset })).toThrow(/reset must be 'none' or 'utc-day'/);
    expect(() => new K.VwapStream({ reset: 'weekly' as K.VwapReset })).toThrow(RangeError);
  });

  it('all-NaN input gives all-NaN output, never a number and never a throw', () => {
    const nan = new Float64Array(50).fill(NaN);
    const outs: Float64Array[] = [
      K.sma(nan, 5), K.ema(nan, 5), K.wma(nan, 5), K.rsi(nan), K.atr(nan, nan, nan), K.obv(nan, nan), K.vwap(nan, nan, nan, nan),
      ...Object.values(K.macd(nan)), ...Object.values(K.bollinger(nan)), ...Object.values(K.stochastic(nan, nan, nan)),
      ...Object.values(K.adx(nan, nan, nan)), ...Object.values(K.donchian(nan, nan)), ...Object.values(K.keltner(nan, nan, nan)),
      ...Object.values(K.supertrend(nan, nan, nan)),
    ];
    for (const o of outs) expect(o.every((v) => Number.isNaN(v))).toBe(true);
  });
});
