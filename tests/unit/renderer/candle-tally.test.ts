import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { applyBatch, EMPTY_TALLY, tallyOf } from '../../../renderer/src/features/chart/candle-tally.ts';
import { closedBy } from '../../../renderer/src/features/chart/closed-by.ts';

const candle = (t: number, c = 10): Candle => ({ t, o: c, h: c, l: c, c, v: null });
const MIN = 60_000;

describe('candle tally', () => {
  it('counts history and follows appends and amendments of the last candle', () => {
    const t0 = tallyOf([candle(0), candle(MIN, 11)]);
    expect(t0).toEqual({ count: 2, lastTime: MIN, lastPrice: 11 });
    const { accepted, tally } = applyBatch(t0, [candle(MIN, 12), candle(2 * MIN, 13)]);
    expect(accepted.map((c) => c.t)).toEqual([MIN, 2 * MIN]);
    expect(tally).toEqual({ count: 3, lastTime: 2 * MIN, lastPrice: 13 });
  });

  it('refuses candles older than the newest on the chart', () => {
    const { accepted, tally } = applyBatch(tallyOf([candle(0), candle(MIN)]), [candle(0, 99)]);
    expect(accepted).toEqual([]);
    expect(tally.count).toBe(2);
    expect(tally.lastPrice).toBe(10);
  });

  it('starts from nothing on an empty chart', () => {
    expect(tallyOf([])).toBe(EMPTY_TALLY);
    expect(applyBatch(EMPTY_TALLY, [candle(5 * MIN, 7)]).tally).toEqual({ count: 1, lastTime: 5 * MIN, lastPrice: 7 });
  });
});

describe('closedBy', () => {
  const history = [candle(0), candle(MIN), candle(2 * MIN)];

  it('keeps every candle that closed at or before the clock', () => {
    expect(closedBy(history, 3 * MIN, MIN)).toEqual(history);
  });

  it('drops the candle the replay is still forming', () => {
    expect(closedBy(history, 2 * MIN + MIN / 2, MIN).map((c) => c.t)).toEqual([0, MIN]);
  });

  it('works when the clock sits on the open of the next candle', () => {
    expect(closedBy(history, 2 * MIN, MIN).map((c) => c.t)).toEqual([0, MIN]);
  });
});
