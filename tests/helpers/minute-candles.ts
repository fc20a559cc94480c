// One-minute candles for the journal's tests: prices stepping by one from `base`, every third volume missing.
import type { Candle } from '../../shared/domain/candle.ts';

export const MIN = 60_000;
export const T0 = Date.UTC(2024, 0, 1);

export function minuteCandles(n: number, start = T0, base = 100): Candle[] {
  return Array.from({ length: n }, (_, i) => {
    const o = base + i;
    return { t: start + i * MIN, o, h: o + 2, l: o - 1, c: o + 1, v: i % 3 === 2 ? null : i + 0.5 };
  });
}
