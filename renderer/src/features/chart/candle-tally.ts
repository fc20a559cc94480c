// What the chart holds, counted without asking the chart: how many candles, the newest open time and
// the last price. Updates for a time older than the newest are refused: the chart can only append or
// amend its last candle, and a live or replayed feed never goes back in time.
import type { Candle } from '../../../../shared/domain/candle.ts';

export interface Tally {
  count: number;
  lastTime: number | null;
  lastPrice: number | null;
}

export const EMPTY_TALLY: Tally = { count: 0, lastTime: null, lastPrice: null };

export function tallyOf(history: Candle[]): Tally {
  const last = history.at(-1);
  return last ? { count: history.length, lastTime: last.t, lastPrice: last.c } : EMPTY_TALLY;
}

/** The candles of `batch` the chart can apply, and the tally after applying them. */
export function applyBatch(tally: Tally, batch: Candle[]): { accepted: Candle[]; tally: Tally } {
  let { count, lastTime, lastPrice } = tally;
  const accepted: Candle[] = [];
  for (const c of batch) {
    if (lastTime !== null && c.t < lastTime) continue;
    if (lastTime === null || c.t > lastTime) count++;
    lastTime = c.t;
    lastPrice = c.c;
    accepted.push(c);
  }
  return { accepted, tally: { count, lastTime, lastPrice } };
}
