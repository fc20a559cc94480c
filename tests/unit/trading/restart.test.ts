// A new engine on the same SQLite journal picks up where the last one stopped: open orders (resting
// limits, stops, trailing stops with their best price, bracket children, emulated triggers), positions,
// cash, and the id sequences; and the restored orders go on working.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import type { OrderType } from '../../../shared/trading/orders.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';

describe('restart', () => {
  let dir: string;
  let file: string;
  const open: Journal[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-trading-restart-'));
    file = join(dir, 'journal.sqlite');
  });
  afterEach(() => {
    for (const j of open.splice(0)) j.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(options: { nativeTypes?: OrderType[]; latencyMs?: number } = {}) {
    const journal = openJournal(file);
    open.push(journal);
    const rig = paperRig({ journal: new SqliteTradingJournal(journal.db), nativeTypes: options.nativeTypes, fill: { latencyMs: options.latencyMs ?? 0 } });
    return { ...rig, stop: () => (rig.engine.close(), journal.close()) };
  }

  const bar = (r: ReturnType<typeof start>, i: number, o: number, h: number, l: number, c: number, v = 1000) => r.feed.onBar(SYM, i * 60_000, o, h, l, c, v, 60_000);

  it('restores positions, cash, resting orders, a trailing stop and a half-filled bracket, and they keep working', () => {
    const a = start();
    bar(a, 0, 100, 100, 100, 100);
    a.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '2' }, USER);
    bar(a, 1, 100, 100, 100, 100); // the market buy fills at 100
    const resting = a.engine.submit({ symbol: SYM, side: 'sell', type: 'limit', qty: '1', price: '120' }, USER);
    const trail = a.engine.submit({ symbol: SYM, side: 'sell', type: 'trailing-stop', qty: '1', trail: { amount: '15' } }, USER);
    const entry = a.engine.submit(
      { symbol: SYM, side: 'buy', type: 'limit', qty: '4', price: '99', bracket: { stopLoss: { triggerPrice: '90' }, takeProfits: [{ price: '130', fraction: 1 }] } },
      USER,
    );
    bar(a, 2, 100, 110, 100, 108); // trail best 110 (level 95)
    a.feed.onPrice(SYM, 180_001, 99, 1); // entry fills 1 of 4 → stop 1, target 1
    const before = {
      orders: a.engine.orders({ status: 'open', limit: 50 }),
      positions: a.engine.positions(),
      account: a.engine.accountSnapshot(),
    };
    expect(before.orders.map((o) => `${o.type}:${o.qty}:${o.filledQty}`).sort()).toEqual(['limit:1:0', 'limit:1:0', 'limit:4:1', 'stop-market:1:0', 'trailing-stop:1:0'].sort());
    expect(a.engine.order(trail.id)?.trailingStopPrice).toBe('95');
    a.stop();

    const b = start();
    expect(b.engine.orders({ status: 'open', limit: 50 })).toEqual(before.orders);
    // Marks come back with the next price; everything exact matches without them.
    expect(b.engine.positions().map(({ unrealizedPnl: _u, markPrice: _m, ...p }) => p)).toEqual(before.positions.map(({ unrealizedPnl: _u, markPrice: _m, ...p }) => p));
    expect(b.engine.accountSnapshot().balances).toEqual(before.account.balances);
    expect(b.engine.accountSnapshot().realizedPnl).toBe(before.account.realizedPnl);
    // New ids continue the sequence.
    b.feed.onPrice(SYM, 190_000, 99.5, 0);
    const next = b.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '0.1', price: '50' }, USER);
    expect(Number(next.id.split('-')[1])).toBeGreaterThan(Number(entry.id.split('-')[1]!) + 2);
    // The bracket keeps growing with the entry's fills.
    b.feed.onPrice(SYM, 190_001, 98.5, 3);
    const kids = () => b.engine.orders({ status: 'open', limit: 50 }).filter((o) => o.parentId === entry.id).map((o) => `${o.type}:${o.qty}`).sort();
    expect(kids()).toEqual(['limit:4', 'stop-market:4']);
    // The trail resumes from its best price (110, level 95), not from the 98.5 it restarted near.
    b.feed.onPrice(SYM, 190_002, 121, 5); // the resting sell at 120 fills; the trail's best is now 121 (level 106)
    expect(b.engine.order(resting.id)).toMatchObject({ status: 'filled', avgFillPrice: '120' });
    expect(b.engine.order(trail.id)).toMatchObject({ status: 'accepted', trailingStopPrice: '106' });
    b.feed.onPrice(SYM, 190_003, 105, 0);
    expect(b.engine.order(trail.id)).toMatchObject({ status: 'filled', avgFillPrice: '105' });
    b.stop();
  });

  it("restores a bracket of percents: each target keeps its leg, and they grow at the prices set from the entry's fill", () => {
    const a = start();
    bar(a, 0, 100, 100, 100, 100);
    const entry = a.engine.submit(
      { symbol: SYM, side: 'buy', type: 'limit', qty: '4', price: '99', bracket: { stopLoss: { percent: 5 }, takeProfits: [{ percent: 10, fraction: 0.25 }, { percent: 20, fraction: 0.75 }] } },
      USER,
    );
    a.feed.onPrice(SYM, 60_001, 99, 2); // 2 of 4 fill at 99: the stop 5 % under (94.05), the targets 10 % and 20 % over
    const kids = (r: ReturnType<typeof start>) =>
      r.engine
        .orders({ status: 'open', limit: 50 })
        .filter((o) => o.parentId === entry.id)
        .map((o) => `${o.type}:${o.triggerPrice ?? o.price}:${o.qty}`)
        .sort();
    expect(kids(a)).toEqual(['limit:108.9:0.5', 'limit:118.8:1.5', 'stop-market:94.05:2']);
    a.stop();

    const b = start();
    expect(kids(b)).toEqual(['limit:108.9:0.5', 'limit:118.8:1.5', 'stop-market:94.05:2']);
    b.feed.onPrice(SYM, 120_001, 99, 5); // the rest fills: a quarter and three quarters, each on its own target
    expect(kids(b)).toEqual(['limit:108.9:1', 'limit:118.8:3', 'stop-market:94.05:4']);
    b.stop();
  });

  it('restores emulated stops and trailing stops the engine holds itself', () => {
    const a = start({ nativeTypes: ['market', 'limit'] });
    bar(a, 0, 100, 100, 100, 100);
    a.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '2' }, USER);
    bar(a, 1, 100, 100, 100, 100);
    const stop = a.engine.submit({ symbol: SYM, side: 'sell', type: 'stop-market', qty: '1', triggerPrice: '95' }, USER);
    const trail = a.engine.submit({ symbol: SYM, side: 'sell', type: 'trailing-stop', qty: '1', trail: { percent: 10 } }, USER);
    a.feed.onPrice(SYM, 120_001, 200, 0); // trail best 200 → level 180
    a.stop();

    const b = start({ nativeTypes: ['market', 'limit'] });
    expect(b.engine.order(stop.id)).toMatchObject({ status: 'accepted', triggered: false });
    expect(b.engine.order(trail.id)).toMatchObject({ trailingStopPrice: '180' });
    b.feed.onPrice(SYM, 190_000, 185, 0);
    expect(b.engine.order(trail.id)?.triggered).toBe(false);
    b.feed.onPrice(SYM, 190_001, 179, 0); // fires → market order
    b.feed.onPrice(SYM, 190_002, 178, 0);
    expect(b.engine.order(trail.id)).toMatchObject({ status: 'filled', avgFillPrice: '178' });
    b.feed.onPrice(SYM, 190_003, 94, 0);
    b.feed.onPrice(SYM, 190_004, 93, 0);
    expect(b.engine.order(stop.id)).toMatchObject({ status: 'filled', avgFillPrice: '93' });
    expect(b.engine.positions()[0]?.qty).toBe('0');
    b.stop();
  });

  it('an order journaled as sent but never acknowledged is sent again on restart, with the same client id', () => {
    const a = start({ latencyMs: 5000 });
    a.feed.onPrice(SYM, 0, 100);
    const o = a.engine.submit({ clientOrderId: 'in-flight-1', symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '99' }, USER);
    expect(o.status).toBe('new');
    a.stop();
    const b = start({ latencyMs: 0 });
    expect(b.engine.order(o.id)).toMatchObject({ status: 'accepted', clientOrderId: 'in-flight-1' });
    expect(b.journal.orderEvents(o.id).map((e) => e.kind)).toEqual(['new', 'accepted']);
    b.stop();
  });

  it('keeps the account settings of the journal over new options', () => {
    const a = start();
    a.stop();
    const journal = openJournal(file);
    open.push(journal);
    const r = paperRig({ journal: new SqliteTradingJournal(journal.db), startBalance: '5' });
    expect(r.engine.accountSnapshot().equity).toBe('10000');
  });
});
