// A local exchange that speaks the part of Binance's SPOT API that ccxt's binance class uses for public
// market data, on 127.0.0.1 at a random port, serving real March 2023 data with a clock the test controls;
// and the signed half (private-api.ts): a test account whose orders match against that clock.
// Tests point ccxt at it (every urls.api entry and the ws URL rebased onto `origin`/`wsOrigin`) and use the
// handles below to move time, push data, and break things on purpose.
//
//   const server = await startBinanceServer();             // clock at 2023-03-15T12:00:30Z by default
//   server.clock.advance(60_000);                          // a minute passes: trades, klines, book, ticker pushed
//   server.faults.rateLimit({ count: 3, retryAfterSec: 1 }); server.ws.dropAll(); await server.close();
//   await startBinanceServer({ markets: [{ base: 'BNB', quote: 'USDT', price: '312.45' }] });  // one more pair, flat
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ServerClock } from './clock.ts';
import { Faults } from './faults.ts';
import { OrderBook } from './order-book.ts';
import { PrivateApi, type PrivateApiOptions } from './private-api.ts';
import { RequestWeight, weightOf } from './request-weight.ts';
import { routeRest } from './rest-routes.ts';
import { flatSymbol, loadSymbols, type FlatMarket, type SymbolSpec } from './symbols.ts';
import { lastPrice } from './trades.ts';
import { StreamHub } from './ws-streams.ts';

export { ServerClock } from './clock.ts';
export { Faults } from './faults.ts';
export type { Trade } from './trades.ts';
export { TEST_API_KEY, TEST_API_SECRET } from './signed-request.ts';
export type { PrivateApi } from './private-api.ts';
export type { FlatMarket } from './symbols.ts';

/** Inside the data (which runs 2023-03-01 to 2023-03-21), half a minute into a candle. */
export const DEFAULT_START = Date.UTC(2023, 2, 15, 12, 0, 30);

export interface StartOptions {
  /** Market time the server clock starts at (epoch ms); default DEFAULT_START. */
  startTime?: number;
  /** Port on 127.0.0.1; default 0 (a free one). */
  port?: number;
  /** Markets listed after BTCUSDT and ETHUSDT, each at one price all along (BNBUSDT, to value fees paid in BNB). */
  markets?: readonly FlatMarket[];
  /** The signed API's test account: balances, fee rates, keys, and a state file that outlives this process. */
  account?: Omit<PrivateApiOptions, 'symbols' | 'clock'>;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Wall-clock time it arrived. */
  at: number;
}

export interface BinanceServer {
  readonly port: number;
  /** http://127.0.0.1:<port>: the REST base; Binance's paths (/api/v3/...) hang off it. */
  readonly origin: string;
  /** ws://127.0.0.1:<port>: streams at /ws and /stream, as on Binance. */
  readonly wsOrigin: string;
  readonly clock: ServerClock;
  readonly faults: Faults;
  readonly ws: StreamHub;
  /** The signed API: the account's orders, trades and balances, and faults on either side of the book. */
  readonly exchange: PrivateApi;
  /** Request weight used and (when a test sets one) the limit that answers 429, then 418. */
  readonly weights: RequestWeight;
  /** Every REST request so far, oldest first. */
  readonly requests: RequestRecord[];
  readonly symbols: readonly SymbolSpec[];
  /** Stops listening, cuts every connection and waits until the port is free. */
  close(): Promise<void>;
}

export async function startBinanceServer(options: StartOptions = {}): Promise<BinanceServer> {
  const specs = withMarkets(loadSymbols(), options.markets ?? []);
  const symbols = new Map(specs.map((s) => [s.id, s]));
  const clock = new ServerClock(options.startTime ?? DEFAULT_START);
  const books = new Map(specs.map((s) => [s.id, new OrderBook(s, lastPrice(s, clock.now()))]));
  const faults = new Faults();
  const hub = new StreamHub({ symbols, books, clock });
  const requests: RequestRecord[] = [];
  const exchange = new PrivateApi({ ...options.account, symbols, clock });
  const weights = new RequestWeight();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: -1000, msg: `test server bug: ${String(err)}` }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const at = Date.now();
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, at });
    const { delayMs, outcome } = faults.take(url.pathname);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    if (outcome?.kind === 'hangup') {
      req.socket.destroy();
      return;
    }
    // Binance reports the request weight used in the last minute on every answer, and refuses past the limit.
    const weight = weights.charge(weightOf(req.method ?? 'GET', url.pathname, url.searchParams), at);
    const headers: Record<string, string> = {
      'content-type': 'application/json;charset=UTF-8',
      'x-mbx-used-weight': String(weight.used),
      'x-mbx-used-weight-1m': String(weight.used),
    };
    if (weight.refusal) {
      res.writeHead(weight.refusal.status, { ...headers, 'retry-after': String(weight.refusal.retryAfterSec) });
      res.end(weight.refusal.body);
      return;
    }
    if (outcome?.kind === 'status') {
      if (outcome.retryAfterSec !== undefined) headers['retry-after'] = String(outcome.retryAfterSec);
      res.writeHead(outcome.status, headers);
      res.end(outcome.body);
      return;
    }
    if (exchange.isPrivate(url.pathname)) return exchange.handle(req, res, url, headers);
    const reply = req.method === 'GET' ? routeRest(url.pathname, url.searchParams, { symbols, books, now: () => clock.now() }) : { status: 405, body: { code: -1, msg: 'this test server is read only' } };
    let body = JSON.stringify(reply.body);
    if (outcome?.kind === 'malformed') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    res.writeHead(reply.status, headers);
    res.end(body);
  }

  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server did not get a TCP port');
  const port = address.port;

  let closing: Promise<void> | undefined;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    clock,
    faults,
    ws: hub,
    exchange,
    weights,
    requests,
    symbols: specs,
    close() {
      closing ??= (async () => {
        clock.pause();
        faults.clear();
        exchange.faults.clear();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        await hub.close();
        for (const s of sockets) s.destroy();
        await done;
      })();
      return closing;
    },
  };
}

/** The real symbols and the flat markets a test added, which must not repeat one. */
function withMarkets(real: readonly SymbolSpec[], added: readonly FlatMarket[]): SymbolSpec[] {
  const specs = [...real, ...added.map((m, i) => flatSymbol(m, i, real[0]!.bars))];
  const ids = specs.map((s) => s.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new RangeError(`the test server already lists ${repeated}; add each market once`);
  return specs;
}
