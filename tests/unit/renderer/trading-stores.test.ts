// The trading stores fed through a fake Api: answers and events in either order end in the newest state,
// open orders leave when they close, fills are kept once, only the account the commands act on is shown
// (by the account each event and answer names; the chart's trade store too), and the ticket's order
// carries a client id and shows the engine's outcome.
import { beforeEach, describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import type { TradingMode } from '../../../shared/contract/commands/trading-mode.ts';
import type { Account, Fill, Order, Position, Positions } from '../../../shared/trading/orders.ts';
import * as chartTrades from '../../../renderer/src/features/chart/trades/trade-store.ts';
import { useFills } from '../../../renderer/src/features/fills/fills-store.ts';
import { confirmCancelAll } from '../../../renderer/src/features/orders/cancel-all.ts';
import { useBlotterMessage } from '../../../renderer/src/features/orders/blotter-message.ts';
import { changesOf } from '../../../renderer/src/features/orders/order-actions.ts';
import { applyOrder, applyOrders, openOrderList, useOrders } from '../../../renderer/src/features/orders/orders-store.ts';
import { followTrading } from '../../../renderer/src/features/orders/trading-feed.ts';
import { oldestFirst } from '../../../renderer/src/features/orders/trading-snapshot.ts';
import { usePositions } from '../../../renderer/src/features/positions/positions-store.ts';
import { newClientOrderId, placeOrder } from '../../../renderer/src/features/ticket/place-order.ts';
import { useTicket } from '../../../renderer/src/features/ticket/ticket-store.ts';
import { useTradingModeState } from '../../../renderer/src/features/ticket/live/trading-mode-store.ts';
import { fakeApi } from './fake-api.ts';
import { wireOrder } from './wire-order.ts';

const order = (patch: Partial<Order>): Order => wireOrder(patch);
const fill = (id: string, ts: number, account = 'paper'): Fill => ({ id, orderId: 'o1', clientOrderId: 'c1', account, symbol: 'BTC/USDT', side: 'buy', price: '45000', qty: '0.1', fee: '4.5', feeAsset: 'USDT', liquidity: 'taker', origin: { kind: 'user' }, ts });
const position = (qty: string): Position => ({ symbol: 'BTC/USDT', ledger: 'user', qty, avgEntryPrice: '45000', realizedPnl: '0', unrealizedPnl: '1', feesPaid: '0', markPrice: '45010', updatedAt: 1 });
const positions = (list: Position[], account = 'paper'): Positions => ({ account, positions: list });
const LIVE = 'binance:main';
const armed: TradingMode = { mode: 'live', account: LIVE, armedAt: 1, accounts: [LIVE] };
const account = (equity: string): Account => ({ mode: 'paper', account: 'paper', kind: 'spot', kindChangeRefusal: null, quoteAsset: 'USDT', balances: [{ asset: 'USDT', free: equity, locked: '0' }], equity, realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', borrowRatePct: '0', interestPaid: '0', interestOwed: '0', updatedAt: 1 });

beforeEach(() => {
  useTradingModeState.setState({ state: null });
  useOrders.setState({ open: new Map(), loaded: false, seen: new Map() });
  useFills.setState({ fills: [], loaded: false });
  usePositions.setState({ positions: [], account: null, positionsLive: false, accountLive: false });
  useTicket.setState({ submitting: false, outcome: null });
  chartTrades.clearTrades();
  useBlotterMessage.setState({ message: null });
});

describe('open orders', () => {
  it('keeps open orders newest first and drops them when they close', () => {
    applyOrders([order({ id: 'a', createdAt: 1 }), order({ id: 'b', createdAt: 2 })], { loaded: true });
    expect(openOrderList(useOrders.getState().open).map((o) => o.id)).toEqual(['b', 'a']);
    applyOrder(order({ id: 'a', status: 'filled', updatedAt: 2_000 }));
    expect([...useOrders.getState().open.keys()]).toEqual(['b']);
    expect(useOrders.getState().loaded).toBe(true);
  });

  it('does not let a late answer bring back an order an event closed', () => {
    applyOrder(order({ id: 'a', status: 'cancelled', updatedAt: 2_000 }));
    applyOrders([order({ id: 'a', updatedAt: 1_000 })], { loaded: true });
    expect(useOrders.getState().open.size).toBe(0);
    // Same market instant: accepted then filled; the fill wins whichever arrives last.
    applyOrder(order({ id: 'b', status: 'filled', updatedAt: 3_000 }));
    applyOrder(order({ id: 'b', status: 'accepted', updatedAt: 3_000 }));
    expect(useOrders.getState().open.size).toBe(0);
  });

  it('sends only what an edit changed', () => {
    const o = order({ qty: '0.50', price: '45000.10' });
    expect(changesOf(o, { qty: '0.5', price: '45000.1' })).toBeNull();
    expect(changesOf(o, { qty: '0.6', price: '45000.1' })).toEqual({ qty: '0.6' });
    expect(changesOf(o, { price: 'abc' })).toEqual({ price: 'abc' });
  });
});

describe('following the engine', () => {
  it('listens first, then asks; an event newer than the answer wins', async () => {
    let answer: (v: Positions) => void = () => {};
    const api = fakeApi({
      'trading.orders': () => ({ orders: [order({ id: 'paper-1' })] }),
      'trading.fills': () => ({ fills: [fill('paper-f1', 1), fill('paper-f2', 2)] }),
      'trading.positions': () => new Promise((resolve) => (answer = resolve)),
      'trading.account': () => account('10000'),
    });
    const stop = followTrading(api);
    expect(api.listenerCount('trading.order')).toBe(1);
    api.emit('trading.positions', positions([position('0.2')]));
    api.emit('trading.account', account('10001'));
    answer(positions([position('0.1')]));
    api.emit('trading.fill', fill('paper-f2', 2));
    api.emit('trading.fill', fill('paper-f3', 3));
    await new Promise((r) => setTimeout(r, 0));
    expect(usePositions.getState().positions.map((p) => p.qty)).toEqual(['0.2']);
    expect(useFills.getState().fills.map((f) => f.id)).toEqual(['paper-f3', 'paper-f2', 'paper-f1']);
    expect(oldestFirst(useFills.getState().fills).map((f) => f.id)).toEqual(['paper-f1', 'paper-f2', 'paper-f3']);
    expect([...useOrders.getState().open.keys()]).toEqual(['paper-1']);
    expect(usePositions.getState().account?.equity).toBe('10001');
    stop();
    expect(api.listenerCount('trading.order')).toBe(0);
  });

  it('shows only the armed account, and reads afresh when it changes', async () => {
    const live = (equity: string): Account => ({ ...account(equity), mode: 'live', account: LIVE });
    let mode: TradingMode = { mode: 'paper', account: null, armedAt: null, accounts: [LIVE] };
    const api = fakeApi({
      'trading.mode': () => mode,
      'trading.orders': () => ({ orders: mode.mode === 'live' ? [order({ id: 'binance-main-1', account: LIVE })] : [order({ id: 'paper-7' })] }),
      'trading.fills': () => ({ fills: [] }),
      'trading.positions': () => (mode.mode === 'live' ? positions([], LIVE) : positions([position('0.2')])),
      'trading.account': () => (mode.mode === 'live' ? live('500') : account('10000')),
    });
    const stop = followTrading(api);
    await new Promise((r) => setTimeout(r, 0));
    expect([...useOrders.getState().open.keys()]).toEqual(['paper-7']);
    expect(usePositions.getState().positions).toHaveLength(1);

    // Armed: the paper account's state goes, the live account's is read.
    mode = armed;
    api.emit('trading.mode', mode);
    expect(useOrders.getState().open.size).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect([...useOrders.getState().open.keys()]).toEqual(['binance-main-1']);
    expect(usePositions.getState().account).toMatchObject({ mode: 'live', equity: '500' });
    expect(usePositions.getState().positions).toEqual([]);

    // The paper engine keeps publishing (a strategy, its marks): none of it shows while live is armed.
    api.emit('trading.order', order({ id: 'paper-8' }));
    api.emit('trading.fill', fill('paper-f9', 9));
    api.emit('trading.positions', positions([position('0.3')]));
    api.emit('trading.account', account('10002'));
    expect([...useOrders.getState().open.keys()]).toEqual(['binance-main-1']);
    expect(useFills.getState().fills).toEqual([]);
    expect(usePositions.getState().positions).toEqual([]);
    expect(usePositions.getState().account?.equity).toBe('500');
    // The live engine's own events do.
    api.emit('trading.order', order({ id: 'binance-main-2', account: LIVE }));
    api.emit('trading.fill', fill('binance-main-f1', 10, LIVE));
    api.emit('trading.positions', positions([position('0.01')], LIVE));
    api.emit('trading.account', live('499'));
    expect(useOrders.getState().open.has('binance-main-2')).toBe(true);
    expect(useFills.getState().fills.map((f) => f.id)).toEqual(['binance-main-f1']);
    expect(usePositions.getState().positions.map((p) => p.qty)).toEqual(['0.01']);
    expect(usePositions.getState().account?.equity).toBe('499');
    // Paper events now come with their positions before or without their account snapshot: still left out.
    api.emit('trading.positions', positions([position('0.4')]));
    expect(usePositions.getState().positions.map((p) => p.qty)).toEqual(['0.01']);
    stop();
  });

  it('tells accounts apart by the account they name, not by their ids', () => {
    useTradingModeState.setState({ state: armed });
    // A live order whose id happens to start like a paper one is still the live account's, and the other way round.
    applyOrders([order({ id: 'paper-1', account: LIVE }), order({ id: 'binance-main-1', account: 'paper' })], { loaded: true });
    expect([...useOrders.getState().open.keys()]).toEqual(['paper-1']);
    expect(useOrders.getState().loaded).toBe(true);
  });

  it('drops an answer of the account it left, arriving after the switch', async () => {
    let release: () => void = () => {};
    const late = new Promise<void>((resolve) => (release = resolve));
    const api = fakeApi({
      // The first answers are paper's, and arrive only after live was armed.
      'trading.orders': async () => (await late, { orders: [order({ id: 'paper-1' })] }),
      'trading.fills': async () => (await late, { fills: [fill('paper-f1', 1)] }),
      'trading.positions': async () => (await late, positions([position('0.2')])),
      'trading.account': async () => (await late, account('10000')),
    });
    const stop = followTrading(api);
    useTradingModeState.setState({ state: armed });
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(useOrders.getState().open.size).toBe(0);
    expect(useOrders.getState().loaded).toBe(false);
    expect(useFills.getState().fills).toEqual([]);
    expect(usePositions.getState()).toMatchObject({ positions: [], account: null });
    stop();
  });

  it('reads the live account afresh when the first trading.mode says live (a page opened while armed)', async () => {
    let mode: TradingMode | null = null;
    const api = fakeApi({
      'trading.mode': () => armed,
      'trading.orders': () => ({ orders: mode ? [order({ id: 'binance-main-1', account: LIVE })] : [order({ id: 'binance-main-0', account: LIVE })] }),
      'trading.fills': () => ({ fills: [] }),
      'trading.positions': () => positions([], LIVE),
      'trading.account': () => ({ ...account('500'), mode: 'live', account: LIVE }),
    });
    const stop = followTrading(api);
    mode = armed;
    await new Promise((r) => setTimeout(r, 0));
    // Before the mode is known the page takes paper; the live answers read afresh once it is known stay.
    expect([...useOrders.getState().open.keys()]).toEqual(['binance-main-1']);
    expect(usePositions.getState().account).toMatchObject({ account: LIVE, equity: '500' });
    expect(api.calls.filter((c) => c.name === 'trading.orders')).toHaveLength(2);
    stop();
  });
});

describe('the chart’s trade store', () => {
  it('keeps only the active account’s orders, positions and fills, and empties when the account changes', () => {
    chartTrades.applyOrders([order({ id: 'p1' }), order({ id: 'l1', account: LIVE })]);
    chartTrades.applyFills([fill('pf1', 1), fill('lf1', 2, LIVE)]);
    chartTrades.applyPositions(positions([position('0.2')]));
    chartTrades.applyPositions(positions([position('0.9')], LIVE));
    expect([...chartTrades.useTrades.getState().orders.keys()]).toEqual(['p1']);
    expect(chartTrades.useTrades.getState().fills.map((f) => f.id)).toEqual(['pf1']);
    expect(chartTrades.useTrades.getState().positions.map((p) => p.qty)).toEqual(['0.2']);

    // Live armed: the paper engine keeps publishing, and none of it is drawn.
    useTradingModeState.setState({ state: armed });
    chartTrades.clearTrades();
    chartTrades.applyOrder(order({ id: 'p2' }));
    chartTrades.applyFills([fill('pf2', 3)]);
    chartTrades.applyPositions(positions([position('0.3')]));
    expect(chartTrades.useTrades.getState()).toMatchObject({ orders: new Map(), fills: [], positions: [] });
    chartTrades.applyOrder(order({ id: 'l2', account: LIVE }));
    chartTrades.applyFills([fill('lf2', 4, LIVE)]);
    chartTrades.applyPositions(positions([position('0.01')], LIVE));
    expect([...chartTrades.useTrades.getState().orders.keys()]).toEqual(['l2']);
    expect(chartTrades.useTrades.getState().fills.map((f) => f.id)).toEqual(['lf2']);
    expect(chartTrades.useTrades.getState().positions.map((p) => p.qty)).toEqual(['0.01']);
  });
});

describe('placing from the ticket', () => {
  it('sends a fresh client order id and shows the order as placed, or rejected with the reason', async () => {
    const sent: unknown[] = [];
    let status: Order['status'] = 'accepted';
    const api = fakeApi({
      'trading.submit': (r) => {
        sent.push(r);
        return order({ id: `o${sent.length}`, status, reason: status === 'rejected' ? 'risk: daily loss limit reached' : null });
      },
    });
    await placeOrder(api, { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.5', price: '45000' });
    expect(sent[0]).toMatchObject({ symbol: 'BTC/USDT', qty: '0.5', clientOrderId: expect.stringMatching(/^ui-[a-z0-9]+-[a-z0-9]{10}$/) });
    expect(useTicket.getState().outcome).toMatchObject({ kind: 'placed', order: { id: 'o1' } });
    expect(useOrders.getState().open.has('o1')).toBe(true);
    status = 'rejected';
    await placeOrder(api, { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.5', price: '45000' });
    expect(useTicket.getState().outcome).toMatchObject({ kind: 'rejected', order: { reason: 'risk: daily loss limit reached' } });
    expect((sent[0] as { clientOrderId: string }).clientOrderId).not.toBe((sent[1] as { clientOrderId: string }).clientOrderId);
  });

  it('shows a refusal’s code and message', async () => {
    const api = fakeApi({
      'trading.submit': () => {
        throw new KeelError('invalid_request', 'order refused: qty 0.000001 is not a multiple of the step size 0.00001 for BTC/USDT; use 0.00001');
      },
    });
    await placeOrder(api, { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.000001' });
    expect(useTicket.getState().outcome).toEqual({ kind: 'error', error: { code: 'invalid_request', message: expect.stringMatching(/^order refused: qty 0\.000001/) } });
    expect(useTicket.getState().submitting).toBe(false);
  });

  it('makes client order ids the contract accepts', () => {
    const id = newClientOrderId(Date.UTC(2030, 0, 1), () => 0.999);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    expect(id).toBe(`ui-${Date.UTC(2030, 0, 1).toString(36)}-zzzzzzzzzz`);
  });
});

describe('cancel all', () => {
  it('asks with the count, and cancels only after a yes', async () => {
    applyOrders([order({ id: 'a' }), order({ id: 'b', symbol: 'ETH/USDT' })]);
    const api = fakeApi({ 'trading.cancelAll': (r) => ({ orders: [...useOrders.getState().open.values()].filter((o) => !r.symbol || o.symbol === r.symbol).map((o) => ({ ...o, status: 'cancelled' as const, updatedAt: 5_000 })) }) });
    const asked: string[] = [];
    await confirmCancelAll(api, undefined, (q) => (asked.push(q), false));
    expect(api.calls).toEqual([]);
    await confirmCancelAll(api, 'ETH/USDT', (q) => (asked.push(q), true));
    expect(asked).toEqual(['Cancel 2 open orders?', 'Cancel 1 open ETH/USDT order?']);
    expect(api.calls).toEqual([{ name: 'trading.cancelAll', request: { symbol: 'ETH/USDT' } }]);
    expect([...useOrders.getState().open.keys()]).toEqual(['a']);
    expect(useBlotterMessage.getState().message).toEqual({ kind: 'ok', text: 'Cancelled 1 open ETH/USDT order' });
  });
});
