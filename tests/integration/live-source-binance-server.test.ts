// The local Binance-speaking server itself: the REST and websocket semantics the live source relies on,
// checked with plain fetch and ws so a server bug cannot hide behind ccxt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_START, startBinanceServer, type BinanceServer } from '../support/binance-server/index.ts';
import { btcMinutes, waitFor } from '../support/binance-server/test-helpers.ts';

const MIN = 60_000;
let server: BinanceServer;
const minutes = btcMinutes();

beforeAll(async () => {
  server = await startBinanceServer();
});
afterAll(async () => {
  await server?.close();
});

async function get(path: string): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const res = await fetch(server.origin + path);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

type Row = [number, string, string, string, string, string, number, string, number, string, string, string];

function connect(path: string): Promise<{ ws: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.wsOrigin + path);
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}

describe('REST', () => {
  it('klines: the latest 500 by default, the forming one last; open times ascending; values from the data', async () => {
    const { status, body } = await get('/api/v3/klines?symbol=BTCUSDT&interval=1m');
    expect(status).toBe(200);
    const rows = body as Row[];
    const forming = Math.floor(DEFAULT_START / MIN) * MIN;
    expect(rows).toHaveLength(500);
    expect(rows.at(-1)![0]).toBe(forming);
    expect(rows.every((r, i) => i === 0 || r[0] === rows[i - 1]![0] + MIN)).toBe(true);
    const closed = rows.at(-2)!;
    const bar = minutes.find((c) => c.t === closed[0])!;
    expect(closed.slice(0, 7)).toEqual([bar.t, bar.o.toFixed(8), bar.h.toFixed(8), bar.l.toFixed(8), bar.c.toFixed(8), bar.v!.toFixed(8), bar.t + MIN - 1]);
    // 30 seconds into the forming minute: the trades at 0, 15 and 30 s, not the close at 45 s.
    const open = minutes.find((c) => c.t === forming)!;
    expect(Number(rows.at(-1)![1])).toBe(open.o);
    expect(rows.at(-1)![8]).toBe(3);
  });

  it('klines: startTime, endTime and limit as Binance reads them', async () => {
    const t0 = Date.UTC(2023, 2, 10, 0, 0);
    const fromStart = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${t0 + 1}&limit=3`)).body as Row[];
    expect(fromStart.map((r) => r[0])).toEqual([t0 + MIN, t0 + 2 * MIN, t0 + 3 * MIN]);
    const toEnd = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&endTime=${t0}&limit=2`)).body as Row[];
    expect(toEnd.map((r) => r[0])).toEqual([t0 - MIN, t0]);
    const both = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=5m&startTime=${t0}&endTime=${t0 + 60 * MIN}`)).body as Row[];
    expect(both).toHaveLength(13);
    expect((await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${t0}&limit=1000`)).body).toHaveLength(1000);
    expect(await get('/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001')).toMatchObject({ status: 400, body: { code: -1130 } });
    expect(await get('/api/v3/klines?symbol=XRPUSDT&interval=1m')).toMatchObject({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } });
    expect(await get('/api/v3/klines?symbol=BTCUSDT&interval=2m')).toMatchObject({ status: 400, body: { code: -1120, msg: 'Invalid interval.' } });
    expect(await get('/api/v3/klines?interval=1m')).toMatchObject({ status: 400, body: { code: -1102 } });
    // Weekly candles open on Monday, as on Binance.
    const weeks = (await get('/api/v3/klines?symbol=BTCUSDT&interval=1w')).body as Row[];
    expect(weeks.map((r) => new Date(r[0]).getUTCDay())).toEqual(weeks.map(() => 1));
  });

  it('exchangeInfo, depth, trades, aggTrades, ticker and time agree with one another; other APIs are not served', async () => {
    const info = (await get('/api/v3/exchangeInfo')).body as { symbols: { symbol: string; filters: { filterType: string }[] }[] };
    expect(info.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(info.symbols[0]!.filters.map((f) => f.filterType)).toEqual(expect.arrayContaining(['PRICE_FILTER', 'LOT_SIZE', 'NOTIONAL']));
    expect(info.symbols[1]!.filters.map((f) => f.filterType)).toContain('MIN_NOTIONAL');

    const trades = (await get('/api/v3/trades?symbol=BTCUSDT&limit=3')).body as { id: number; price: string; time: number }[];
    // The clock is at hh:mm:30: the last three trades are the minute's 0 s, 15 s and 30 s ones.
    const now = server.clock.now();
    expect(trades.map((t) => t.time)).toEqual([now - 30_000, now - 15_000, now]);
    const agg = (await get('/api/v3/aggTrades?symbol=BTCUSDT&limit=3')).body as { a: number; p: string }[];
    expect(agg.map((a) => a.a)).toEqual(trades.map((t) => t.id));
    const book = (await get('/api/v3/depth?symbol=BTCUSDT&limit=5')).body as { lastUpdateId: number; bids: string[][]; asks: string[][] };
    expect(book.bids).toHaveLength(5);
    expect(Number(book.bids[0]![0])).toBeLessThan(Number(book.asks[0]![0]));
    const ticker = (await get('/api/v3/ticker/24hr?symbol=BTCUSDT')).body as Record<string, string>;
    expect(ticker.lastPrice).toBe(trades.at(-1)!.price);
    expect(ticker.bidPrice).toBe(book.bids[0]![0]);
    expect((await get('/api/v3/time')).body).toEqual({ serverTime: server.clock.now() });
    expect((await get('/sapi/v1/capital/config/getall')).status).toBe(404);
    expect((await get('/fapi/v1/exchangeInfo')).status).toBe(404);
  });

  it('faults: 429 with Retry-After, 5xx, a body cut in half, a delay, a hang-up, each for the requests asked', async () => {
    server.faults.rateLimit({ count: 2, retryAfterSec: 3, path: '/api/v3/time' });
    const limited = await get('/api/v3/time');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body).toMatchObject({ code: -1003 });
    expect((await get('/api/v3/ping')).status).toBe(200);
    expect((await get('/api/v3/time')).status).toBe(429);
    expect((await get('/api/v3/time')).status).toBe(200);

    server.faults.status(502, { path: /klines/ });
    expect((await get('/api/v3/klines?symbol=BTCUSDT&interval=1m')).status).toBe(502);
    server.faults.malformed();
    const broken = await get('/api/v3/exchangeInfo');
    expect(broken.status).toBe(200);
    expect(broken.body).toBeUndefined();
    expect(broken.text.length).toBeGreaterThan(10);
    server.faults.delay(300, { count: 1 });
    const t = Date.now();
    await get('/api/v3/ping');
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    server.faults.hangup();
    await expect(get('/api/v3/ping')).rejects.toThrow();
    expect(server.faults.pending()).toBe(0);
  });
});

