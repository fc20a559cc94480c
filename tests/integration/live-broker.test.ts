// The live broker against the local Binance-speaking server: orders placed through the engine reach the
// exchange with the engine's client order id, fills come back once each, resting orders fill when the
// server's tape crosses them, cancels are confirmed by the exchange, stop-limits rest on the exchange while
// stop-markets are held by the engine, and a restart reconciles what happened while Keel was away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { balanceDrift } from '../../electron/trading/live/balance-drift.ts';
import { decFromNumber, format } from '../../shared/trading/decimal.ts';
import { journalView, openLiveRig, USER, type LiveRig } from '../helpers/live-rig.ts';
import { startBinanceServer, TEST_API_KEY, TEST_API_SECRET, type BinanceServer } from '../support/binance-server/index.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

let server: BinanceServer;
const rigs: LiveRig[] = [];

// A fresh exchange per test: each test's journal starts with the account's whole balance.
beforeEach(async () => {
  server = await startBinanceServer({ account: { balances: { USDT: '100000', BTC: '0', ETH: '0' } } });
});

afterEach(async () => {
  for (const r of rigs.splice(0)) r.close();
  await server?.close();
});

function lastPrice(symbol = 'BTCUSDT'): number {
  return Number(format(server.exchange.matcher.price(symbol)));
}

async function rig(dataDir?: string): Promise<LiveRig> {
  const r = await openLiveRig({ origin: server.origin, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, dataDir, prices: { 'BTC/USDT': lastPrice(), 'ETH/USDT': lastPrice('ETHUSDT') } });
  rigs.push(r);
  return r;
}

/** The lowest (or highest) tape price in the next `minutes` minutes: a limit there fills within them. */
function extremeAhead(minutes: number, low: boolean): number {
  const spec = server.symbols.find((s) => s.id === 'BTCUSDT')!;
  const i0 = Math.floor((server.clock.now() - spec.bars.start) / 60_000) + 1;
  let best = low ? Infinity : -Infinity;
  for (let i = i0; i < i0 + minutes; i++) best = low ? Math.min(best, spec.bars.l[i]!) : Math.max(best, spec.bars.h[i]!);
  return best;
}

function postedOrders(from = 0) {
  return server.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/api/v3/order');
}

