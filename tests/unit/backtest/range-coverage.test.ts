// A run over dates the candles do not reach says so: its metrics are the candles' span, not the range's.
import { describe, expect, it } from 'vitest';
import { rangeCoverageNote } from '../../../electron/backtest/range-coverage.ts';
import { synthetic } from './synthetic.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
/** 48 hourly bars from 2024-01-01 00:00: their span ends 2024-01-03 00:00. */
const candles = synthetic(Array.from({ length: 48 }, (_, i) => 100 + i), { barMs: HOUR, t0: T0 });

describe('rangeCoverageNote', () => {
  it('says nothing when the candles fill the range, or miss less than a bar of it', () => {
    expect(rangeCoverageNote({ from: T0, toExclusive: T0 + 48 * HOUR }, candles, HOUR)).toBeNull();
    expect(rangeCoverageNote({ from: T0 - HOUR, toExclusive: T0 + 49 * HOUR }, candles, HOUR)).toBeNull();
    expect(rangeCoverageNote({}, candles, HOUR)).toBeNull();
  });

  it('names the dates asked, the candles\' own, and how far short they fall at either end', () => {
    expect(rangeCoverageNote({ from: T0, toExclusive: Date.UTC(2024, 0, 13) }, candles, HOUR)).toBe(
      'the range asked for is 2024-01-01 00:00 to 2024-01-13 00:00; the candles in it run from 2024-01-01 00:00 to 2024-01-03 00:00: they end 10d before it ends, so the run, its metrics and buy and hold cover their span only',
    );
    expect(rangeCoverageNote({ from: Date.UTC(2023, 11, 30, 12), toExclusive: Date.UTC(2024, 0, 4) }, candles, HOUR, 'ETH/USDT')).toBe(
      "the range asked for is 2023-12-30 12:00 to 2024-01-04 00:00; ETH/USDT's candles in it run from 2024-01-01 00:00 to 2024-01-03 00:00: they start 1d 12h after it starts and end 1d before it ends, so ETH/USDT is traded over that span only",
    );
  });
});
