// A run over dates the candles do not reach says so: its metrics are the candles' span, not the range's.
import { describe, expect, it } from 'vitest';
import { coverageNotes, gapsNote, rangeCoverageNote } from '../../../electron/backtest/range-coverage.ts';
import { columnsBetween } from '../../../electron/journal/candle-columns.ts';
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

/** The candles with bars [a, b) cut out, as a data file with a hole in it. */
function holed(cols: ReturnType<typeof synthetic>, cuts: [number, number][]) {
  const keep: number[] = [];
  for (let i = 0; i < cols.length; i++) if (!cuts.some(([a, b]) => i >= a && i < b)) keep.push(i);
  const pick = (xs: Float64Array) => Float64Array.from(keep, (i) => xs[i]!);
  return { t: pick(cols.t), o: pick(cols.o), h: pick(cols.h), l: pick(cols.l), c: pick(cols.c), v: pick(cols.v), length: keep.length };
}

describe('gapsNote', () => {
  const week = synthetic(Array.from({ length: 24 * 7 }, (_, i) => 100 + i), { barMs: HOUR, t0: T0 });

  it('says nothing of holes shorter than a day (an exchange\'s maintenance hours), or of none', () => {
    expect(gapsNote(week, HOUR)).toBeNull();
    expect(gapsNote(holed(week, [[30, 35], [60, 83]]), HOUR)).toBeNull();
  });

  it('names a stretch of a day or more with no bar, where it is, and that nothing traded there', () => {
    // Bars 48..95 cut: no bar from 2024-01-03 00:00 to 2024-01-05 00:00.
    expect(gapsNote(holed(week, [[48, 96]]), HOUR)).toBe(
      'the candles skip a stretch of 2d with no bar (2024-01-03 00:00 to 2024-01-05 00:00): nothing was traded or checked there, and the equity is carried flat across',
    );
    expect(gapsNote(holed(week, [[10, 40], [48, 96]]), HOUR, 'ETH/USDT')).toBe(
      "ETH/USDT's candles skip 2 stretches of a day or more with no bar, 78 bars in all (the longest 2d, 2024-01-03 00:00 to 2024-01-05 00:00): nothing was traded or checked there, and the equity is carried flat across",
    );
  });

  it('on daily bars, a hole of three days or more', () => {
    const DAY = 24 * HOUR;
    const days = synthetic(Array.from({ length: 30 }, (_, i) => 100 + i), { barMs: DAY, t0: T0 });
    expect(gapsNote(holed(days, [[5, 7]]), DAY)).toBeNull();
    expect(gapsNote(holed(days, [[5, 8]]), DAY)).toMatch(/^the candles skip a stretch of 3d with no bar \(2024-01-06 00:00 to 2024-01-09 00:00\)/);
  });

  it('comes after the range\'s own note, in the notes a run gets', () => {
    const cut = holed(week, [[48, 96]]);
    const notes = coverageNotes({ from: T0, toExclusive: Date.UTC(2024, 0, 20) }, cut, HOUR);
    expect(notes.length).toBe(2);
    expect(notes[0]).toMatch(/^the range asked for is/);
    expect(notes[1]).toMatch(/^the candles skip a stretch of 2d/);
    expect(coverageNotes({}, columnsBetween(week, 0, 48), HOUR)).toEqual([]);
  });
});
