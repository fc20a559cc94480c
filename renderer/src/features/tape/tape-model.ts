// The trades tape: the newest trades first, at most TAPE_SIZE, each marked buy or sell. Trades come
// from the market engine's trades; a replay's are its replayed ticks, labelled as such.
import type { MarketSourceKind, Trade } from '../market/market-types.ts';

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
 * A market.trades batch as the tape takes it. A replay has no trades of its own: the ones it sends are its
 * replayed ticks (open, nearer extreme, farther extreme, close of each candle), stamped at their points'
 * times in the candle as the paper fills they cause are, so the tape shows them as they come and labels
 * them ticks. A tick of a candle without volume has no size, and is left out.
 */
export function tapeBatch(source: MarketSourceKind | null, trades: readonly Trade[]): { origin: 'trades' | 'ticks'; trades: readonly Trade[] } {
  if (source !== 'replay') return { origin: 'trades', trades };
  return { origin: 'ticks', trades: trades.filter((t) => t.amount > 0) };
}
