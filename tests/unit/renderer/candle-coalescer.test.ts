import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { CandleCoalescer } from '../../../renderer/src/features/chart/candle-coalescer.ts';

const candle = (t: number, c: number): Candle => ({ t, o: 1, h: Math.max(1, c), l: Math.min(1, c), c, v: 1 });

/** A manual frame clock: flushes run only when the test says a frame passed. */
function frames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (f: () => void) => {
      queue.push(f);
    },
    next() {
      const due = queue.splice(0);
      for (const f of due) f();
    },
    get waiting() {
      return queue.length;
    },
  };
}

describe('CandleCoalescer', () => {
  it('applies many ticks of one candle as a single update per frame, with the latest state', () => {
    const clock = frames();
    const applied: Candle[][] = [];
    const co = new CandleCoalescer(clock.schedule, (b) => applied.push(b));
    for (let i = 1; i <= 50; i++) co.push(candle(60_000, 100 + i));
    expect(clock.waiting).toBe(1);
    clock.next();
    expect(applied).toEqual([[candle(60_000, 150)]]);
  });

  it('keeps one slot per open time, so a candle that closed inside the frame keeps its final close', () => {
    const clock = frames();
    const applied: Candle[][] = [];
    const co = new CandleCoalescer(clock.schedule, (b) => applied.push(b));
    co.push(candle(120_000, 5));
    co.push(candle(60_000, 2));
    co.push(candle(60_000, 3));
    co.push(candle(120_000, 6));
    clock.next();
    expect(applied).toEqual([[candle(60_000, 3), candle(120_000, 6)]]);
  });

  it('schedules nothing when there is nothing to apply, and again after each flush', () => {
    const clock = frames();
    let batches = 0;
    const co = new CandleCoalescer(clock.schedule, () => batches++);
    expect(clock.waiting).toBe(0);
    co.push(candle(0, 1));
    clock.next();
    co.push(candle(0, 2));
    clock.next();
    clock.next();
    expect(batches).toBe(2);
  });

  it('holds candles while history loads and applies them on release', () => {
    const clock = frames();
    const applied: Candle[][] = [];
    const co = new CandleCoalescer(clock.schedule, (b) => applied.push(b));
    co.hold();
    co.push(candle(60_000, 2));
    clock.next();
    expect(applied).toEqual([]);
    co.release();
    clock.next();
    expect(applied).toEqual([[candle(60_000, 2)]]);
  });

  it('drops waiting candles on clear', () => {
    const clock = frames();
    const applied: Candle[][] = [];
    const co = new CandleCoalescer(clock.schedule, (b) => applied.push(b));
    co.push(candle(60_000, 2));
    co.clear();
    clock.next();
    expect(applied).toEqual([]);
    expect(co.size).toBe(0);
  });
});
