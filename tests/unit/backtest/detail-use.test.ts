// The finer bars keel backtest --detail-data says it fills from: those inside the run's bars, counted, and the
// ones a file holds outside them (before the first bar, in a gap, past the last close) said apart with their
// span, only when there are any.
import { describe, expect, it } from 'vitest';
import { detailUse, detailUseLine } from '../../../electron/backtest/detail-use.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2024, 0, 1, 10);
const opens = (from: number, count: number, step: number) => Array.from({ length: count }, (_, i) => from + i * step);

describe('the finer bars a run uses', () => {
  it('counts only the minutes inside its hours, and names the span of those before the first hour', () => {
    const hours = opens(T0, 48, HOUR);
    const minutes = opens(T0 - 2 * HOUR, 50 * 60, MINUTE);
    const use = detailUse(hours, HOUR, minutes, MINUTE);
    expect(use).toEqual({ used: 48 * 60, before: { count: 120, from: T0 - 2 * HOUR, to: T0 }, after: null, between: 0 });
    expect(detailUseLine(use, '1m', 'fine.csv')).toBe(
      "fills inside those bars from 2,880 1m candles from fine.csv; not used, outside the run's bars: 120 before the run's first bar (2024-01-01T08:00Z to 2024-01-01T10:00Z)",
    );
  });

  it('says nothing of unused minutes when there are none', () => {
    const hours = opens(T0, 3, HOUR);
    const use = detailUse(hours, HOUR, opens(T0, 180, MINUTE), MINUTE);
    expect(detailUseLine(use, '1m', 'fine.csv')).toBe('fills inside those bars from 180 1m candles from fine.csv');
  });

  it('names the minutes after the last close and in a gap between the hours', () => {
    // Hours at 10:00 and 12:00 (11:00 missing), minutes from 10:00 to 13:30.
    const use = detailUse([T0, T0 + 2 * HOUR], HOUR, opens(T0, 210, MINUTE), MINUTE);
    expect(use).toEqual({ used: 120, before: null, after: { count: 30, from: T0 + 3 * HOUR, to: T0 + 3.5 * HOUR }, between: 60 });
    expect(detailUseLine(use, '1m', 'fine.csv')).toBe(
      "fills inside those bars from 120 1m candles from fine.csv; not used, outside the run's bars: 60 in gaps between its bars, 30 after its last bar's close (2024-01-01T13:00Z to 2024-01-01T13:30Z)",
    );
  });
});
