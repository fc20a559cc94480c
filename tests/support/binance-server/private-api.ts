// The signed (private) half of the test exchange: orders, the account, its trades. Requests are checked as
// Binance checks them (signed-request.ts), then meet the order faults a test queued (order-faults.ts) on
// either side of the book (order-matching.ts).
//
//   POST   /api/v3/order        place (MARKET, LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT)
//   GET    /api/v3/order        one order by orderId or origClientOrderId
//   DELETE /api/v3/order        cancel one
//   GET    /api/v3/openOrders   open orders (one symbol or all)
//   DELETE /api/v3/openOrders   cancel a symbol's open orders
//   GET    /api/v3/allOrders    a symbol's orders, open or not
//   GET    /api/v3/account      balances and commission rates
//   GET    /api/v3/myTrades     the account's trades
//
// With `stateFile` every change is written to disk before the answer goes out (and the file is read back
// at start), so a test can kill and restart a client, or this server, and find the same exchange.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dec, format, ONE, type Dec } from '../../../shared/trading/decimal.ts';
import { BinanceApiError, mandatory } from './api-error.ts';
import { fmt8, SpotAccount } from './account.ts';
import type { ServerClock } from './clock.ts';
import { edgeErrorPage, OrderFaults, type OrderFaultOutcome } from './order-faults.ts';
import { cancelledRow, isOpenStatus, OrderMatcher, orderRow, placedRow, tradeRow, type SavedState, type SpotOrder } from './order-matching.ts';
import { TEST_API_KEY, TEST_API_SECRET, verifySigned, type ApiCredential } from './signed-request.ts';
import type { SymbolSpec } from './symbols.ts';

const PATHS = new Set(['/api/v3/order', '/api/v3/openOrders', '/api/v3/allOrders', '/api/v3/account', '/api/v3/myTrades']);

/** What the test account holds at start unless told otherwise. */
export const DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '10000', BTC: '0', ETH: '0' };

export interface PrivateApiOptions {
  symbols: ReadonlyMap<string, SymbolSpec>;
  clock: ServerClock;
  credentials?: readonly ApiCredential[];
  /** Opening balances (decimal text per asset); default DEFAULT_BALANCES. Ignored when a state file exists. */
  balances?: Readonly<Record<string, string>>;
  /** Fractions: 0.001 is 0.1 %. */
  makerRate?: string;
  takerRate?: string;
  /** Pay commission in another asset (Binance's "pay fees with BNB"): the asset, and its price in the quote asset (decimal text). */
  commissionIn?: { asset: string; price: string };
  stateFile?: string;
}

interface SavedFile extends SavedState {
  clock: number;
}

export class PrivateApi {
  readonly matcher: OrderMatcher;
  readonly faults = new OrderFaults();
  readonly credentials: ApiCredential[];
  readonly stateFile: string | null;
  readonly #clock: ServerClock;