describe('the live broker on the test exchange', () => {
  it('places a market buy with the engine client id; the fill is journaled once and balances agree', async () => {
    const r = await rig();
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', clientOrderId: 'mkt-1' }, USER);
    expect(order.status).toBe('new');
    await waitFor('the market order filled', () => r.live.engine.order(order.id)?.status === 'filled');
    await r.live.monitor.idle();
    const [onExchange] = server.exchange.ordersWithClientId('mkt-1');
    expect(onExchange?.status).toBe('FILLED');
    const done = r.live.engine.order(order.id)!;
    expect(done.exchangeOrderId).toBe(String(onExchange!.orderId));
    expect(done.avgFillPrice).toBe(format(decFromNumber(lastPrice())));
    const view = journalView(new SqliteTradingJournal(r.journal.db)).get('mkt-1')!;
    expect(view.fills).toBe(1);
    expect(balanceDrift(r.live.engine.accountSnapshot(), await r.live.balances())).toEqual([]);
  });

  it('a resting limit fills when the tape trades through it, as maker, at its price', async () => {
    const r = await rig();
    const limit = Math.ceil(extremeAhead(20, true) * 100) / 100;
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: limit.toFixed(2), qty: '0.002', clientOrderId: 'lim-1' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted');
    for (let k = 0; k < 20 && r.live.engine.order(order.id)?.status !== 'filled'; k++) {
      server.clock.advance(60_000);
      await new Promise((res) => setTimeout(res, 60));
    }
    await waitFor('the limit filled', () => r.live.engine.order(order.id)?.status === 'filled');
    const fills = r.live.engine.fills({ limit: 10 }).filter((f) => f.orderId === order.id);
    expect(fills.map((f) => [f.price, f.liquidity])).toEqual([[limit.toFixed(2).replace(/\.?0+$/, ''), 'maker']]);
    await r.live.monitor.idle();
    expect(balanceDrift(r.live.engine.accountSnapshot(), await r.live.balances())).toEqual([]);
  });

  it('a cancel is confirmed by the exchange', async () => {
    const r = await rig();
    const order = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: (Math.floor(lastPrice() * 0.8 * 100) / 100).toFixed(2), qty: '0.001', clientOrderId: 'cxl-1' }, USER);
    await waitFor('accepted', () => r.live.engine.order(order.id)?.status === 'accepted');
    const asked = r.live.engine.cancel(order.id);
    expect(asked.status).toBe('accepted');
    await waitFor('cancelled', () => r.live.engine.order(order.id)?.status === 'cancelled');
    expect(server.exchange.ordersWithClientId('cxl-1').map((o) => o.status)).toEqual(['CANCELED']);
    expect(r.live.engine.order(order.id)!.reason).toBe('cancelled by the user');
  });

  it('stop-limits rest on the exchange; stop-markets are held by the engine and fire as market orders', async () => {
    const r = await rig();
    const buy = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.004', clientOrderId: 'stp-entry' }, USER);
    await waitFor('entry filled', () => r.live.engine.order(buy.id)?.status === 'filled');
    const px = lastPrice();
    const stopLimit = r.live.engine.submit(
      { symbol: 'BTC/USDT', side: 'sell', type: 'stop-limit', qty: '0.002', triggerPrice: (Math.floor(px * 0.5 * 100) / 100).toFixed(2), price: (Math.floor(px * 0.49 * 100) / 100).toFixed(2), clientOrderId: 'stp-native' },
      USER,
    );
    await waitFor('stop-limit accepted', () => r.live.engine.order(stopLimit.id)?.status === 'accepted');
    expect(server.exchange.ordersWithClientId('stp-native').map((o) => [o.type, o.status])).toEqual([['STOP_LOSS_LIMIT', 'NEW']]);

    const before = postedOrders().length;
    const trigger = Math.floor((px - 50) * 100) / 100;
    const held = r.live.engine.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '0.002', triggerPrice: trigger.toFixed(2), clientOrderId: 'stp-emu' }, USER);
    expect(held.status).toBe('accepted');
    expect(postedOrders().length).toBe(before);
    expect(server.exchange.ordersWithClientId('stp-emu')).toEqual([]);
    // The engine's feed sees the price fall through the trigger: the stop goes out as a market sell.
    r.price('BTC/USDT', trigger - 1);
    await waitFor('the emulated stop filled', () => r.live.engine.order(held.id)?.status === 'filled');
    expect(server.exchange.ordersWithClientId('stp-emu').map((o) => [o.type, o.side, o.status])).toEqual([['MARKET', 'SELL', 'FILLED']]);
    await r.live.monitor.idle();
    expect(balanceDrift(r.live.engine.accountSnapshot(), await r.live.balances())).toEqual([]);
  });

  it('an emulated stop survives a restart: held by the new engine, it fires and reaches the exchange once', async () => {
    const first = await rig();
    const entry = first.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.002', clientOrderId: 'keep-entry' }, USER);
    await waitFor('entry filled', () => first.live.engine.order(entry.id)?.status === 'filled');
    const trigger = Math.floor((lastPrice() - 100) * 100) / 100;
    const stop = first.live.engine.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '0.002', triggerPrice: trigger.toFixed(2), clientOrderId: 'keep-stop' }, USER);
    await first.live.monitor.idle();
    first.close();
    rigs.splice(rigs.indexOf(first), 1);

    const second = await rig(first.dataDir);
    expect(second.live.engine.openOrder(stop.id)).toMatchObject({ status: 'accepted', emulated: true, triggered: false });
    expect(server.exchange.ordersWithClientId('keep-stop')).toEqual([]);
    second.price('BTC/USDT', trigger - 1);
    await waitFor('the stop filled after the restart', () => second.live.engine.order(stop.id)?.status === 'filled');
    expect(server.exchange.ordersWithClientId('keep-stop').map((o) => [o.type, o.status])).toEqual([['MARKET', 'FILLED']]);
  });

  it('after a restart, fills that happened while Keel was away are applied once', async () => {
    const first = await rig();
    const limit = Math.ceil(extremeAhead(30, true) * 100) / 100;
    const order = first.live.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: limit.toFixed(2), qty: '0.003', clientOrderId: 'away-1' }, USER);
    await waitFor('accepted', () => first.live.engine.order(order.id)?.status === 'accepted');
    await first.live.monitor.idle();
    first.close();
    rigs.splice(rigs.indexOf(first), 1);
    // Keel is closed; the market moves through the limit.
    for (let k = 0; k < 30 && server.exchange.ordersWithClientId('away-1')[0]!.status !== 'FILLED'; k++) server.clock.advance(60_000);
    expect(server.exchange.ordersWithClientId('away-1')[0]!.status).toBe('FILLED');

    const second = await rig(first.dataDir);
    const report = second.live.monitor.last!;
    expect(report.reason).toBe('start');
    expect(report.missing).toEqual([]);
    await second.live.monitor.idle();
    const after = second.live.engine.order(order.id)!;
    expect(after.status).toBe('filled');
    const trades = server.exchange.matcher.trades.filter((t) => t.orderId === server.exchange.ordersWithClientId('away-1')[0]!.orderId);
    expect(second.live.engine.fills({ limit: 100 }).filter((f) => f.orderId === order.id)).toHaveLength(trades.length);
    second.close();
    rigs.splice(rigs.indexOf(second), 1);
    // A third start finds nothing new: no fill is applied twice.
    const third = await rig(first.dataDir);
    await third.live.monitor.idle();
    expect(third.live.engine.fills({ limit: 100 }).filter((f) => f.orderId === order.id)).toHaveLength(trades.length);
  });
});
