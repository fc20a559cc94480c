import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ema, macd, MacdStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, firstValue, withNaN, without } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

interface TiMacd {
  MACD?: number;
  signal?: number;
  histogram?: number;
}
const ti = createRequire(import.meta.url)('technicalindicators') as {
  MACD: { calculate(o: { values: number[]; fastPeriod: number; slowPeriod: number; signalPeriod: number; SimpleMAOscillator: boolean; SimpleMASignal: boolean }): TiMacd[] };
};

describe('macd', () => {
  it('matches technicalindicators MACD (EMA oscillator and signal) on 5,000 real closes', () => {
    const c = btc5000();
    const n = c.close.length;
    const ref = ti.MACD.calculate({ values: Array.from(c.close), fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
    // technicalindicators drops the first slow-1 bars and leaves signal undefined until it seeds.
    const offset = n - ref.length;
    expect(offset).toBe(25);
    const pad = (f: (r: TiMacd) => number | undefined) => {
      const a = new Float64Array(n).fill(NaN);
      ref.forEach((r, i) => (a[i + offset] = f(r) ?? NaN));
      return a;
    };
    const got = macd(c.close);
    // MACD hovers around 0: errors are taken relative to max(|value|, 1), i.e. 1e-9 of a dollar near 0.
    expectClose(got.macd, pad((r) => r.MACD), 'macd', 1e-9, 1);
    expectClose(got.signal, pad((r) => r.signal), 'signal', 1e-9, 1);
    expectClose(got.histogram, pad((r) => r.histogram), 'histogram', 1e-9, 1);
    expect(firstValue(got.macd)).toBe(25);
    expect(firstValue(got.signal)).toBe(33);
    expect(firstValue(got.histogram)).toBe(33);
  });

  it('equals TA-Lib EMA(12) - EMA(26), and TA-Lib EMA(9) of that line (each EMA seeded on its own)', async () => {
    const c = btc5000();
    const [e12] = await talib('EMA', [c.close], [12]);
    const [e26] = await talib('EMA', [c.close], [26]);
    const line = e12!.map((v, i) => v - e26![i]!);
    const got = macd(c.close);
    expectClose(got.macd, line, 'macd vs TA-Lib EMAs', 1e-9, 1);
    // TA-Lib's EMA does not skip leading NaNs; feed it the line from its first value.
    const [sig] = await talib('EMA', [line.slice(25)], [9]);
    const signal = new Float64Array(c.close.length).fill(NaN);
    signal.set(sig!, 25);
    expectClose(got.signal, signal, 'signal vs TA-Lib EMA', 1e-9, 1);
    // And the signal is just ema() of the line: the NaN-skipping EMA composes.
    expectIdentical(got.signal, ema(got.macd, 9), 'signal = ema(macd, 9)');
  });

  it('returns NaN warm-up for short input, and treats a NaN as a missing bar', () => {
    expect(macd(new Float64Array(0)).macd.length).toBe(0);
    const short = macd(btc5000().close.slice(0, 30));
    expect(firstValue(short.macd)).toBe(25);
    expect(firstValue(short.signal)).toBe(-1);
    const c = btc5000();
    const holes = [0, 20, 30, 31, 2000];
    const got = macd(withNaN(c.close, holes));
    const compact = macd(without(c.close, holes));
    expectIdentical(got.macd, expand(compact.macd, c.close.length, holes), 'macd with holes');
    expectIdentical(got.signal, expand(compact.signal, c.close.length, holes), 'signal with holes');
    expectIdentical(got.histogram, expand(compact.histogram, c.close.length, holes), 'histogram with holes');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    const b = macd(c.close);
    expectStreamMatches(
      'macd',
      c.close.length,
      () => new MacdStream(),
      (s, i, how, stage) => s[how](stage === 'forming' ? c.open[i]! : c.close[i]!),
      (s) => [s.macd, s.signal, s.histogram, s.value],
      [b.macd, b.signal, b.histogram, b.macd],
    );
    const holes = withNaN(c.close.slice(0, 2000), [0, 12, 26, 27, 40]);
    const bh = macd(holes, 5, 8, 3);
    expectStreamMatches('macd(5,8,3) with NaN', holes.length, () => new MacdStream(5, 8, 3), (s, i, how, stage) => s[how](stage === 'forming' ? NaN : holes[i]!), (s) => [s.macd, s.signal, s.histogram], [bh.macd, bh.signal, bh.histogram]);
  });
});
