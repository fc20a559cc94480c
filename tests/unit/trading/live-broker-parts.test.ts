// The live broker's pure parts: fills applied once by trade id across a restart, what an error proves
// about an order, the last check before sending, how orders become ccxt calls; and the test exchange's
// signature check and filters, which the integration tests rely on.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unconfirmedCancels } from '../../../electron/app/live-account-risk.ts';
import { SqliteBalanceAdjustments } from '../../../electron/journal/balance-adjustments.ts';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { balanceDrift, balanceTotals } from '../../../electron/trading/live/balance-drift.ts';
import { createOrderArgs } from '../../../electron/trading/live/exchange-order-args.ts';
import { LiveMonitor } from '../../../electron/trading/live/live-monitor.ts';
import { checkLiveOrder } from '../../../electron/trading/live/live-order-check.ts';
import { classifyOrderError, describeExchangeError } from '../../../electron/trading/live/order-errors.ts';
import { TrackedOrder } from '../../../electron/trading/live/tracked-order.ts';
import type { BrokerOrder } from '../../../electron/trading/broker.ts';
import type { MarketRules } from '../../../electron/trading/market-rules.ts';
import { dec } from '../../../shared/trading/decimal.ts';
import type { Account, OrderType } from '../../../shared/trading/orders.ts';
import { verifySigned } from '../../support/binance-server/signed-request.ts';
import { RequestWeight } from '../../support/binance-server/request-weight.ts';

const order = (over: Partial<BrokerOrder> = {}): BrokerOrder => ({
  id: 'o1',
  clientOrderId: 'k-1',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: dec('0.003'),
  filledQty: 0n,
  price: dec('20000'),
  triggerPrice: null,
  trail: null,
  timeInForce: 'GTC',
  postOnly: false,
  reduceOnly: false,
  triggered: false,
  trailExtreme: null,
  submittedAt: 0,
  ...over,
});

const trade = (id: string, amount: number) => ({ id, order: '77', symbol: 'BTC/USDT', price: 20000, amount });

describe('fills are applied once, in trade-id order', () => {
  it('a fresh order takes every trade once, however often it is shown them', () => {
    const t = new TrackedOrder(order(), false);
    t.exchangeId = '77';
    expect(t.newTrades([trade('12', 0.001), trade('9', 0.001)]).map((x) => x.trade.id)).toEqual(['9', '12']);
    expect(t.newTrades([trade('12', 0.001), trade('9', 0.001), trade('100', 0.001)]).map((x) => x.trade.id)).toEqual(['100']);
  });

  it('after a restart, the trades the journal already holds (the first by id) are skipped', () => {
    const t = new TrackedOrder(order({ filledQty: dec('0.002') }), true);
    t.exchangeId = '77';
    expect(t.newTrades([trade('100', 0.001), trade('9', 0.001), trade('12', 0.001)]).map((x) => x.trade.id)).toEqual(['100']);
  });

  it('trades of another order are not taken', () => {
    const t = new TrackedOrder(order(), false);
    t.exchangeId = '77';
    expect(t.newTrades([{ ...trade('5', 0.001), order: '78' }])).toEqual([]);
  });
});