  constructor(options: PrivateApiOptions) {
    this.#clock = options.clock;
    this.credentials = [...(options.credentials ?? [{ apiKey: TEST_API_KEY, secret: TEST_API_SECRET }])];
    this.stateFile = options.stateFile ?? null;
    const opening: Record<string, Dec> = {};
    for (const [asset, amount] of Object.entries(options.balances ?? DEFAULT_BALANCES)) opening[asset] = dec(amount);
    this.matcher = new OrderMatcher({
      symbols: options.symbols,
      clock: options.clock,
      account: new SpotAccount(opening),
      makerRate: options.makerRate === undefined ? undefined : dec(options.makerRate),
      takerRate: options.takerRate === undefined ? undefined : dec(options.takerRate),
      commissionIn: options.commissionIn === undefined ? undefined : { asset: options.commissionIn.asset, price: dec(options.commissionIn.price) },
      onChange: () => this.save(),
    });
    if (this.stateFile !== null) {
      let saved: SavedFile | null = null;
      try {
        saved = JSON.parse(readFileSync(this.stateFile, 'utf8')) as SavedFile;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (saved) {
        this.matcher.load(saved);
        if (saved.clock > this.#clock.now()) this.#clock.set(saved.clock);
      } else {
        this.save();
      }
    }
  }

  isPrivate(path: string): boolean {
    return PATHS.has(path);
  }

  /** Writes the state file (temp file, then rename: a reader never sees half of it). */
  save(): void {
    if (this.stateFile === null) return;
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...(this.matcher.toJSON() as object), clock: this.#clock.now() }));
    renameSync(tmp, this.stateFile);
  }

  // ------------------------------------------------------------------ views for tests

  /** Every order placed with this client id (Binance allows reuse once the earlier one is closed), oldest first. */
  ordersWithClientId(clientOrderId: string): SpotOrder[] {
    return this.matcher.orders.filter((o) => o.clientOrderId === clientOrderId);
  }

  balance(asset: string): { free: string; locked: string; total: string } {
    const b = this.matcher.account.get(asset);
    return { free: format(b.free), locked: format(b.locked), total: format(b.free + b.locked) };
  }

  // ------------------------------------------------------------------ serving

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>): Promise<void> {
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const reply = (status: number, payload: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, headers);
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    let params: URLSearchParams;
    try {
      const key = req.headers['x-mbx-apikey'];
      params = verifySigned({ rawQuery: url.search.replace(/^\?/, ''), body, apiKeyHeader: Array.isArray(key) ? key[0] : key, credentials: this.credentials });
    } catch (err) {
      if (err instanceof BinanceApiError) return reply(err.status, err.body);
      throw err;
    }
    const before = this.faults.take('before', method, url.pathname);
    if (before) return this.#suffer(before, req, res, headers);
    let status = 200;
    let payload: unknown;
    let placed: SpotOrder | null = null;
    try {
      const answer = this.#route(method, url.pathname, params);
      payload = answer.body;
      placed = answer.placed;
    } catch (err) {
      if (!(err instanceof BinanceApiError)) throw err;
      status = err.status;
      payload = err.body;
    }
    if (placed && this.faults.onAccepted) await this.faults.onAccepted(placed);
    const after = this.faults.take('after', method, url.pathname);
    if (after) return this.#suffer(after, req, res, headers);
    reply(status, payload);
  }

  #suffer(outcome: OrderFaultOutcome, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    if (outcome.kind === 'hangup') {
      req.socket.destroy();
    } else if (outcome.kind === 'timeout') {
      const timer = setTimeout(() => req.socket.destroy(), outcome.ms);
      timer.unref();
      req.socket.once('close', () => clearTimeout(timer));
    } else {
      res.writeHead(outcome.status, { ...headers, 'content-type': outcome.body === undefined ? 'text/html' : 'application/json;charset=UTF-8' });
      res.end(outcome.body ?? edgeErrorPage(outcome.status));
    }
  }

  #route(method: string, path: string, q: URLSearchParams): { body: unknown; placed: SpotOrder | null } {
    const m = this.matcher;
    const key = `${method} ${path}`;
    switch (key) {
      case 'POST /api/v3/order': {
        const respType = q.get('newOrderRespType') ?? 'FULL';
        const { order, fills } = m.place(q);
        const full = placedRow(order, fills);
        if (respType === 'ACK') return { body: { symbol: order.symbol, orderId: order.orderId, orderListId: -1, clientOrderId: order.clientOrderId, transactTime: order.time }, placed: order };
        if (respType === 'RESULT') {
          const { fills: _fills, ...result } = full;
          return { body: result, placed: order };
        }
        return { body: full, placed: order };
      }
      case 'GET /api/v3/order':
        return { body: orderRow(m.find(q)), placed: null };
      case 'DELETE /api/v3/order': {
        const order = m.cancel(q);
        return { body: cancelledRow(order, q.get('origClientOrderId') ?? order.clientOrderId), placed: null };
      }
      case 'GET /api/v3/openOrders':
        return { body: m.openOrders(q.get('symbol')).map(orderRow), placed: null };
      case 'DELETE /api/v3/openOrders':
        return { body: m.cancelAll(q).map((o) => cancelledRow(o, o.clientOrderId)), placed: null };
      case 'GET /api/v3/allOrders': {
        const symbol = q.get('symbol');
        if (!symbol) throw mandatory('symbol');
        m.openOrders(symbol); // -1121 for an unknown symbol
        const from = Number(q.get('orderId') ?? 0);
        const limit = Math.min(1000, Number(q.get('limit') ?? 500));
        const rows = m.orders.filter((o) => o.symbol === symbol && o.orderId >= from);
        return { body: rows.slice(0, limit).map(orderRow), placed: null };
      }
      case 'GET /api/v3/account': {
        const omitZero = q.get('omitZeroBalances') === 'true';
        const rows = m.account.rows().filter((b) => !omitZero || dec(b.free) + dec(b.locked) !== 0n);
        const rate = (r: Dec) => fmt8(r);
        return {
          body: {
            // Basis points, as Binance prints them (10 is 0.1 %).
            makerCommission: Number((m.makerRate * 10_000n) / ONE),
            takerCommission: Number((m.takerRate * 10_000n) / ONE),
            buyerCommission: 0,
            sellerCommission: 0,
            commissionRates: { maker: rate(m.makerRate), taker: rate(m.takerRate), buyer: '0.00000000', seller: '0.00000000' },
            canTrade: true,
            canWithdraw: true,
            canDeposit: true,
            brokered: false,
            requireSelfTradePrevention: false,
            preventSor: false,
            updateTime: this.#clock.now(),
            accountType: 'SPOT',
            balances: rows,
            permissions: ['SPOT'],
            uid: 354937868,
          },
          placed: null,
        };
      }
      case 'GET /api/v3/myTrades':
        return { body: m.myTrades(q).map(tradeRow), placed: null };
      default:
        throw new BinanceApiError(405, -1, `${method} is not served on ${path} by this test server`);
    }
  }
}

export { isOpenStatus };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
