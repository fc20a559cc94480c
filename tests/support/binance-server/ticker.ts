// 24-hour rolling statistics, the body of GET /api/v3/ticker/24hr and of the <symbol>@ticker stream,
// computed from the minute bars and trades up to the server's clock.
import { barIndexAt, MINUTE } from './market-data.ts';
import { barTrades, recentTrades } from './trades.ts';
import { fmt, type SymbolSpec } from './symbols.ts';
import type { OrderBook } from './order-book.ts';

const DAY = 24 * 60 * MINUTE;

export interface Ticker24h {
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  last: number;
  lastQty: number;
  volume: number;
  quoteVolume: number;
  firstId: number;
  lastId: number;
  count: number;
}

export function ticker24h(spec: SymbolSpec, now: number): Ticker24h {
  const bars = spec.bars;
  const from = now - DAY;
  const t: Ticker24h = { openTime: from, closeTime: now, open: 0, high: 0, low: 0, last: 0, lastQty: 0, volume: 0, quoteVolume: 0, firstId: -1, lastId: -1, count: 0 };
  let started = false;
  const first = Math.max(0, barIndexAt(bars, from));
  const last = Math.min(bars.length - 1, barIndexAt(bars, now));
  for (let i = first; i <= last; i++) {
    for (const tr of barTrades(spec, i)) {
      if (tr.time <= from || tr.time > now) continue;
      if (!started) {
        t.open = t.high = t.low = tr.price;
        started = true;
      }
      t.high = Math.max(t.high, tr.price);
      t.low = Math.min(t.low, tr.price);
      t.volume += tr.qty;
      t.quoteVolume += tr.price * tr.qty;
      t.count++;
      if (t.firstId === -1) t.firstId = tr.id;
      t.lastId = tr.id;
    }
  }
  const lastTrade = recentTrades(spec, now, 1)[0];
  t.last = lastTrade?.price ?? t.open;
  t.lastQty = lastTrade?.qty ?? 0;
  return t;
}

/** The REST body of GET /api/v3/ticker/24hr for one symbol. */
export function tickerRest(spec: SymbolSpec, t: Ticker24h, book: OrderBook): Record<string, unknown> {
  const { bid, ask } = book.best();
  const change = t.last - t.open;
  return {
    symbol: spec.id,
    priceChange: fmt(change),
    priceChangePercent: t.open ? (Math.round((change / t.open) * 100_000) / 1000).toFixed(3) : '0.000',
    weightedAvgPrice: fmt(t.volume ? t.quoteVolume / t.volume : t.last),
    prevClosePrice: fmt(t.open),
    lastPrice: fmt(t.last),
    lastQty: fmt(t.lastQty),
    bidPrice: bid[0],
    bidQty: bid[1],
    askPrice: ask[0],
    askQty: ask[1],
    openPrice: fmt(t.open),
    highPrice: fmt(t.high),
    lowPrice: fmt(t.low),
    volume: fmt(t.volume),
    quoteVolume: fmt(t.quoteVolume),
    openTime: t.openTime,
    closeTime: t.closeTime,
    firstId: t.firstId,
    lastId: t.lastId,
    count: t.count,
  };
}

/** The <symbol>@ticker stream event (24hrTicker). */
export function tickerEvent(spec: SymbolSpec, t: Ticker24h, book: OrderBook, eventTime: number): Record<string, unknown> {
  const r = tickerRest(spec, t, book);
  return {
    e: '24hrTicker',
    E: eventTime,
    s: spec.id,
    p: r.priceChange,
    P: r.priceChangePercent,
    w: r.weightedAvgPrice,
    x: r.prevClosePrice,
    c: r.lastPrice,
    Q: r.lastQty,
    b: r.bidPrice,
    B: r.bidQty,
    a: r.askPrice,
    A: r.askQty,
    o: r.openPrice,
    h: r.highPrice,
    l: r.lowPrice,
    v: r.volume,
    q: r.quoteVolume,
    O: t.openTime,
    C: t.closeTime,
    F: t.firstId,
    L: t.lastId,
    n: t.count,
  };
}

/** The <symbol>@miniTicker stream event (24hrMiniTicker): what ccxt's watchTicker subscribes to by default. */
export function miniTickerEvent(spec: SymbolSpec, t: Ticker24h, eventTime: number): Record<string, unknown> {
  return { e: '24hrMiniTicker', E: eventTime, s: spec.id, c: fmt(t.last), o: fmt(t.open), h: fmt(t.high), l: fmt(t.low), v: fmt(t.volume), q: fmt(t.quoteVolume) };
}
