// Binance's public websocket streams. Raw streams on /ws and /ws/<stream> (what ccxt connects to: it opens
// /ws/<index> and sends SUBSCRIBE), combined streams on /stream?streams=a/b (events wrapped as {stream, data}).
// Events are pushed when the server clock moves: the trades made, every kline that closed (x: true) and the
// forming one, one depth diff, and the 24h ticker, all as of the new time.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { bucketStart, isInterval, klineAt, klineEventBody, nextBucket } from './klines.ts';
import { miniTickerEvent, tickerEvent, ticker24h } from './ticker.ts';
import { lastPrice, tradesBetween, type Trade } from './trades.ts';
import type { BookDiff, OrderBook } from './order-book.ts';
import { fmt, type SymbolSpec } from './symbols.ts';
import type { ServerClock } from './clock.ts';

const STREAM_RE = /^([a-z0-9]+)@(kline_[0-9a-zA-Z]+|trade|aggTrade|depth(?:@100ms|@1000ms)?|depth(?:5|10|20)(?:@100ms|@1000ms)?|ticker|miniTicker|bookTicker)$/;
/** A jump of the clock over days would otherwise push thousands of klines and trades in one go. */
const MAX_EVENTS_PER_STREAM = 1000;

interface Conn {
  ws: WebSocket;
  streams: Set<string>;
  combined: boolean;
}

export interface StreamContext {
  symbols: ReadonlyMap<string, SymbolSpec>;
  books: ReadonlyMap<string, OrderBook>;
  clock: ServerClock;
}

