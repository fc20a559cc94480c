import { describe, expect, it } from 'vitest';
import { obv, ObvStream } from '../../../shared/indicators/index.ts';
import { expand, expectClose, expectIdentical, expectStreamMatches, withNaN, without } from './compare.ts';
import { btc5000, btcAll } from './data.ts';
import { talib } from '../../helpers/talib-wasm.ts';

const F = (...v: number[]) => Float64Array.from(v);

describe('obv', () => {
  it("matches TA-Lib OBV less the first bar's volume (Keel starts at 0) on 5,000 real candles", async () => {
    const c = btc5000();
    const [ref] = await talib('OBV', [c.close, c.volume], []);
    const got = obv(c.close, c.volume);
    // Relative to the typical total's size: the running total crosses 0 now and then.
    expectClose(got, ref!.map((x) => x - c.volume[0]!), 'obv', 1e-9, 1);
    expect(got[0]).toBe(0);
  });

  it('works out a small case by hand: up adds, down subtracts, unchanged keeps', () => {
    expectIdentical(obv(F(10, 11, 11, 9, 12), F(5, 2, 7, 3, 1)), F(0, 2, 2, -1, 0), 'obv');
    expect(obv(new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });

  it('treats a bar with a NaN close or volume as missing', () => {
    const c = btc5000();
    const holes = [0, 9, 10, 4321];
    const got = obv(withNaN(c.close, [0, 10]), withNaN(c.volume, [9, 4321]));
    expectIdentical(got, expand(obv(without(c.close, holes), without(c.volume, holes)), 5000, holes), 'obv with holes');
  });

  it('streams the same numbers as the batch form, forming bars replaced', () => {
    const c = btcAll();
    expectStreamMatches('obv', c.close.length, () => new ObvStream(), (s, i, how, stage) => (stage === 'forming' ? s[how](c.open[i]!, 0) : s[how](c.close[i]!, c.volume[i]!)), (s) => [s.value], [obv(c.close, c.volume)]);
  });
});
