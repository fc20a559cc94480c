// The backtest page's Log toggles (log-scale.ts) decide as the HTML report does: a log axis by itself when
// what is drawn moved 10× or more, all of it above 0; the user's flip wins while a log axis can draw the
// values; an account at or below 0 keeps the axis linear, and the toggle's title says why. The trading
// chart's own toggle is kept across reloads (scale-store.ts).
import { describe, expect, it } from 'vitest';
import { logScale, valueRange } from '../../../renderer/src/features/backtest/log-scale.ts';
import { loadScale, parseScale, saveScale, SCALE_STORAGE_KEY } from '../../../renderer/src/features/chart/scale-store.ts';

/** A curve through these values, an hour apart. */
const curve = (...values: number[]) => values.map((v, i) => [i * 3_600_000, v] as const);

describe('the backtest charts\' log scale', () => {
  it('is on by itself when the lines drawn together span 10× or more, all above 0', () => {
    // A strategy that barely moved beside a buy and hold that rose 16×: the pair spans 16×.
    const strategy = curve(10_000, 9_800, 10_400);
    const hold = curve(10_000, 60_000, 160_000);
    const both = logScale([strategy, hold], null);
    expect(both).toMatchObject({ on: true, auto: true, possible: true });
    expect(both.title).toContain('16× the lowest');
    // Alone, the strategy spans 1.06×: linear.
    expect(logScale([strategy], null)).toMatchObject({ on: false, auto: false, possible: true });
    // Exactly 10× is enough; just under is not.
    expect(logScale([curve(100, 1_000)], null).on).toBe(true);
    expect(logScale([curve(100, 999)], null).on).toBe(false);
  });

  it('follows the user\'s flip either way while a log axis can draw the values', () => {
    const wide = [curve(1_000, 50_000)];
    expect(logScale(wide, false)).toMatchObject({ on: false, auto: true });
    expect(logScale(wide, false).title).toMatch(/^Linear scale; on by itself/);
    expect(logScale([curve(100, 120)], true)).toMatchObject({ on: true, auto: false });
    expect(logScale([curve(100, 120)], true).title).toMatch(/^Log scale: each step up the axis is the same percent move/);
  });

  it('stays linear when a value is at or below 0, whatever the user chose, and says why', () => {
    // An account wiped out beside a market that went 20×: the rule alone would want log.
    const wiped = [curve(10_000, 4_000, -250.5), curve(10_000, 200_000)];
    for (const choice of [null, true, false]) expect(logScale(wiped, choice)).toMatchObject({ on: false, auto: false, possible: false });
    expect(logScale(wiped, true).title).toBe('Linear only: the lowest value drawn is -250.5, and a log scale draws only values above 0');
    expect(logScale([curve(0, 10, 100)], true).title).toContain('the lowest value drawn is 0,');
  });

  it('skips values that are not numbers, and has nothing to decide on no lines', () => {
    expect(valueRange([curve(5, Number.NaN, 50), curve(Number.POSITIVE_INFINITY, 7)])).toEqual({ lo: 5, hi: 50 });
    expect(valueRange([])).toBeNull();
    expect(logScale([], true)).toMatchObject({ on: false, possible: false, title: 'Nothing drawn yet' });
  });
});

describe('the trading chart\'s log scale', () => {
  const memory = (init: Record<string, string> = {}) => {
    const m = new Map(Object.entries(init));
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };

  it('is kept across a reload, linear on a first start or anything unreadable', () => {
    const storage = memory();
    expect(loadScale(storage)).toBe('linear');
    saveScale(storage, 'log');
    expect(loadScale(storage)).toBe('log');
    saveScale(storage, 'linear');
    expect(loadScale(storage)).toBe('linear');
    expect(parseScale('LOG')).toBe('linear');
    expect(loadScale(memory({ [SCALE_STORAGE_KEY]: '{"scale":"log"}' }))).toBe('linear');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadScale(broken)).toBe('linear');
    expect(() => saveScale(broken, 'log')).not.toThrow();
  });
});
