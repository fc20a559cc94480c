// A cross is told against the side the lines were on before: the first bar a strategy hears (a range's
// first, the first after a live start) needs that side from the bars already closed, or a cross there is
// taken for the first side and missed.
import { describe, expect, it } from 'vitest';
import { CrossTracker } from '../../../electron/strategies/cross.ts';
import type { SeriesView } from '../../../electron/strategies/strategy.ts';

/** The closed values so far, the last one the current bar's. */
const view = (values: number[]): SeriesView => ({
  length: values.length,
  get: (i) => values[i]!,
  ago: (k) => (values.length - 1 - k >= 0 ? values[values.length - 1 - k]! : Number.NaN),
});

describe('CrossTracker.seed', () => {
  it('a cross on the first bar heard is told when the bars before say which side the lines were on', () => {
    const seeded = new CrossTracker();
    seeded.seed(view([1, 2, 3]), view([2, 3, 2.5]));
    expect(seeded.side).toBe(-1);
    expect(seeded.update(3, 2.5)).toBe(1);
    // Unseeded, the same bar is only its first side.
    expect(new CrossTracker().update(3, 2.5)).toBe(0);
  });

  it('reads back past touches to the last bar the lines were apart, and stops at a value still warming up', () => {
    const t = new CrossTracker();
    // Before the current bar: apart (above) at bar 1, touching at bars 2 and 3.
    t.seed(view([Number.NaN, 5, 4, 4, 3]), view([Number.NaN, 4, 4, 4, 4]));
    expect(t.side).toBe(1);
    expect(t.update(3, 4)).toBe(-1);
    // Only NaN and touches before: the side stays unknown, and the first side seen is no cross.
    const warming = new CrossTracker();
    warming.seed(view([Number.NaN, 4, 9]), view([Number.NaN, 4, 1]));
    expect(warming.side).toBe(0);
    expect(warming.update(9, 1)).toBe(0);
  });

  it('with nothing before the current bar it knows nothing', () => {
    const t = new CrossTracker();
    t.seed(view([3]), view([2]));
    expect(t.side).toBe(0);
  });
});
