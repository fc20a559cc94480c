// Bad input and faults on the live path, against the local Binance server:
// - orders that are wrong (qty 0, negative, NaN, beyond the balance, off the tick or step, under the
//   minimum, an unknown symbol) are refused before anything is journaled or sent: the exchange sees no
//   order request at all;
// - an order that reached the exchange but whose answer was lost (timeout, dropped connection, 5xx after
//   the book) is found by its client id, never placed twice;
// - a 5xx before the book is sent again only after a lookup proves the order absent;
// - rate limits are waited out; refusals by the exchange end the order as rejected, with the reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { OrderRefusedError } from '../../electron/trading/order-refused.ts';
import { dec, format } from '../../shared/trading/decimal.ts';
import type { OrderRequest } from '../../shared/trading/orders.ts';
import { journalView, openLiveRig, USER, type LiveRig } from '../helpers/live-rig.ts';
import { startBinanceServer, TEST_API_KEY, TEST_API_SECRET, type BinanceServer } from '../support/binance-server/index.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

let server: BinanceServer;
let r: LiveRig;

beforeEach(async () => {
  server = await startBinanceServer({ account: { balances: { USDT: '50000', BTC: '0', ETH: '0' } } });
  r = await openLiveRig({ origin: server.origin, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, timeoutMs: 400, prices: { 'BTC/USDT': lastPrice() } });
});

afterEach(async () => {
  r?.close();
  await server?.close();
});

function lastPrice(): number {
  return Number(format(server.exchange.matcher.price('BTCUSDT')));
}

const orderRequests = (method: 'POST' | 'GET' | 'DELETE', from = 0) => server.requests.slice(from).filter((q) => q.method === method && q.path === '/api/v3/order');

function journal() {
  return new SqliteTradingJournal(r.journal.db);
}

describe('bad input is refused before anything is sent', () => {
  const px = () => lastPrice();
  const cases: [string, () => OrderRequest, string][] = [
    ['qty 0', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0' }), 'qty'],
    ['a negative qty', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '-0.01' }), 'qty'],
    ['qty NaN', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: 'NaN' }), 'qty'],
    ['more than the balance buys', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '3' }), 'qty'],
    ['selling what the account does not hold', () => ({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01' }), 'qty'],
    ['a price off the tick', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: (Math.floor(px() * 0.9) + 0.005).toFixed(3) }), 'price'],
    ['a qty off the step', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.0100005' }), 'qty'],
    ['an order under the minimum value', () => ({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.0001' }), 'qty'],
    ['an unknown symbol', () => ({ symbol: 'DOGE/USDT', side: 'buy', type: 'market', qty: '10' }), 'symbol'],
  ];
  for (const [what, request, field] of cases) {
    it(what, () => {
      const before = server.requests.length;
      let caught: unknown;
      try {
        r.live.engine.submit(request(), USER);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(OrderRefusedError);
      expect((caught as OrderRefusedError).refusal.field).toBe(field);
      expect(journal().orders('binance:main', { status: 'all', limit: 10 })).toEqual([]);
      expect(server.requests.slice(before).filter((q) => q.method !== 'GET' || q.path === '/api/v3/order')).toEqual([]);
      expect(server.exchange.matcher.orders).toEqual([]);
    });
  }
});

describe('answers lost after the order reached the exchange', () => {
  for (const [what, fault] of [
    ['a timeout', { kind: 'timeout', ms: 5_000 }],
    ['a dropped connection', { kind: 'hangup' }],
    ['a 502 after the book', { kind: 'status', status: 502 }],
  ] as const) {
    it(`${what}: the order is looked up by client id, and there is exactly one`, async () => {
      server.exchange.faults.afterBook(fault);
      const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'lost-1' }, USER);
      await waitFor('the order filled', () => r.live.engine.order(order.id)?.status === 'filled', 10_000);
      await r.live.monitor.idle();
      expect(server.exchange.ordersWithClientId('lost-1')).toHaveLength(1);
      expect(orderRequests('POST')).toHaveLength(1);
      expect(orderRequests('GET').length).toBeGreaterThanOrEqual(1);
      expect(journalView(journal()).get('lost-1')).toMatchObject({ status: 'filled', fills: 1 });
    });
  }

  it('a resting order whose answer timed out is still one order, open, after the lookup', async () => {
    server.exchange.faults.afterBook({ kind: 'timeout', ms: 5_000 });
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: (Math.floor(lastPrice() * 0.8 * 100) / 100).toFixed(2), clientOrderId: 'lost-2' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted', 10_000);
    expect(server.exchange.ordersWithClientId('lost-2').map((o) => o.status)).toEqual(['NEW']);
    expect(r.live.engine.order(order.id)!.exchangeOrderId).toBe(String(server.exchange.ordersWithClientId('lost-2')[0]!.orderId));
  });
});

describe('5xx before the book', () => {
  it('is sent again only after the lookup proves the order absent', async () => {
    server.exchange.faults.beforeBook({ kind: 'status', status: 503 });
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'gone-1' }, USER);
    await waitFor('filled', () => r.live.engine.order(order.id)?.status === 'filled', 10_000);
    const calls = server.requests.filter((q) => q.path === '/api/v3/order').map((q) => q.method);
    expect(calls).toEqual(['POST', 'GET', 'POST']);
    expect(server.exchange.ordersWithClientId('gone-1')).toHaveLength(1);
  });

  it('keeps looking while the lookups fail too, and never resends before one answers', async () => {
    server.exchange.faults.beforeBook({ kind: 'status', status: 503 });
    server.exchange.faults.beforeBook({ kind: 'status', status: 504 }, { method: 'GET', count: 3 });
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'gone-2' }, USER);
    await waitFor('filled', () => r.live.engine.order(order.id)?.status === 'filled', 10_000);
    const calls = server.requests.filter((q) => q.path === '/api/v3/order').map((q) => q.method);
    expect(calls).toEqual(['POST', 'GET', 'GET', 'GET', 'GET', 'POST']);
    expect(server.exchange.ordersWithClientId('gone-2')).toHaveLength(1);
  });
});