export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly conns = new Set<Conn>();
  private readonly ctx: StreamContext;
  private refusing = false;

  constructor(ctx: StreamContext) {
    this.ctx = ctx;
    ctx.clock.onMove((from, to) => this.onClockMove(from, to));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = url.pathname === '/ws' || url.pathname.startsWith('/ws/');
    const combined = url.pathname === '/stream';
    if (this.refusing || (!raw && !combined)) {
      const status = this.refusing ? '503 Service Unavailable' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const initial = combined ? (url.searchParams.get('streams') ?? '').split('/') : [decodeURIComponent(url.pathname.slice('/ws/'.length))];
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // /ws/<index> (ccxt) names no stream: only real stream names subscribe on connect.
      const conn: Conn = { ws, streams: new Set(initial.filter((s) => STREAM_RE.test(s))), combined };
      this.conns.add(conn);
      ws.on('message', (data) => this.onMessage(conn, data.toString()));
      ws.on('close', () => this.conns.delete(conn));
      ws.on('error', () => this.conns.delete(conn));
    });
  }

  /** Every stream some connection is subscribed to. */
  subscriptions(): string[] {
    const all = new Set<string>();
    for (const c of this.conns) for (const s of c.streams) all.add(s);
    return [...all].sort();
  }

  connectionCount(): number {
    return this.conns.size;
  }

  /** Cuts every websocket: abruptly (no close frame, like a network drop) unless `graceful`. */
  dropAll(graceful = false): void {
    for (const c of this.conns) {
      if (graceful) c.ws.close(1001, 'going away');
      else c.ws.terminate();
    }
    this.conns.clear();
  }

  /** While on, websocket upgrades are answered 503, so clients cannot reconnect. */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** Sends `text` as-is to every connection: for malformed-frame tests. */
  sendRaw(text: string): void {
    for (const c of this.conns) c.ws.send(text);
  }

  /** Pushes a trade that is not in the data to the symbol's trade streams. */
  pushTrade(symbolId: string, trade: Trade): void {
    const stream = `${symbolId.toLowerCase()}@trade`;
    this.broadcast(stream, tradeEvent(symbolId, trade, this.ctx.clock.now()));
  }

  /** Pushes a kline event as given (for tests of odd or broken payloads). */
  pushKlineBody(symbolId: string, interval: string, body: Record<string, unknown>): void {
    this.broadcast(`${symbolId.toLowerCase()}@kline_${interval}`, { e: 'kline', E: this.ctx.clock.now(), s: symbolId, k: body });
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onMessage(conn: Conn, text: string): void {
    let msg: { method?: unknown; params?: unknown; id?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      this.reply(conn, { error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }, id: null });
      return;
    }
    const id = msg.id ?? null;
    const params = Array.isArray(msg.params) ? (msg.params as unknown[]) : [];
    switch (msg.method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        const bad = params.find((p) => typeof p !== 'string' || !STREAM_RE.test(p));
        if (bad !== undefined || params.length === 0) {
          this.reply(conn, { error: { code: 2, msg: 'Invalid request: invalid stream' }, id });
          return;
        }
        for (const p of params as string[]) {
          if (msg.method === 'SUBSCRIBE') conn.streams.add(p);
          else conn.streams.delete(p);
        }
        this.reply(conn, { result: null, id });
        return;
      }
      case 'LIST_SUBSCRIPTIONS':
        this.reply(conn, { result: [...conn.streams], id });
        return;
      case 'SET_PROPERTY':
        if (params[0] === 'combined' && typeof params[1] === 'boolean') conn.combined = params[1];
        this.reply(conn, { result: null, id });
        return;
      case 'GET_PROPERTY':
        this.reply(conn, { result: params[0] === 'combined' ? conn.combined : null, id });
        return;
      default:
        this.reply(conn, { error: { code: 2, msg: `Invalid request: unknown variant \`${String(msg.method)}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\`` }, id });
    }
  }

  private reply(conn: Conn, body: unknown): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(body));
  }

  private broadcast(stream: string, data: unknown): void {
    let wrapped: string | undefined;
    let raw: string | undefined;
    for (const c of this.conns) {
      if (!c.streams.has(stream) || c.ws.readyState !== WebSocket.OPEN) continue;
      if (c.combined) c.ws.send((wrapped ??= JSON.stringify({ stream, data })));
      else c.ws.send((raw ??= JSON.stringify(data)));
    }
  }

  private onClockMove(from: number, to: number): void {
    const wanted = this.subscriptions();
    // The book follows the price whether or not anyone listens, so REST depth stays current.
    const diffs = new Map<string, BookDiff | null>();
    for (const [id, book] of this.ctx.books) diffs.set(id, book.sync(lastPrice(this.ctx.symbols.get(id)!, to)));
    for (const stream of wanted) {
      const m = STREAM_RE.exec(stream)!;
      const spec = this.ctx.symbols.get(m[1]!.toUpperCase());
      if (!spec) continue;
      const kind = m[2]!;
      const book = this.ctx.books.get(spec.id)!;
      for (const event of this.eventsFor(spec, kind, book, diffs.get(spec.id) ?? null, from, to)) this.broadcast(stream, event);
    }
  }

  private eventsFor(spec: SymbolSpec, kind: string, book: OrderBook, diff: BookDiff | null, from: number, to: number): unknown[] {
    if (kind === 'trade' || kind === 'aggTrade') {
      const trades = tradesBetween(spec, from, to).slice(-MAX_EVENTS_PER_STREAM);
      return trades.map((t) => (kind === 'trade' ? tradeEvent(spec.id, t, to) : aggTradeEvent(spec.id, t, to)));
    }
    if (kind.startsWith('kline_')) {
      const interval = kind.slice('kline_'.length);
      if (!isInterval(interval)) return [];
      const out: unknown[] = [];
      // Every candle that ended during the move gets its final (x: true) event, then the forming one.
      for (let open = bucketStart(interval, from); nextBucket(interval, open) <= to; open = nextBucket(interval, open)) {
        if (nextBucket(interval, open) <= from) continue;
        const k = klineAt(spec, interval, open, to);
        if (k) out.push({ e: 'kline', E: to, s: spec.id, k: klineEventBody(spec, interval, k) });
      }
      const forming = klineAt(spec, interval, bucketStart(interval, to), to);
      if (forming && !forming.closed) out.push({ e: 'kline', E: to, s: spec.id, k: klineEventBody(spec, interval, forming) });
      return out.slice(-MAX_EVENTS_PER_STREAM);
    }
    if (kind.startsWith('depth')) {
      const levels = /^depth(5|10|20)/.exec(kind)?.[1];
      if (levels) return [book.snapshot(Number(levels))];
      if (!diff) return [];
      return [{ e: 'depthUpdate', E: to, s: spec.id, U: diff.firstUpdateId, u: diff.lastUpdateId, b: diff.bids, a: diff.asks }];
    }
    if (kind === 'ticker') return [tickerEvent(spec, ticker24h(spec, to), book, to)];
    if (kind === 'miniTicker') return [miniTickerEvent(spec, ticker24h(spec, to), to)];
    if (kind === 'bookTicker') {
      const { bid, ask } = book.best();
      return [{ u: book.updateId, s: spec.id, b: bid[0], B: bid[1], a: ask[0], A: ask[1] }];
    }
    return [];
  }
}

function tradeEvent(symbolId: string, t: Trade, eventTime: number): Record<string, unknown> {
  return { e: 'trade', E: eventTime, s: symbolId, t: t.id, p: fmt(t.price), q: fmt(t.qty), T: t.time, m: t.isBuyerMaker, M: true };
}

function aggTradeEvent(symbolId: string, t: Trade, eventTime: number): Record<string, unknown> {
  return { e: 'aggTrade', E: eventTime, s: symbolId, a: t.id, p: fmt(t.price), q: fmt(t.qty), f: t.id, l: t.id, T: t.time, m: t.isBuyerMaker, M: true };
}