describe('what a failure proves', () => {
  const named = (name: string, message: string) => {
    const err = new Error(message);
    err.name = name;
    return err;
  };
  class ExchangeError extends Error {}
  class InvalidOrder extends ExchangeError {}
  class InsufficientFunds extends ExchangeError {}
  class OrderNotFound extends InvalidOrder {}
  class OperationFailed extends Error {}
  class NetworkError extends OperationFailed {}
  class RequestTimeout extends NetworkError {}
  class ExchangeNotAvailable extends NetworkError {}
  class DDoSProtection extends NetworkError {}

  it.each([
    [new InsufficientFunds('binance Account has insufficient balance for requested action.'), 'refused'],
    [new InvalidOrder('binance {"code":-1013,"msg":"Filter failure: LOT_SIZE"}'), 'refused'],
    [new InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'), 'duplicate'],
    [new OrderNotFound('binance {"code":-2013,"msg":"Order does not exist."}'), 'not_found'],
    [new RequestTimeout('binance POST http://x/api/v3/order?signature=abc request timed out (2000 ms)'), 'uncertain'],
    [new ExchangeNotAvailable('binance 503 Service Unavailable <html>...</html>'), 'uncertain'],
    [new OperationFailed('binance {"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."}'), 'uncertain'],
    [new DDoSProtection('binance 429 Too Many Requests'), 'rate_limited'],
    [new TypeError('Cannot read properties of undefined'), 'uncertain'],
    [named('Whatever', 'x'), 'uncertain'],
  ])('%s → %s', (err, kind) => {
    expect(classifyOrderError('binance', err).kind).toBe(kind);
  });

  it('keeps the signed URL out of the reason', () => {
    const f = classifyOrderError('binance', new RequestTimeout('binance POST http://127.0.0.1/api/v3/order?timestamp=1&signature=deadbeef request timed out'));
    expect(f.reason).not.toContain('deadbeef');
    expect(f.reason).toBe('POST (url) request timed out');
  });

  it('a rate limit carries Retry-After', () => {
    expect(classifyOrderError('binance', new DDoSProtection('binance 429'), { 'retry-after': '3' })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
  });
});

describe('why arming failed, for a person', () => {
  // ccxt's hierarchy, named as ccxt names it (matched by name, not instanceof).
  class BaseError extends Error {}
  class ExchangeError extends BaseError {}
  class AuthenticationError extends ExchangeError {}
  class OperationFailed extends BaseError {}
  class NetworkError extends OperationFailed {}
  class ExchangeNotAvailable extends NetworkError {}

  it('the edge’s HTML page and the signed URL stay out; what happened and what to do stay in', () => {
    const down = new ExchangeNotAvailable('binance GET http://127.0.0.1:1/api/v3/account?timestamp=1&recvWindow=10000&signature=d17a30 503 Service Unavailable <html><head><title>503</title></head><body><h1>503 Service Unavailable</h1></body></html>');
    expect(describeExchangeError('binance', down)).toBe('binance did not answer properly (503 Service Unavailable); check the connection, or try again later');
    const key = new AuthenticationError('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}');
    expect(describeExchangeError('binance', key)).toMatch(/^binance refused the API key: Invalid API-key, IP, or permissions for action\. \(check the key/);
  });

  it("Keel's own errors are left as written", () => {
    expect(describeExchangeError('binance', new Error('binance did not let Keel reconcile binance:main within 30 s'))).toBe('binance did not let Keel reconcile binance:main within 30 s');
  });
});

describe('the last check before sending', () => {
  const rules: MarketRules = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: dec('0.01'), stepSize: dec('0.00001'), minQty: dec('0.00001'), minNotional: dec('5') };
  const native = new Set<OrderType>(['market', 'limit', 'stop-limit', 'take-profit-limit']);
  it.each([
    [order(), null],
    [order({ type: 'stop-market', price: null, triggerPrice: dec('19000') }), 'does not hold stop-market'],
    [order({ qty: dec('0.000015') }), 'step size'],
    [order({ price: dec('20000.005') }), 'tick size'],
    [order({ qty: dec('0.0001') }), 'minimum 5 USDT'],
    [order({ qty: dec('0.003'), filledQty: dec('0.003') }), 'nothing left'],
  ])('%#', (o, problem) => {
    const refusal = checkLiveOrder(o, rules, native);
    if (problem === null) expect(refusal).toBeNull();
    else expect(refusal).toContain(problem);
  });
  it('an unknown market', () => {
    expect(checkLiveOrder(order(), null, native)).toContain('no market BTC/USDT');
  });
});

describe('orders as ccxt calls', () => {
  it('the engine client id goes out as the exchange client id; what is left of a part-filled order', () => {
    expect(createOrderArgs(order({ filledQty: dec('0.001') }))).toEqual({ symbol: 'BTC/USDT', type: 'limit', side: 'buy', amount: 0.002, price: 20000, params: { clientOrderId: 'k-1', timeInForce: 'GTC' } });
    expect(createOrderArgs(order({ type: 'market', price: null })).params).toEqual({ clientOrderId: 'k-1' });
    expect(createOrderArgs(order({ postOnly: true })).params).toEqual({ clientOrderId: 'k-1', postOnly: true });
  });
  it('stop-limit and take-profit-limit ride on triggerPrice and takeProfitPrice', () => {
    expect(createOrderArgs(order({ type: 'stop-limit', side: 'sell', triggerPrice: dec('19000'), price: dec('18900') })).params).toMatchObject({ triggerPrice: 19000 });
    expect(createOrderArgs(order({ type: 'take-profit-limit', side: 'sell', triggerPrice: dec('30000'), price: dec('29900') })).params).toMatchObject({ takeProfitPrice: 30000 });
    expect(() => createOrderArgs(order({ type: 'trailing-stop', price: null }))).toThrow(/engine holds it/);
  });
});

describe('the test exchange checks signatures as Binance does', () => {
  const credentials = [{ apiKey: 'k', secret: 's' }];
  const sign = (payload: string, secret = 's') => createHmac('sha256', secret).update(payload).digest('hex');
  const now = 1_700_000_000_000;

  it('accepts a signed query and a signed body', () => {
    const q = `symbol=BTCUSDT&timestamp=${now}`;
    expect(verifySigned({ rawQuery: `${q}&signature=${sign(q)}`, body: '', apiKeyHeader: 'k', credentials, now }).get('symbol')).toBe('BTCUSDT');
    expect(verifySigned({ rawQuery: '', body: `${q}&signature=${sign(q)}`, apiKeyHeader: 'k', credentials, now }).get('symbol')).toBe('BTCUSDT');
  });

  it.each([
    ['no key', { apiKeyHeader: undefined }, -2014],
    ['an unknown key', { apiKeyHeader: 'other' }, -2015],
    ['a wrong signature', { rawQuery: `timestamp=${now}&signature=${sign(`timestamp=${now}`, 'nope')}` }, -1022],
    ['a stale timestamp', { rawQuery: `timestamp=${now - 6_000}&signature=${sign(`timestamp=${now - 6_000}`)}` }, -1021],
    ['a timestamp from the future', { rawQuery: `timestamp=${now + 2_000}&signature=${sign(`timestamp=${now + 2_000}`)}` }, -1021],
  ])('refuses %s', (_what, over, code) => {
    const q = `timestamp=${now}`;
    expect(() => verifySigned({ rawQuery: `${q}&signature=${sign(q)}`, body: '', apiKeyHeader: 'k', credentials, now, ...over })).toThrow(expect.objectContaining({ code }));
  });
});

describe('the test exchange’s request weight', () => {
  it('answers 429 past the limit, then 418 to a client that keeps going, then lets it back', () => {
    const w = new RequestWeight();
    w.configure({ limit: 10, windowMs: 1_000, banAfter: 1, banMs: 500 });
    expect(w.charge(6, 0).refusal).toBeNull();
    expect(w.charge(4, 10).refusal).toBeNull();
    expect(w.charge(1, 20).refusal?.status).toBe(429);
    expect(w.charge(1, 30).refusal?.status).toBe(418);
    expect(w.charge(1, 400).refusal?.status).toBe(418);
    expect(w.charge(1, 1_100).refusal).toBeNull();
  });
});

describe('a kill’s cancels, as the exchange answered them', () => {
  const asked = (id: string) => ({ orderId: id, clientOrderId: `k-${id}`, symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const, qty: dec('0.003'), price: dec('20000') });

  it('only the cancels the exchange confirmed pass; the rest are named with what the exchange said', async () => {
    const monitor = new LiveMonitor();
    const { result, batch } = monitor.collectCancels(() => {
      for (const id of ['a', 'b', 'c', 'd', 'e']) monitor.cancelAsked(asked(id));
      return 5;
    });
    // Asked outside the batch: not in it.
    monitor.cancelAsked(asked('z'));
    expect([result, batch.size]).toEqual([5, 5]);
    monitor.cancelAnswered('a', { kind: 'ended', status: 'cancelled' });
    monitor.cancelAnswered('b', { kind: 'refused', reason: 'Invalid API-key, IP, or permissions for action.' });
    monitor.cancelAnswered('c', { kind: 'unanswered', reason: 'POST (url) request timed out (2000 ms)' });
    monitor.cancelAnswered('d', { kind: 'ended', status: 'filled' });
    const outcomes = await batch.settled(50);
    expect(unconfirmedCancels('binance', outcomes, 50)).toEqual([
      'cancel order k-b (BTC/USDT buy 0.003 limit at 20000): binance refused the cancel: Invalid API-key, IP, or permissions for action; it is still open on binance (Keel tries again at every poll; cancel it on binance if it must not fill)',
      'cancel order k-c (BTC/USDT buy 0.003 limit at 20000): binance did not confirm it within 0.05 s (the last try: POST (url) request timed out (2000 ms)); it may still be open on binance (Keel tries again at every poll; cancel it on binance if it must not fill)',
      'cancel order k-d (BTC/USDT buy 0.003 limit at 20000): it filled on binance before the cancel reached it',
      'cancel order k-e (BTC/USDT buy 0.003 limit at 20000): binance had not answered within 0.05 s; it may still be open on binance (Keel tries again at every poll; cancel it on binance if it must not fill)',
    ]);
  });

  it('stops waiting as soon as every cancel has its answer; a refusal later followed by the cancel counts as cancelled', async () => {
    const monitor = new LiveMonitor();
    const { batch } = monitor.collectCancels(() => ['a', 'b'].forEach((id) => monitor.cancelAsked(asked(id))));
    monitor.cancelAnswered('a', { kind: 'refused', reason: 'no' });
    setTimeout(() => {
      monitor.cancelAnswered('b', { kind: 'ended', status: 'cancelled' });
      monitor.cancelAnswered('a', { kind: 'ended', status: 'cancelled' });
    }, 10);
    const t0 = Date.now();
    const outcomes = await batch.settled(5_000);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(unconfirmedCancels('binance', outcomes, 5_000)).toEqual([]);
  });
});

describe('balance drift since the opening balances the journal took', () => {
  const engine = { balances: [{ asset: 'USDT', free: '24000', locked: '1000' }] } as unknown as Account;
  const held = (btc: string) => ({ USDT: { free: '25000', locked: '0' }, BTC: { free: btc, locked: '0' } });

  it('takes coins from before Keel as the opening once, reports only what changed since, and keeps it across a restart', () => {
    const journal = openJournal(':memory:');
    try {
      const store = new SqliteBalanceAdjustments(journal.db);
      expect(store.offsets('binance:main')).toBeNull();
      expect(balanceDrift(engine, held('0.5'), null)).toEqual([{ asset: 'BTC', engine: '0', exchange: '0.5', difference: '0.5' }]);

      store.record('binance:main', balanceTotals(engine, held('0.5')), 'opening', 1);
      expect(balanceDrift(engine, held('0.5'), store.offsets('binance:main'))).toEqual([]);
      // A deposit after it is drift, by its own amount only.
      const again = new SqliteBalanceAdjustments(journal.db);
      expect(balanceDrift(engine, held('0.75'), again.offsets('binance:main'))).toEqual([{ asset: 'BTC', engine: '0.5', exchange: '0.75', difference: '0.25' }]);
      // Acknowledged, it is expected from then on; another account is untouched.
      again.record('binance:main', balanceTotals(engine, held('0.75'), again.offsets('binance:main')).filter((t) => t.expected !== t.exchange), 'acknowledged', 2);
      expect(balanceDrift(engine, held('0.75'), again.offsets('binance:main'))).toEqual([]);
      expect(again.offsets('binance:sub1')).toBeNull();
    } finally {
      journal.close();
    }
  });
});