describe('rate limits and refusals', () => {
  it('a 429 on the order is waited out (Retry-After) and the order placed once', async () => {
    server.faults.rateLimit({ path: '/api/v3/order', retryAfterSec: 1 });
    const t0 = Date.now();
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'slow-1' }, USER);
    await waitFor('filled', () => r.live.engine.order(order.id)?.status === 'filled', 10_000);
    const posts = orderRequests('POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - t0).toBeGreaterThanOrEqual(950);
    expect(server.exchange.ordersWithClientId('slow-1')).toHaveLength(1);
  });

  it('the request weight limit answers 429 then 418; the broker backs off and loses nothing', async () => {
    const before = server.requests.length;
    server.weights.configure({ limit: 12, windowMs: 1_000, banAfter: 2, banMs: 1_000 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: `heavy-${i}` }, USER).id);
    await waitFor('all filled', () => ids.every((id) => r.live.engine.order(id)?.status === 'filled'), 20_000);
    server.weights.configure({ limit: Infinity });
    for (let i = 0; i < 4; i++) expect(server.exchange.ordersWithClientId(`heavy-${i}`)).toHaveLength(1);
    expect(server.requests.length).toBeGreaterThan(before);
    expect(server.weights.refused[429]).toBeGreaterThan(0);
    expect(server.weights.refused[418]).toBeGreaterThan(0);
  });

  it('a ban longer than a minute (418, Retry-After 120 s) ends the order rejected at once with the reason; it is never sent late', async () => {
    const msg = 'Way too many requests; IP(127.0.0.1) banned until 1678882000000. Please use the websocket for live updates to avoid bans.';
    server.faults.status(418, { path: '/api/v3/order', retryAfterSec: 120, body: JSON.stringify({ code: -1003, msg }) });
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'banned-1' }, USER);
    await waitFor('rejected', () => r.live.engine.order(order.id)?.status === 'rejected', 5_000);
    expect(r.live.engine.order(order.id)!.reason).toBe(`rate limited by binance: ${msg}; binance asks Keel to wait 120 s more, so the order was not placed (nothing is on the exchange): place it again once the limit is lifted`);
    await r.live.monitor.idle();
    expect(orderRequests('POST')).toHaveLength(1);
    expect(server.exchange.matcher.orders).toEqual([]);
  });

  it('a reduce-only order (a stop, a target, a close) waits out a long ban instead: late still takes risk off', async () => {
    const bought = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'held-1' }, USER);
    await waitFor('filled', () => r.live.engine.order(bought.id)?.status === 'filled', 10_000);
    const msg = 'Way too many requests; IP(127.0.0.1) banned until 1678882000000.';
    server.faults.status(418, { path: '/api/v3/order', retryAfterSec: 120, body: JSON.stringify({ code: -1003, msg }) });
    const exit = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01', reduceOnly: true, clientOrderId: 'exit-1' }, USER);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Not rejected: it waits the 120 s the exchange asked for, then is sent (an entry would have ended rejected at once).
    expect(r.live.engine.order(exit.id)!.status).not.toBe('rejected');
    expect(orderRequests('POST')).toHaveLength(2);
  });

  it('an order the exchange refuses (funds gone behind Keel’s back) ends rejected with the exchange’s reason', async () => {
    const usdt = server.exchange.matcher.account.get('USDT');
    usdt.free = 10n ** 18n; // a withdrawal Keel did not see: 1 USDT left
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'poor-1' }, USER);
    await waitFor('rejected', () => r.live.engine.order(order.id)?.status === 'rejected', 10_000);
    expect(r.live.engine.order(order.id)!.reason).toContain('insufficient balance');
    expect(orderRequests('POST')).toHaveLength(1);
    expect(server.exchange.matcher.orders).toEqual([]);
  });

  it('the engine resizing an exit the exchange holds (scaling out) is refused on the order, with why; the order stays as it was', async () => {
    const price = (Math.floor(lastPrice() * 1.2 * 100) / 100).toFixed(2);
    const entry = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'resize-entry', bracket: { takeProfits: [{ price, fraction: 1 }] } }, USER);
    await waitFor('bought', () => r.live.engine.order(entry.id)?.status === 'filled');
    const exit = () => r.live.engine.openOrders().find((o) => o.parentId === entry.id);
    await waitFor('the take-profit resting', () => exit()?.status === 'accepted');
    // A strategy scaling out asks the engine to cut the exit to what will be left; the exchange cannot.
    r.live.engine.trimExits('BTC/USDT', exit()!.ledger, 'sell', dec('0.005'), 'scaling out');
    expect(exit()).toMatchObject({ status: 'accepted', qty: dec('0.01'), reason: 'binance cannot change an order resting on it, so the change to quantity 0.005 was not made: the order stays as it was (cancel it and place a new one if it must change)' });
    expect(journal().orderEvents(exit()!.id).filter((e) => e.kind === 'noted')).toHaveLength(1);
    expect(format(server.exchange.ordersWithClientId(exit()!.clientOrderId)[0]!.origQty)).toBe('0.01');
  });

  it('a modify of an order resting on the exchange is refused, saying to cancel and place anew (it answered ok and changed nothing)', async () => {
    const price = (Math.floor(lastPrice() * 0.8 * 100) / 100).toFixed(2);
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price, clientOrderId: 'amend-1' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted');
    const lower = (Math.floor(lastPrice() * 0.7 * 100) / 100).toFixed(2);
    expect(() => r.live.engine.modify(order.id, { price: lower })).toThrow(/cannot change an order resting on the exchange: cancel order .* and place a new one/);
    expect(r.live.engine.order(order.id)!.price).toBe(price);
  });

  it('a cancel whose answer is lost is confirmed by the next look at the exchange', async () => {
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: (Math.floor(lastPrice() * 0.8 * 100) / 100).toFixed(2), clientOrderId: 'cxl-lost' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted');
    server.exchange.faults.afterBook({ kind: 'hangup' }, { method: 'DELETE' });
    r.live.engine.cancel(order.id);
    await waitFor('cancelled', () => r.live.engine.order(order.id)?.status === 'cancelled', 10_000);
    expect(server.exchange.ordersWithClientId('cxl-lost').map((o) => o.status)).toEqual(['CANCELED']);
  });

  it('a cancel the exchange keeps refusing (the key revoked mid-session) is told with its reason; the order stays accepted, and the notice goes once it is cancelled', async () => {
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: (Math.floor(lastPrice() * 0.8 * 100) / 100).toFixed(2), clientOrderId: 'cxl-refused' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted');
    const msg = 'Invalid API-key, IP, or permissions for action.';
    const credentials = [...server.exchange.credentials];
    server.exchange.credentials.splice(0, Infinity, { apiKey: 'another-key', secret: 'x' });
    r.live.engine.cancel(order.id);
    await waitFor('reported as refused', () => (r.live.findings().refusedCancels[0]?.refusals ?? 0) >= 3, 10_000);
    // Still open on the exchange, so still accepted here: only the reason is news.
    expect(r.live.engine.order(order.id)!.status).toBe('accepted');
    expect(server.exchange.ordersWithClientId('cxl-refused')[0]?.status).toBe('NEW');
    const [refused] = r.live.findings().refusedCancels;
    expect(refused).toMatchObject({ orderId: order.id, clientOrderId: 'cxl-refused', symbol: 'BTC/USDT', reason: expect.stringContaining(msg) });
    expect(refused!.message).toContain(`binance refused to cancel it ${refused!.refusals} times: `);
    expect(refused!.message).toContain(`${msg.slice(0, -1)}; it may still be open on binance`);
    // The order itself says so (its reason, shown on its status), and its history has it once, not at every poll.
    expect(r.live.engine.order(order.id)!.reason).toBe(`binance refused to cancel it: ${msg.slice(0, -1)}; it may still be open on binance (Keel tries again at every poll; check it on binance)`);
    expect(journal().orderEvents(order.id).filter((e) => e.kind === 'noted').map((e) => [e.status, e.detail])).toEqual([['accepted', r.live.engine.order(order.id)!.reason]]);

    server.exchange.credentials.splice(0, Infinity, ...credentials);
    await waitFor('cancelled at last', () => r.live.engine.order(order.id)?.status === 'cancelled', 10_000);
    expect(r.live.findings().refusedCancels).toEqual([]);
  });
});
