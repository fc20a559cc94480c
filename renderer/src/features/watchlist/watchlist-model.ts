// The watchlist's rows: each symbol's last price, its 24 h change and which way the price last
// moved (the row flashes green or red). Rows come from the market engine's watchlist when it has one;
// otherwise from the journal: each stored symbol's newest candle against the close 24 h before it.
import type { Candle } from '../../../../shared/domain/candle.ts';
import type { WatchlistItem } from '../market/market-types.ts';

const DAY_MS = 86_400_000;

export interface WatchRow extends WatchlistItem {
  /** The exchange, when the rows come from the journal (which may hold one symbol from several). */
  exchange?: string;
  /** Which way `last` moved on its latest change. */
  tick: 'up' | 'down' | 'flat';
  /**
   * The close 24 h before, when the row was built from stored candles: live prices then move the
   * change against it. Rows from the market engine come with their change already worked out.
   */
  reference?: number | null;
}

/** The last price and 24 h change from candles of one series, oldest first. */
export function changeFromCandles(symbol: string, candles: readonly Candle[]): WatchlistItem & { reference: number | null } {
  const last = candles.at(-1);
  if (!last) return { symbol, last: null, change24hPct: null, t: null, available: true, reference: null };
  // The close of the newest candle that opened at least a day before the last one opened.
  const cutoff = last.t - DAY_MS;
  let reference: Candle | undefined;
  for (let i = candles.length - 2; i >= 0; i--) {
    if (candles[i]!.t <= cutoff) {
      reference = candles[i];
      break;
    }
  }
  const change24hPct = reference && reference.c > 0 ? (last.c / reference.c - 1) * 100 : null;
  return { symbol, last: last.c, change24hPct, t: last.t, available: true, reference: reference?.c ?? null };
}

/** How many candles of `timeframeMs` cover a day and one more (the reference close). */
export function candlesForDay(timeframeMs: number, max: number): number {
  return Math.min(max, Math.ceil(DAY_MS / timeframeMs) + 1);
}

/** New values for the rows, keeping each row's tick direction from its previous price. */
export function mergeRows(previous: readonly WatchRow[], items: readonly (WatchlistItem & Pick<WatchRow, 'exchange' | 'reference'>)[]): WatchRow[] {
  const key = (r: { symbol: string; exchange?: string }) => `${r.exchange ?? ''}|${r.symbol}`;
  const before = new Map(previous.map((r) => [key(r), r]));
  return items.map((item) => {
    const prev = before.get(key(item));
    const moved = prev?.last !== null && prev?.last !== undefined && item.last !== null && item.last !== prev.last;
    const tick = moved ? (item.last! > prev!.last! ? 'up' : 'down') : (prev?.tick ?? 'flat');
    return { ...item, tick };
  });
}

/** A live price for one symbol (from a candle update): the row's last moves, and its change against its reference. */
export function applyPrice(rows: readonly WatchRow[], symbol: string, price: number, t: number, exchange?: string): WatchRow[] {
  let changed = false;
  const next = rows.map((r) => {
    if (r.symbol !== symbol || r.last === price) return r;
    if (exchange !== undefined && r.exchange !== undefined && r.exchange !== exchange) return r;
    changed = true;
    const reference = r.reference ?? null;
    const change24hPct = reference !== null && reference > 0 ? (price / reference - 1) * 100 : r.change24hPct;
    return { ...r, last: price, t, change24hPct, tick: r.last === null ? r.tick : price > r.last ? 'up' : ('down' as const) };
  });
  return changed ? next : (rows as WatchRow[]);
}

export function formatChangePct(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return '—';
  const digits = Math.abs(pct).toFixed(2);
  // Signed by what shows: a change that rounds to 0.00 is no move up or down ("−0.00%" read as a fall).
  const sign = digits === '0.00' ? '' : pct > 0 ? '+' : '−';
  return `${sign}${digits}%`;
}
