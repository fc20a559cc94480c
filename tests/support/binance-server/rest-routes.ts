// The REST endpoints of Binance's spot public market data, with Binance's parameter rules and error
// bodies. Anything else (sapi, futures, options, private endpoints) answers 404: this server is spot only.
import { isInterval, klineRow, queryKlines } from './klines.ts';
import { exchangeInfo } from './exchange-info.ts';
import { tickerRest, ticker24h } from './ticker.ts';
import { recentTrades, tradesBetween, tradesFromId, type Trade } from './trades.ts';
import type { OrderBook } from './order-book.ts';
import { fmt, type SymbolSpec } from './symbols.ts';

export interface RestContext {
  symbols: ReadonlyMap<string, SymbolSpec>;
  books: ReadonlyMap<string, OrderBook>;
  now(): number;
}

export interface RestReply {
  status: number;
  body: unknown;
}

/** A Binance error: HTTP status plus the {code, msg} body. */
class ApiError extends Error {
  readonly status: number;
  readonly code: number;
  constructor(status: number, code: number, msg: string) {
    super(msg);
    this.status = status;
    this.code = code;
  }
}

const HOUR = 3_600_000;

export function routeRest(pathname: string, query: URLSearchParams, ctx: RestContext): RestReply {
  try {
    return { status: 200, body: answer(pathname, query, ctx) };
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, body: { code: err.code, msg: err.message } };
    throw err;
  }
}

function answer(pathname: string, q: URLSearchParams, ctx: RestContext): unknown {
  const now = ctx.now();
  switch (pathname) {
    case '/api/v3/ping':
      return {};
    case '/api/v3/time':
      return { serverTime: now };
    case '/api/v3/exchangeInfo': {
      const wanted = symbolList(q, ctx);
      return exchangeInfo(wanted ?? [...ctx.symbols.values()], now);
    }
    case '/api/v3/klines':
    case '/api/v3/uiKlines': {
      const spec = symbolOf(q, ctx);
      const interval = required(q, 'interval');
      if (!isInterval(interval)) throw new ApiError(400, -1120, 'Invalid interval.');
      const startTime = optionalInt(q, 'startTime');
      const endTime = optionalInt(q, 'endTime');
      if (startTime !== undefined && endTime !== undefined && startTime > endTime) throw new ApiError(400, -1128, 'Combination of optional parameters invalid.');
      const limit = limitOf(q, 500, 1000);
      return queryKlines(spec, { interval, startTime, endTime, limit }, now).map(klineRow);
    }
    case '/api/v3/depth': {
      const spec = symbolOf(q, ctx);
      const limit = limitOf(q, 100, 5000);
      return ctx.books.get(spec.id)!.snapshot(limit);
    }
    case '/api/v3/trades': {
      const spec = symbolOf(q, ctx);
      return recentTrades(spec, now, limitOf(q, 500, 1000)).map(tradeRow);
    }
    case '/api/v3/aggTrades': {
      const spec = symbolOf(q, ctx);
      const limit = limitOf(q, 500, 1000);
      const fromId = optionalInt(q, 'fromId');
      const startTime = optionalInt(q, 'startTime');
      const endTime = optionalInt(q, 'endTime');
      if (startTime !== undefined && endTime !== undefined && endTime - startTime > HOUR) {
        throw new ApiError(400, -1127, 'More than 1 hours between startTime and endTime.');
      }
      let trades: Trade[];
      if (fromId !== undefined) trades = tradesFromId(spec, fromId, now, limit);
      else if (startTime !== undefined || endTime !== undefined) {
        const from = startTime ?? (endTime! - HOUR);
        trades = tradesBetween(spec, from - 1, Math.min(now, endTime ?? from + HOUR)).slice(0, limit);
      } else trades = recentTrades(spec, now, limit);
      // One trade per aggregate: the derived trades never share a price and taker at the same moment.
      return trades.map((t) => ({ a: t.id, p: fmt(t.price), q: fmt(t.qty), f: t.id, l: t.id, T: t.time, m: t.isBuyerMaker, M: true }));
    }
    case '/api/v3/ticker/24hr': {
      const specs = symbolList(q, ctx);
      const one = (s: SymbolSpec) => tickerRest(s, ticker24h(s, now), ctx.books.get(s.id)!);
      if (q.has('symbol')) return one(symbolOf(q, ctx));
      return (specs ?? [...ctx.symbols.values()]).map(one);
    }
    case '/api/v3/ticker/price': {
      const one = (s: SymbolSpec) => ({ symbol: s.id, price: fmt(recentTrades(s, now, 1)[0]?.price ?? s.bars.o[0]!) });
      if (q.has('symbol')) return one(symbolOf(q, ctx));
      return (symbolList(q, ctx) ?? [...ctx.symbols.values()]).map(one);
    }
    case '/api/v3/ticker/bookTicker': {
      const one = (s: SymbolSpec) => {
        const { bid, ask } = ctx.books.get(s.id)!.best();
        return { symbol: s.id, bidPrice: bid[0], bidQty: bid[1], askPrice: ask[0], askQty: ask[1] };
      };
      if (q.has('symbol')) return one(symbolOf(q, ctx));
      return (symbolList(q, ctx) ?? [...ctx.symbols.values()]).map(one);
    }
    default:
      throw new ApiError(404, -1, `this test server speaks Binance spot public market data only; ${pathname} is not served`);
  }
}

function tradeRow(t: Trade): Record<string, unknown> {
  return { id: t.id, price: fmt(t.price), qty: fmt(t.qty), quoteQty: fmt(t.price * t.qty), time: t.time, isBuyerMaker: t.isBuyerMaker, isBestMatch: true };
}

function required(q: URLSearchParams, name: string): string {
  const value = q.get(name);
  if (value === null || value === '') throw new ApiError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
  return value;
}

function symbolOf(q: URLSearchParams, ctx: RestContext): SymbolSpec {
  const spec = ctx.symbols.get(required(q, 'symbol'));
  if (!spec) throw new ApiError(400, -1121, 'Invalid symbol.');
  return spec;
}

/** `symbols=["BTCUSDT","ETHUSDT"]` as Binance takes it; undefined when absent. */
function symbolList(q: URLSearchParams, ctx: RestContext): SymbolSpec[] | undefined {
  if (q.has('symbol')) return [symbolOf(q, ctx)];
  const raw = q.get('symbols');
  if (raw === null) return undefined;
  let ids: unknown;
  try {
    ids = JSON.parse(raw);
  } catch {
    throw new ApiError(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
  }
  if (!Array.isArray(ids)) throw new ApiError(400, -1100, "Illegal characters found in parameter 'symbols'.");
  return ids.map((id) => {
    const spec = ctx.symbols.get(String(id));
    if (!spec) throw new ApiError(400, -1121, 'Invalid symbol.');
    return spec;
  });
}

function optionalInt(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  if (!/^[0-9]{1,20}$/.test(raw)) throw new ApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  return Number(raw);
}

function limitOf(q: URLSearchParams, fallback: number, max: number): number {
  const limit = optionalInt(q, 'limit') ?? fallback;
  if (limit < 1 || limit > max) throw new ApiError(400, -1130, "Data sent for parameter 'limit' is not valid.");
  return limit;
}
