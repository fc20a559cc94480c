// Klines of every Binance interval, resampled from the minute bars as of the server's clock: a candle that
// is still open at `now` holds only the trades made so far, so REST and the kline stream show a forming
// candle exactly like Binance does.
import { barIndexAt, barsEnd, MINUTE } from './market-data.ts';
import { barTrades } from './trades.ts';
import { fmt, type SymbolSpec } from './symbols.ts';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The epoch was a Thursday; Binance's weeks open on Monday, four days later. */
const MONDAY_OFFSET = 4 * DAY;

const FIXED: Record<string, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
};

/** Intervals the server serves: Binance's list less 1s, which one-minute data cannot honestly make. */
export const INTERVALS = [...Object.keys(FIXED), '1M'];

export function isInterval(value: string): boolean {
  return INTERVALS.includes(value);
}

/** Open time of the interval bucket holding `t`. */
export function bucketStart(interval: string, t: number): number {
  if (interval === '1M') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const size = FIXED[interval]!;
  const offset = interval === '1w' ? MONDAY_OFFSET : 0;
  return Math.floor((t - offset) / size) * size + offset;
}

/** Open time of the bucket after the one opening at `open`. */
export function nextBucket(interval: string, open: number): number {
  if (interval === '1M') {
    const d = new Date(open);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return open + FIXED[interval]!;
}

export interface Kline {
  open: number;
  close: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  quoteVolume: number;
  trades: number;
  takerBuyBase: number;
  takerBuyQuote: number;
  firstTradeId: number;
  lastTradeId: number;
  /** Whether the candle is complete at the time it was built (Binance's `x`). */
  closed: boolean;
}

/** The candle opening at `open` as of `now`, or null when no minute of it exists yet (or in the data). */
export function klineAt(spec: SymbolSpec, interval: string, open: number, now: number): Kline | null {
  const end = nextBucket(interval, open);
  const bars = spec.bars;
  const first = Math.max(0, barIndexAt(bars, open));
  const last = Math.min(bars.length - 1, barIndexAt(bars, Math.min(end, now + 1) - 1));
  if (first > last || bars.start + first * MINUTE > now) return null;
  const k: Kline = {
    open,
    close: end - 1,
    o: 0,
    h: -Infinity,
    l: Infinity,
    c: 0,
    v: 0,
    quoteVolume: 0,
    trades: 0,
    takerBuyBase: 0,
    takerBuyQuote: 0,
    firstTradeId: -1,
    lastTradeId: -1,
    closed: now >= end && last === barIndexAt(bars, end - 1),
  };
  let started = false;
  for (let i = first; i <= last; i++) {
    const barEnd = bars.start + (i + 1) * MINUTE;
    const trades = barTrades(spec, i).filter((tr) => tr.time <= now);
    if (trades.length === 0) {
      // A minute without trades (zero volume, or not yet traded) still carries its price.
      const price = started ? k.c : bars.o[i]!;
      if (!started) k.o = price;
      k.h = Math.max(k.h, price);
      k.l = Math.min(k.l, price);
      k.c = price;
      started = true;
      continue;
    }
    for (const tr of trades) {
      if (!started) k.o = tr.price;
      started = true;
      k.h = Math.max(k.h, tr.price);
      k.l = Math.min(k.l, tr.price);
      k.c = tr.price;
      k.v += tr.qty;
      k.quoteVolume += tr.price * tr.qty;
      k.trades++;
      if (!tr.isBuyerMaker) {
        k.takerBuyBase += tr.qty;
        k.takerBuyQuote += tr.price * tr.qty;
      }
      if (k.firstTradeId === -1) k.firstTradeId = tr.id;
      k.lastTradeId = tr.id;
    }
    // A full minute ends exactly on the stored bar (its trades walk the bar's own path).
    if (barEnd <= now) k.c = bars.c[i]!;
  }
  return k;
}

export interface KlineQuery {
  interval: string;
  startTime?: number | undefined;
  endTime?: number | undefined;
  limit: number;
}

/** GET /api/v3/klines: open times in [startTime, endTime]; the first `limit` after startTime, else the last `limit`. */
export function queryKlines(spec: SymbolSpec, q: KlineQuery, now: number): Kline[] {
  const dataStart = bucketStart(q.interval, spec.bars.start);
  const lastOpen = bucketStart(q.interval, Math.min(now, barsEnd(spec.bars) - 1));
  const from = Math.max(dataStart, q.startTime ?? -Infinity);
  const to = Math.min(lastOpen, q.endTime ?? Infinity);
  if (from > to) return [];
  const opens: number[] = [];
  let open = bucketStart(q.interval, from);
  if (open < from) open = nextBucket(q.interval, open);
  for (; open <= to; open = nextBucket(q.interval, open)) {
    opens.push(open);
    // From the start, `limit` is enough; from the end, keep a sliding window of `limit`.
    if (q.startTime !== undefined && opens.length === q.limit) break;
    if (q.startTime === undefined && opens.length > q.limit) opens.shift();
  }
  const out: Kline[] = [];
  for (const o of opens) {
    const k = klineAt(spec, q.interval, o, now);
    if (k) out.push(k);
  }
  return out;
}

/** The REST row: [openTime, o, h, l, c, v, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, "0"]. */
export function klineRow(k: Kline): unknown[] {
  return [k.open, fmt(k.o), fmt(k.h), fmt(k.l), fmt(k.c), fmt(k.v), k.close, fmt(k.quoteVolume), k.trades, fmt(k.takerBuyBase), fmt(k.takerBuyQuote), '0'];
}

/** The `k` object of a kline stream event. */
export function klineEventBody(spec: SymbolSpec, interval: string, k: Kline): Record<string, unknown> {
  return {
    t: k.open,
    T: k.close,
    s: spec.id,
    i: interval,
    f: k.firstTradeId,
    L: k.lastTradeId,
    o: fmt(k.o),
    c: fmt(k.c),
    h: fmt(k.h),
    l: fmt(k.l),
    v: fmt(k.v),
    n: k.trades,
    x: k.closed,
    q: fmt(k.quoteVolume),
    V: fmt(k.takerBuyBase),
    Q: fmt(k.takerBuyQuote),
    B: '0',
  };
}
