// The fills tab's pages: newest first by (time, id), each page the next ones before the oldest shown, so
// paging to the end lists every fill of the account exactly once, whatever order they were written in and
// however many share a millisecond. The SQLite query walks an index (no sort of the whole table).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/journal/migrate.ts';
import { MIGRATIONS } from '../../../electron/journal/migrations/index.ts';
import { MemoryTradingJournal } from '../../../electron/journal/memory-trading-journal.ts';
import type { FillRecord, OrderRecord, TradingJournal } from '../../../electron/journal/trading-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { dec } from '../../../shared/trading/decimal.ts';

const order: OrderRecord = {
  seq: 1, id: 'o1', clientOrderId: 'c1', account: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: dec('1000'), filledQty: 0n,
  filledNotional: 0n, feesPaid: 0n, price: null, triggerPrice: null, trail: null, trailExtreme: null, timeInForce: 'GTC', reduceOnly: false,
  postOnly: false, status: 'partially_filled', triggered: false, parentId: null, ocoGroup: null, bracket: null, origin: { kind: 'user' },
  ledger: 'user', reason: null, tag: null, exchangeOrderId: null, emulated: false, refPrice: dec('100'), createdAt: 1, updatedAt: 1,
};

/** 450 fills of paper (7 to a millisecond, written out of time order now and then: a late exchange report) and 30 of another account. */
function fillJournal(j: TradingJournal): FillRecord[] {
  for (const account of ['paper', 'other']) {
    j.openAccount({ account, quoteAsset: 'USDT', startBalance: dec('10000'), mode: 'spot', borrowRatePct: 0n, createdAt: 1 });
    j.writeOrder({ ...order, account, id: `${account}-o1` }, { orderId: `${account}-o1`, ts: 1, kind: 'new', status: 'new', detail: null });
  }
  const written: FillRecord[] = [];
  const write = (account: string, seq: number, ts: number) => {
    const o = { ...order, account, id: `${account}-o1` };
    const fill: FillRecord = {
      seq, id: `${account}-f${seq}`, orderId: o.id, clientOrderId: 'c1', account, symbol: seq % 3 === 0 ? 'ETH/USDT' : 'BTC/USDT', side: 'buy',
      price: dec('100'), qty: dec('1'), fee: 0n, feeAsset: 'USDT', interest: 0n, liquidity: 'taker', origin: { kind: 'user' }, ledger: 'user', ts,
    };
    j.writeFill(fill, o, { orderId: o.id, ts, kind: 'partially_filled', status: 'partially_filled', detail: fill.id },
      { account, symbol: fill.symbol, ledger: 'user', qty: dec('1'), costBasis: dec('100'), realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, borrowedSince: null, updatedAt: ts },
      { account, ts, cash: dec('1'), realizedPnl: 0n, feesPaid: 0n, interestPaid: 0n, cause: fill.id });
    if (account === 'paper') written.push(fill);
  };
  for (let seq = 1; seq <= 450; seq++) write('paper', seq, 1_000 + Math.floor(seq / 7) - (seq % 50 === 0 ? 20 : 0));
  for (let seq = 1; seq <= 30; seq++) write('other', seq, 1_000 + seq);
  return written;
}

const newestFirst = (a: FillRecord, b: FillRecord) => b.ts - a.ts || (b.id < a.id ? -1 : 1);

function pageThrough(j: TradingJournal, symbol?: string): { pages: number[]; ids: string[] } {
  const pages: number[] = [];
  const ids: string[] = [];
  let before: { ts: number; id: string } | undefined;
  for (;;) {
    const page = j.fillPage('paper', { symbol, before, limit: 200 });
    pages.push(page.length);
    ids.push(...page.map((f) => f.id));
    if (page.length < 200) return { pages, ids };
    const last = page.at(-1)!;
    before = { ts: last.ts, id: last.id };
  }
}

describe.each([
  ['SQLite', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', MIGRATIONS);
    return { j: new SqliteTradingJournal(db) as TradingJournal, db };
  }],
  ['memory', () => ({ j: new MemoryTradingJournal() as TradingJournal, db: null })],
])('fill pages (%s journal)', (_kind, open) => {
  let db: Database.Database | null = null;
  afterEach(() => db?.close());

  it('lists every fill of the account once, newest first by time then id, 200 at a time', () => {
    const opened = open();
    db = opened.db;
    const written = fillJournal(opened.j);
    const { pages, ids } = pageThrough(opened.j);
    expect(pages).toEqual([200, 200, 50]);
    expect(ids).toEqual([...written].sort(newestFirst).map((f) => f.id));
  });

  it('pages one market the same way', () => {
    const opened = open();
    db = opened.db;
    const written = fillJournal(opened.j);
    const { pages, ids } = pageThrough(opened.j, 'ETH/USDT');
    expect(pages).toEqual([150]);
    expect(ids).toEqual(written.filter((f) => f.symbol === 'ETH/USDT').sort(newestFirst).map((f) => f.id));
  });
});

describe('the fill page query', () => {
  it('walks an index in order, with or without a market, never sorting the table', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS);
    const plans = [
      "SELECT id FROM fills WHERE account = 'paper' AND (ts, id) < (5, 'x') ORDER BY ts DESC, id DESC LIMIT 200",
      "SELECT id FROM fills WHERE account = 'paper' AND symbol = 'BTC/USDT' AND (ts, id) < (5, 'x') ORDER BY ts DESC, id DESC LIMIT 200",
    ].map((sql) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join('; '));
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX fills_time/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });
});
