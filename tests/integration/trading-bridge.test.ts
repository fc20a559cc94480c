// Trading through the real bridge: a `keel serve` child process, a WebSocket client, a replay playing
// stored candles; the client places orders as the UI would and sees fills, positions and the account,
// and a restarted Keel still has them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import { KeelError } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, swingingMinutesCsv, type BridgeSession } from '../helpers/bridge-session.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
/** Resolves with the first event of `name` that `match` accepts (listening starts now). */
const next = eventWaiter(20_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  // 600 one-minute candles around 100 with two-decimal prices and volume, imported with the real CLI.
  bridge = await openBridgeSession({ name: 'trading-bridge', candles: { csv: swingingMinutesCsv(600), symbol: 'BTC/USDT', timeframe: '1m' } });
  client = bridge.client;
});

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

describe('trading over the bridge', () => {
  it('starts with the paper account and nothing open', async () => {
    expect(await client.commands['trading.account']({})).toMatchObject({ mode: 'paper', account: 'paper', quoteAsset: 'USDT', equity: '10000', balances: [{ asset: 'USDT', free: '10000', locked: '0' }] });
    expect(await client.commands['trading.orders']({})).toEqual({ orders: [] });
  });

  it('refuses a market order before any price, and bad input with the reason', async () => {
    await expect(client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/no market price for BTC\/USDT yet/) });
    await expect(client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.000015', price: '90' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'order refused: qty 0.000015 is not a multiple of the step size 0.00001 for BTC/USDT; use 0.00001 or 0.00002',
    });
    await expect(client.commands['trading.submit']({ symbol: 'ZZZ/USDT', side: 'buy', type: 'limit', qty: '1', price: '1' })).rejects.toThrow(/unknown symbol "ZZZ\/USDT"; valid symbols: .*BTC\/USDT/);
    // The request cannot claim another origin: the schema has no such field.
    await expect(client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90', origin: { kind: 'ai' } } as never)).rejects.toBeInstanceOf(KeelError);
    expect(await client.commands['trading.orders']({ status: 'all' })).toEqual({ orders: [] });
  });

  it('fills orders while a replay plays, and reports fills, positions and the account', async () => {
    const firstTick = next(client, 'market.candle', () => true);
    await client.commands['replay.start']({ series: SERIES, speed: 1000, history: 20 });
    await firstTick;
    const filled = next(client, 'trading.fill', (f) => f.side === 'buy');
    const positions = next(client, 'trading.positions', (p) => p.positions.some((x) => x.qty === '2'));
    const order = await client.commands['trading.submit']({ clientOrderId: 'ui-buy-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '2' });
    expect(order).toMatchObject({ status: 'accepted', origin: { kind: 'user' }, clientOrderId: 'ui-buy-1' });
    const fill = await filled;
    expect(fill).toMatchObject({ orderId: order.id, qty: '2', liquidity: 'taker', feeAsset: 'USDT', origin: { kind: 'user' } });
    expect((await positions).positions[0]).toMatchObject({ symbol: 'BTC/USDT', ledger: 'user', qty: '2', avgEntryPrice: fill.price });
    // The same client order id again is the same order.
    expect((await client.commands['trading.submit']({ clientOrderId: 'ui-buy-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '2' })).id).toBe(order.id);

    const preview = await client.commands['trading.preview']({ symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '1', price: '150' });
    expect(preview).toMatchObject({ notional: '150', fee: '0.15', cost: '150.15', refusal: null });
    const resting = await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '1', price: '150' });
    expect((await client.commands['trading.orders']({ status: 'open' })).orders.map((o) => o.id)).toEqual([resting.id]);
    expect((await client.commands['trading.account']({})).balances.find((b) => b.asset === 'BTC')).toEqual({ asset: 'BTC', free: '1', locked: '1' });
    expect(await client.commands['trading.modify']({ orderId: resting.id, price: '151.5' })).toMatchObject({ price: '151.5' });
    expect(await client.commands['trading.cancel']({ orderId: resting.id })).toMatchObject({ status: 'cancelled' });

    const closed = next(client, 'trading.positions', (p) => p.positions.some((x) => x.qty === '0'));
    const close = await client.commands['trading.closePosition']({ symbol: 'BTC/USDT' });
    expect(close).toMatchObject({ side: 'sell', qty: '2', reduceOnly: true });
    const flat = (await closed).positions[0]!;
    expect(flat.qty).toBe('0');
    const account = await client.commands['trading.account']({});
    const fills = (await client.commands['trading.fills']({})).fills;
    expect(fills).toHaveLength(2);
    // Cash = 10,000 − buy − fees + sell, to the last unit.
    const [sell, buy] = fills;
    const cents = (s: string) => BigInt(Math.round(Number(s) * 1e8));
    const cash = 10_000n * 100_000_000n - cents(buy!.price) * 2n - cents(buy!.fee) + cents(sell!.price) * 2n - cents(sell!.fee);
    expect(cents(account.balances[0]!.free)).toBe(cash);
    expect(account.realizedPnl).toBe(flat.realizedPnl);
    await expect(client.commands['trading.reversePosition']({ symbol: 'BTC/USDT' })).rejects.toMatchObject({ code: 'conflict' });
    await client.commands['replay.stop']({});
  });

  it('a restarted Keel has the same orders, fills and account', async () => {
    const before = {
      orders: await client.commands['trading.orders']({ status: 'all' }),
      fills: await client.commands['trading.fills']({}),
      account: await client.commands['trading.account']({}),
    };
    // Stopped (a clean exit) and started again on the same data directory, with a new client.
    expect(await bridge.restart()).toBe(0);
    client = bridge.client;
    expect(await client.commands['trading.orders']({ status: 'all' })).toEqual(before.orders);
    expect(await client.commands['trading.fills']({})).toEqual(before.fills);
    const after = await client.commands['trading.account']({});
    expect(after.balances).toEqual(before.account.balances);
    expect(after.realizedPnl).toBe(before.account.realizedPnl);
  });
});

describe('the paper account, spot or margin', () => {
  it('is spot until switched; a switch with an order open is refused, naming it', async () => {
    expect(await client.commands['trading.account']({})).toMatchObject({ mode: 'paper', account: 'paper', kind: 'spot', kindChangeRefusal: null });
    const resting = await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '10' });
    const why = 'the paper account cannot switch to margin with 1 open order; cancel it first';
    expect((await client.commands['trading.account']({})).kindChangeRefusal).toBe(why);
    await expect(client.commands['trading.setAccountKind']({ kind: 'margin' })).rejects.toMatchObject({ code: 'conflict', message: why });
    await client.commands['trading.cancel']({ orderId: resting.id });
    expect(await client.commands['trading.account']({})).toMatchObject({ kind: 'spot', kindChangeRefusal: null });
  });

  it('switched to margin: the snapshot, its event and trading.rules say so, a sell goes short, and back to spot is refused until it is bought back', async () => {
    const event = next(client, 'trading.account', (a) => a.kind === 'margin');
    expect(await client.commands['trading.setAccountKind']({ kind: 'margin' })).toMatchObject({ account: 'paper', kind: 'margin', kindChangeRefusal: null });
    expect(await event).toMatchObject({ account: 'paper', kind: 'margin' });
    expect(await client.commands['trading.rules']({ symbol: 'BTC/USDT' })).toMatchObject({ account: 'paper', kind: 'margin' });

    const firstTick = next(client, 'market.candle', () => true);
    await client.commands['replay.start']({ series: SERIES, speed: 1000, history: 20 });
    await firstTick;
    const short = next(client, 'trading.positions', (p) => p.positions.some((x) => x.qty === '-1'));
    await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '1' });
    await short;
    const why = 'the paper account cannot switch to spot while it holds a short (user BTC/USDT -1); buy it back first';
    expect((await client.commands['trading.account']({})).kindChangeRefusal).toBe(why);
    await expect(client.commands['trading.setAccountKind']({ kind: 'spot' })).rejects.toMatchObject({ code: 'conflict', message: why });

    const flat = next(client, 'trading.positions', (p) => p.positions.every((x) => x.qty === '0'));
    await client.commands['trading.closePosition']({ symbol: 'BTC/USDT' });
    await flat;
    await client.commands['replay.stop']({});
    expect(await client.commands['trading.account']({})).toMatchObject({ kind: 'margin', kindChangeRefusal: null });
  });

  it('the borrow rate: set over the bridge, the snapshot and its event carry it; a rate outside 0 to 1000 is refused saying so', async () => {
    const event = next(client, 'trading.account', (a) => a.borrowRatePct === '3.65');
    expect(await client.commands['trading.setBorrowRate']({ ratePct: 3.65 })).toMatchObject({ account: 'paper', kind: 'margin', borrowRatePct: '3.65', interestPaid: '0', interestOwed: '0' });
    expect(await event).toMatchObject({ borrowRatePct: '3.65' });
    await expect(client.commands['trading.setBorrowRate']({ ratePct: -1 })).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('a borrow rate is percent a year, from 0') });
    await expect(client.commands['trading.setBorrowRate']({ ratePct: 5000 })).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('at most 1000 (5 is 5% a year)') });
    expect(await client.commands['trading.account']({})).toMatchObject({ borrowRatePct: '3.65' });
  });

  it('a restarted Keel keeps margin and its borrow rate; it goes back to spot; an unknown kind is refused', async () => {
    expect(await bridge.restart()).toBe(0);
    client = bridge.client;
    expect(await client.commands['trading.account']({})).toMatchObject({ account: 'paper', kind: 'margin', borrowRatePct: '3.65' });
    expect(await client.commands['trading.setAccountKind']({ kind: 'spot' })).toMatchObject({ kind: 'spot', kindChangeRefusal: null });
    await expect(client.commands['trading.setAccountKind']({ kind: 'futures' as never })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
