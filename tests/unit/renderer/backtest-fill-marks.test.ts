// A run's fills on its thinned price line: each on the last point at or before it, none past the cap.
import { describe, expect, it } from 'vitest';
import { fillMarks, MAX_MARKS } from '../../../renderer/src/features/backtest/fill-marks.ts';

const H = 3_600_000;
// Points every 3 hours (a thinned line), from hour 0 to hour 30.
const price = Array.from({ length: 11 }, (_, i) => [i * 3 * H, 100 + i] as const);

describe('fill marks', () => {
  it('puts each fill on the last price point at or before it', () => {
    const fills = [
      { ts: 0, side: 'buy' as const },
      { ts: 4 * H, side: 'sell' as const },
      { ts: 6 * H, side: 'buy' as const },
      { ts: 29 * H + 59 * 60_000, side: 'sell' as const },
      { ts: 40 * H, side: 'buy' as const },
    ];
    expect(fillMarks(price, fills)).toEqual([
      { time: 0, side: 'buy' },
      { time: 3 * H, side: 'sell' },
      { time: 6 * H, side: 'buy' },
      { time: 27 * H, side: 'sell' },
      { time: 30 * H, side: 'buy' },
    ]);
  });

  it('puts a fill before the line on its first point, and marks nothing without a line', () => {
    expect(fillMarks(price, [{ ts: -H, side: 'buy' }])).toEqual([{ time: 0, side: 'buy' }]);
    expect(fillMarks([], [{ ts: 0, side: 'buy' }])).toEqual([]);
  });

  it('marks nothing past the cap, where arrows would be a smear', () => {
    const many = Array.from({ length: MAX_MARKS + 1 }, (_, i) => ({ ts: i, side: 'buy' as const }));
    expect(fillMarks(price, many)).toEqual([]);
    expect(fillMarks(price, many.slice(1))).toHaveLength(MAX_MARKS);
  });
});
