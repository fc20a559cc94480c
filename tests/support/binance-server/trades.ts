// Public trades derived from the minute bars: every bar with volume trades four times, at its intrabar
// path (open, nearer extreme, farther extreme, close) 0, 15, 30 and 45 seconds in, and its volume is split
// over those four. So a kline built from the trades up to any moment is exactly the bar as of that moment,
// and a closed kline equals the stored bar.
import { intrabarPath } from '../../../shared/domain/intrabar-path.ts';
import { barIndexAt, decimalsOf, MINUTE } from './market-data.ts';
import type { SymbolSpec } from './symbols.ts';

export const TRADES_PER_BAR = 4;
const TRADE_OFFSETS = [0, 15_000, 30_000, 45_000];

export interface Trade {
  id: number;
  time: number;
  price: number;
  qty: number;
  /** True when the buyer was the maker, i.e. the aggressor sold (Binance's `m`). */
  isBuyerMaker: boolean;
}

/** The trades of bar `i` (none for a zero-volume bar or one outside the data). */
export function barTrades(spec: SymbolSpec, i: number): Trade[] {
  const bars = spec.bars;
  if (i < 0 || i >= bars.length) return [];
  const v = bars.v[i]!;
  if (!(v > 0)) return [];
  const decimals = decimalsOf(spec.step);
  const each = Math.floor(v / TRADES_PER_BAR / spec.step) * spec.step;
  const prices = intrabarPath({ t: 0, o: bars.o[i]!, h: bars.h[i]!, l: bars.l[i]!, c: bars.c[i]!, v });
  const t = bars.start + i * MINUTE;
  let previous = i > 0 ? bars.c[i - 1]! : prices[0]!;
  const out: Trade[] = [];
  for (let k = 0; k < TRADES_PER_BAR; k++) {
    const qty = Number((k === TRADES_PER_BAR - 1 ? v - each * (TRADES_PER_BAR - 1) : each).toFixed(decimals));
    const price = prices[k]!;
    if (qty > 0) {
      out.push({ id: spec.tradeIdBase + i * TRADES_PER_BAR + k, time: t + TRADE_OFFSETS[k]!, price, qty, isBuyerMaker: price < previous });
    }
    previous = price;
  }
  return out;
}

/** Trades with time in (after, upTo], oldest first. */
export function tradesBetween(spec: SymbolSpec, after: number, upTo: number): Trade[] {
  const out: Trade[] = [];
  for (let i = Math.max(0, barIndexAt(spec.bars, after)); i <= barIndexAt(spec.bars, upTo) && i < spec.bars.length; i++) {
    for (const tr of barTrades(spec, i)) if (tr.time > after && tr.time <= upTo) out.push(tr);
  }
  return out;
}

/** The latest `limit` trades at or before `now`, oldest first (GET /api/v3/trades). */
export function recentTrades(spec: SymbolSpec, now: number, limit: number): Trade[] {
  const out: Trade[] = [];
  for (let i = Math.min(barIndexAt(spec.bars, now), spec.bars.length - 1); i >= 0 && out.length < limit; i--) {
    const inBar = barTrades(spec, i).filter((tr) => tr.time <= now);
    for (let k = inBar.length - 1; k >= 0 && out.length < limit; k--) out.push(inBar[k]!);
  }
  return out.reverse();
}

/** Trades from id `fromId` on, at or before `now`, at most `limit` (aggTrades/trades by id). */
export function tradesFromId(spec: SymbolSpec, fromId: number, now: number, limit: number): Trade[] {
  const out: Trade[] = [];
  const first = Math.max(0, Math.floor((fromId - spec.tradeIdBase) / TRADES_PER_BAR));
  for (let i = first; i < spec.bars.length && out.length < limit; i++) {
    for (const tr of barTrades(spec, i)) {
      if (tr.time > now) return out;
      if (tr.id >= fromId && out.length < limit) out.push(tr);
    }
  }
  return out;
}

/** The last trade price at or before `now`; the first open when nothing traded yet. */
export function lastPrice(spec: SymbolSpec, now: number): number {
  const last = recentTrades(spec, now, 1)[0];
  return last ? last.price : spec.bars.o[0]!;
}