describe('websocket streams', () => {
  it('SUBSCRIBE is answered with its id; a clock move pushes every closed kline, then the forming one', async () => {
    const { ws, messages } = await connect('/ws/0');
    ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@kline_1m', 'btcusdt@trade'], id: 7 }));
    await waitFor('the answer', () => messages.length === 1);
    expect(messages[0]).toEqual({ result: null, id: 7 });
    ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@nonsense'], id: 8 }));
    await waitFor('the refusal', () => messages.length === 2);
    expect(messages[1]).toEqual({ error: { code: 2, msg: 'Invalid request: invalid stream' }, id: 8 });

    const from = server.clock.now();
    const firstOpen = Math.floor(from / MIN) * MIN;
    server.clock.advance(3 * MIN);
    const klines = () => messages.filter((m) => (m as { e?: string }).e === 'kline') as { k: { t: number; x: boolean; c: string } }[];
    await waitFor('four kline events', () => klines().length === 4);
    expect(klines().map((m) => [m.k.t, m.k.x])).toEqual([
      [firstOpen, true],
      [firstOpen + MIN, true],
      [firstOpen + 2 * MIN, true],
      [firstOpen + 3 * MIN, false],
    ]);
    expect(klines()[1]!.k.c).toBe(minutes.find((c) => c.t === firstOpen + MIN)!.c.toFixed(8));
    const trades = messages.filter((m) => (m as { e?: string }).e === 'trade') as { T: number }[];
    expect(trades.length).toBe(12);
    expect(trades.every((t) => t.T > from && t.T <= server.clock.now())).toBe(true);

    // A trade that is not in the data, pushed by the test, goes to the trade stream as Binance sends one.
    server.ws.pushTrade('BTCUSDT', { id: 42, time: server.clock.now(), price: 30_000.5, qty: 0.25, isBuyerMaker: true });
    await waitFor('the pushed trade', () => messages.some((m) => (m as { t?: number }).t === 42));
    expect(messages.at(-1)).toMatchObject({ e: 'trade', s: 'BTCUSDT', t: 42, p: '30000.50000000', q: '0.25000000', m: true });
    ws.close();
  });

  it('combined streams wrap events as {stream, data}; depth diffs continue the REST snapshot id by id', async () => {
    const { ws, messages } = await connect('/stream?streams=btcusdt@depth@100ms/ethusdt@ticker');
    await waitFor('both subscriptions', () => server.ws.subscriptions().includes('ethusdt@ticker'));
    const snapshot = (await get('/api/v3/depth?symbol=BTCUSDT&limit=1000')).body as { lastUpdateId: number; bids: string[][]; asks: string[][] };
    for (let i = 0; i < 3; i++) server.clock.advance(20_000);
    await waitFor('three diffs and three tickers', () => messages.length >= 6);
    const diffs = (messages as { stream: string; data: { U: number; u: number; b: string[][]; a: string[][] } }[]).filter((m) => m.stream === 'btcusdt@depth@100ms').map((m) => m.data);
    expect(diffs.map((d) => [d.U, d.u])).toEqual([1, 2, 3].map((i) => [snapshot.lastUpdateId + i, snapshot.lastUpdateId + i]));
    // Applying the diffs to the snapshot gives the book the server has now.
    const apply = (side: Map<string, string>, levels: string[][]) => levels.forEach(([p, q]) => (Number(q) === 0 ? side.delete(p!) : side.set(p!, q!)));
    const bids = new Map(snapshot.bids.map(([p, q]) => [p!, q!]));
    const asks = new Map(snapshot.asks.map(([p, q]) => [p!, q!]));
    for (const d of diffs) {
      apply(bids, d.b);
      apply(asks, d.a);
    }
    const now = (await get('/api/v3/depth?symbol=BTCUSDT&limit=1000')).body as { bids: string[][]; asks: string[][] };
    expect([...bids].sort((a, b) => Number(b[0]) - Number(a[0]))).toEqual(now.bids);
    expect([...asks].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(now.asks);
    const ticker = (messages as { stream: string; data: { e: string; s: string } }[]).find((m) => m.stream === 'ethusdt@ticker')!;
    expect(ticker.data).toMatchObject({ e: '24hrTicker', s: 'ETHUSDT' });
    ws.close();
  });

  it('drops every connection on demand, and refuses new ones while told to', async () => {
    const { ws } = await connect('/ws');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    server.ws.refuse(true);
    server.ws.dropAll();
    expect(await closed).toBe(1006);
    await expect(connect('/ws')).rejects.toThrow('Unexpected server response: 503');
    server.ws.refuse(false);
    const again = await connect('/ws');
    expect(server.ws.connectionCount()).toBe(1);
    again.ws.close();
  });
});
