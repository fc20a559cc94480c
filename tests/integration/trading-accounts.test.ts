// Paper and a live account side by side on one app, the live one against the local Binance server: both
// engines publish trading.order, trading.fill, trading.positions and trading.account on the same bus, and
// every event names the account of the engine that sent it (the UI shows only the account the trading.*
// commands act on, by that field). Each payload is checked against the contract's schema too. trading.rules
// answers with the rules of the account the commands act on: paper's table, then the exchange's markets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, type EventPayload } from '../../shared/contract/index.ts';
import { format } from '../../shared/trading/decimal.ts';
import { call, openLiveKeelRig, type LiveKeelRig } from '../helpers/live-keel.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

const LIVE = 'binance:main';
const TRADING_EVENTS = ['trading.order', 'trading.fill', 'trading.positions', 'trading.account'] as const;
type TradingEvent = (typeof TRADING_EVENTS)[number];

// The local Binance server's test account, and a keychain with binance:main's key in it.
let rig: LiveKeelRig;

beforeAll(async () => {
  rig = await openLiveKeelRig({ name: 'accounts', balances: { USDT: '25000', BTC: '0' } });
});

afterAll(() => rig?.close());

describe('trading events name their account', () => {
  it('paper and an armed live account both publish; each event carries the account of its engine', async () => {
    const k = rig.keel();
    const seen: { name: TradingEvent; payload: EventPayload<TradingEvent> }[] = [];
    for (const name of TRADING_EVENTS) k.bus.on(name, (payload) => seen.push({ name, payload }));
    const of = <E extends TradingEvent>(name: E, account: string) => seen.filter((s) => s.name === name && s.payload.account === account).map((s) => s.payload as EventPayload<E>);
    // The app's market stream, as a live source publishes it: the trading feed of both engines takes its price.
    const price = Number(format(rig.server.exchange.matcher.price('BTCUSDT')));
    let t = Date.now() - (Date.now() % 60_000);
    const tick = () => {
      k.bus.emit('market.candle', { series: { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' }, candle: { t, o: price, h: price, l: price, c: price, v: null }, closed: false, source: 'live' });
      t += 1_000;
    };
    try {
      // trading.rules answers for the account the commands act on: paper's table first.
      expect(await call(k, 'trading.rules', { symbol: 'BTC/USDT' })).toEqual({
        account: 'paper', kind: 'spot', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.00001', minQty: '0.00001', minNotional: '5', makerFee: '0.001', takerFee: '0.001', slippage: '0.0001',
      });
      // Paper: a market buy fills against the feed.
      tick();
      await call(k, 'trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.002', clientOrderId: 'paper-buy' });
      tick();
      await waitFor('the paper fill', () => of('trading.fill', 'paper').length > 0);

      // Live armed: a market buy on the exchange; the paper engine keeps publishing its marks meanwhile.
      await call(k, 'trading.arm', { account: LIVE, confirm: LIVE });
      // Live: the exchange's own filters, as ccxt loaded its markets (a finer step than paper's table).
      expect(await call(k, 'trading.rules', { symbol: 'BTC/USDT' })).toEqual({
        account: LIVE, kind: 'spot', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.000001', minQty: '0.000001', minNotional: '5', makerFee: '0.001', takerFee: '0.001',
      });
      await expect(call(k, 'trading.rules', { symbol: 'DOGE/USDT' })).rejects.toMatchObject({ code: 'not_found' });
      tick();
      await call(k, 'trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.001', clientOrderId: 'live-buy' });
      await waitFor('the live fill', () => of('trading.fill', LIVE).length > 0, 10_000);
      await waitFor('the live position', () => of('trading.positions', LIVE).some((p) => p.positions.some((x) => x.qty === '0.001')), 10_000);
      const paperMarksBefore = of('trading.positions', 'paper').length;
      tick();
      await waitFor('the paper marks while live is armed', () => of('trading.positions', 'paper').length > paperMarksBefore);

      // Every payload is what the contract says (strict: the account is there, nothing else is added).
      for (const { name, payload } of seen) expect(events[name].safeParse(payload).success, `${name} ${JSON.stringify(payload)}`).toBe(true);
      // Orders and fills: the account of the order's engine, by the client id the test gave each.
      const orders = seen.filter((s) => s.name === 'trading.order').map((s) => s.payload as EventPayload<'trading.order'>);
      const fills = seen.filter((s) => s.name === 'trading.fill').map((s) => s.payload as EventPayload<'trading.fill'>);
      expect(new Set(orders.map((o) => `${o.clientOrderId} ${o.account}`))).toEqual(new Set(['paper-buy paper', `live-buy ${LIVE}`]));
      expect(fills.map((f) => `${f.clientOrderId} ${f.account}`)).toEqual(['paper-buy paper', `live-buy ${LIVE}`]);
      // Positions and account snapshots: each engine's own, told apart by the field alone.
      expect(new Set(seen.map((s) => s.payload.account))).toEqual(new Set(['paper', LIVE]));
      for (const p of of('trading.positions', 'paper')) expect(p.positions.map((x) => x.qty)).toEqual(['0.002']);
      expect(of('trading.positions', LIVE).at(-1)!.positions.map((x) => x.qty)).toEqual(['0.001']);
      expect(of('trading.account', 'paper').every((a) => a.mode === 'paper')).toBe(true);
      expect(of('trading.account', LIVE).length).toBeGreaterThan(0);
      expect(of('trading.account', LIVE).every((a) => a.mode === 'live')).toBe(true);

      // The answers name the account the commands act on now.
      expect(await call(k, 'trading.positions')).toMatchObject({ account: LIVE, positions: [{ symbol: 'BTC/USDT', qty: '0.001' }] });
      expect((await call<{ orders: { account: string }[] }>(k, 'trading.orders', { status: 'all' })).orders.map((o) => o.account)).toEqual([LIVE]);
      expect((await call<{ fills: { account: string }[] }>(k, 'trading.fills', {})).fills.map((f) => f.account)).toEqual([LIVE]);
      await call(k, 'trading.disarm');
      expect(await call(k, 'trading.positions')).toMatchObject({ account: 'paper', positions: [{ qty: '0.002' }] });
    } finally {
      await k.close();
    }
  });
});
