// The trades tape: the newest trades first, at most TAPE_SIZE, each marked buy or sell. Trades come
// from the market engine's trades; with a replay (which has no trades) they are derived from its
// ticks, the candle updates, and labelled as such.
import type { Candle } from '../../../../shared/domain/candle.ts';
import type { Trade } from '../market/market-types.ts';

export const TAPE_SIZE = 200;

export interface TapeRow extends Trade {
  /** buy or sell; when the source does not say, by the tick rule (up from the previous price: buy). */
  shownSide: 'buy' | 'sell';
}

/** Adds trades (oldest first) to the tape (newest first), keeping at most TAPE_SIZE and dropping repeats. */
export function pushTrades(tape: readonly TapeRow[], trades: readonly Trade[]): TapeRow[] {
  if (trades.length === 0) return tape as TapeRow[];
  const seen = new Set(tape.slice(0, TAPE_SIZE).map((r) => r.id));
  let previous = tape[0]?.price ?? null;
  let side: 'buy' | 'sell' = tape[0]?.shownSide ?? 'buy';
  const fresh: TapeRow[] = [];
  for (const t of trades) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    // Tick rule: an unchanged price keeps the last side, as exchanges' tapes do.
    side = t.side ?? (previous === null || t.price === previous ? side : t.price > previous ? 'buy' : 'sell');
    previous = t.price;
    fresh.push({ ...t, shownSide: side });
  }
  return fresh.reverse().concat(tape).slice(0, TAPE_SIZE);
}

/**
 * Turns one replay tick (a candle update) into a trade: the price is the candle's close, the amount
 * is the volume it added since the previous tick of the same candle, and the time is the tick's place
 * in the candle (a replay plays four ticks per candle: open, two extremes, close).
 */
export class ReplayTicks {
  private readonly timeframeMs: number;
  private lastT = NaN;
  private lastVolume = 0;
  private tickInCandle = 0;

  constructor(timeframeMs: number) {
    this.timeframeMs = timeframeMs;
  }

  next(c: Candle, closed: boolean): Trade | null {
    if (c.t !== this.lastT) {
      this.lastT = c.t;
      this.lastVolume = 0;
      this.tickInCandle = 0;
    }
    const amount = c.v === null ? 0 : c.v - this.lastVolume;
    this.lastVolume = c.v ?? 0;
    const tick = closed ? 3 : Math.min(this.tickInCandle, 3);
    this.tickInCandle++;
    if (!(amount > 0)) return null;
    return { id: `${c.t}:${tick}`, t: c.t + (tick * this.timeframeMs) / 4, price: c.c, amount, side: null };
  }
}
