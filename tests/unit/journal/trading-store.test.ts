// Migration 003 and the SQLite trading journal: exact amounts as text, append-only history, round trips.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/journal/migrate.ts';
import { MIGRATIONS } from '../../../electron/journal/migrations/index.ts';
import type { FillRecord, OrderRecord } from '../../../electron/journal/trading-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { dec } from '../../../shared/trading/decimal.ts';

const order = (over: Partial<OrderRecord> = {}): OrderRecord => ({
  seq: 1,
  id: 'paper-1',
  clientOrderId: 'c1',
  account: 'paper',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: dec('0.123456789012345678'),
  filledQty: 0n,
  filledNotional: 0n,
  feesPaid: 0n,
  price: dec('60000.01'),
  triggerPrice: null,
  trail: null,
  trailExtreme: null,
  timeInForce: 'GTC',
  reduceOnly: false,
  postOnly: true,
  status: 'new',
  triggered: false,
  parentId: null,
  ocoGroup: null,
  bracket: { stopLoss: { triggerPrice: '59000' } },
  origin: { kind: 'strategy', id: 's1' },
  ledger: 'strategy:s1',
  reason: null,
  tag: null,
  exchangeOrderId: null,
  emulated: false,
  refPrice: dec('60000.01'),
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('trading journal (SQLite)', () => {
  let db: Database.Database;
  let j: SqliteTradingJournal;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', MIGRATIONS);
    j = new SqliteTradingJournal(db);
  });
  afterEach(() => db.close());

  it('003 creates the trading tables', () => {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['balance_snapshots', 'fills', 'order_events', 'orders', 'positions', 'signals', 'trading_accounts']));
  });

  it('round-trips orders exactly and keeps their history', () => {
    const acct = j.openAccount({ account: 'paper', quoteAsset: 'USDT', startBalance: dec('10000'), mode: 'spot', borrowRatePct: 0n, createdAt: 1 });
    expect(acct.startBalance).toBe(dec('10000'));
    expect(j.latestBalance('paper')).toMatchObject({ cash: dec('10000'), cause: 'open' });
    const o = order();
    j.writeOrder(o, { orderId: o.id, ts: 1, kind: 'new', status: 'new', detail: null });
    o.status = 'accepted';
    j.writeOrder(o, { orderId: o.id, ts: 2, kind: 'accepted', status: 'accepted', detail: null });
    expect(j.findOrder('paper', 'paper-1')).toEqual(o);
    expect(j.findByClientOrderId('paper', 'c1')?.id).toBe('paper-1');
    expect(j.openOrders('paper').map((x) => x.id)).toEqual(['paper-1']);
    expect(j.orderEvents('paper-1').map((e) => e.kind)).toEqual(['new', 'accepted']);
    expect(db.prepare('SELECT qty FROM orders').pluck().get()).toBe('0.123456789012345678');
    // The same client order id twice in one account is refused by the schema too.
    expect(() => j.writeOrder(order({ id: 'paper-2', seq: 2 }), { orderId: 'paper-2', ts: 3, kind: 'new', status: 'new', detail: null })).toThrow(/UNIQUE/);
  });

  it("writes an order's end (status, reason and time only) as writeOrder would have written the whole row", () => {
    j.openAccount({ account: 'paper', quoteAsset: 'USDT', startBalance: dec('10000'), mode: 'spot', borrowRatePct: 0n, createdAt: 1 });
    const o = order({ status: 'accepted' });
    j.writeOrder(o, { orderId: o.id, ts: 1, kind: 'accepted', status: 'accepted', detail: null });
    const ended = { ...o, status: 'cancelled' as const, reason: 'kill switch: pulled by the user (tray)', updatedAt: 5 };
    j.writeEnd(ended, { orderId: o.id, ts: 5, kind: 'cancelled', status: 'cancelled', detail: ended.reason });
    expect(j.findOrder('paper', o.id)).toEqual(ended);
    expect(j.openOrders('paper')).toEqual([]);
    expect(j.orderEvents(o.id).map((e) => [e.kind, e.detail])).toEqual([
      ['accepted', null],
      ['cancelled', ended.reason],
    ]);
    // An order with no row yet (none should end so) is written whole.
    const lone = order({ id: 'paper-9', seq: 9, clientOrderId: 'c9', status: 'rejected', reason: 'risk: no', updatedAt: 6 });
    j.writeEnd(lone, { orderId: lone.id, ts: 6, kind: 'rejected', status: 'rejected', detail: lone.reason });
    expect(j.findOrder('paper', lone.id)).toEqual(lone);
  });

  it('keeps order events and fills append-only', () => {
    j.openAccount({ account: 'paper', quoteAsset: 'USDT', startBalance: dec('10000'), mode: 'spot', borrowRatePct: 0n, createdAt: 1 });
    const o = order({ status: 'filled', filledQty: dec('0.1'), filledNotional: dec('6000.001') });
    const fill: FillRecord = {
      seq: 1, id: 'paper-f1', orderId: o.id, clientOrderId: o.clientOrderId, account: 'paper', symbol: o.symbol, side: 'buy',
      price: dec('60000.01'), qty: dec('0.1'), fee: dec('6.00000100'), feeAsset: 'USDT', interest: 0n, liquidity: 'maker', origin: o.origin, ledger: o.ledger, ts: 5,
    };
    j.writeOrder(order(), { orderId: o.id, ts: 1, kind: 'new', status: 'new', detail: null });
    j.writeFill(fill, o, { orderId: o.id, ts: 5, kind: 'filled', status: 'filled', detail: fill.id },
      { account: 'paper', symbol: o.symbol, ledger: o.ledger, qty: dec('0.1'), costBasis: dec('6000.001'), realizedPnl: 0n, feesPaid: fill.fee, interestPaid: 0n, borrowedSince: null, updatedAt: 5 },
      { account: 'paper', ts: 5, cash: dec('3993.998999'), realizedPnl: 0n, feesPaid: fill.fee, interestPaid: 0n, cause: fill.id });
    expect(j.fills('paper', { limit: 10 })).toEqual([fill]);
    expect(j.positions('paper')[0]).toMatchObject({ qty: dec('0.1'), costBasis: dec('6000.001') });
    expect(j.latestBalance('paper')?.cash).toBe(dec('3993.998999'));
    expect(j.lastSeq('paper')).toEqual({ order: 1, fill: 1 });
    expect(() => db.prepare('UPDATE order_events SET status = ?').run('cancelled')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM order_events').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE fills SET qty = ?').run('1')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM fills').run()).toThrow(/append-only/);
  });

  it('stores signals with their ledger', () => {
    j.writeSignal({ ts: 1, origin: { kind: 'ai', confidence: 0.8 }, symbol: 'BTC/USDT', kind: 'enter-long', payload: '{"why":"breakout"}' });
    expect(db.prepare('SELECT ledger, kind FROM signals').get()).toEqual({ ledger: 'ai', kind: 'enter-long' });
  });
});
