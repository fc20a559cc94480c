// A journal write that fails (a full disk, an I/O error) leaves the engine where the journal is, never
// ahead of it: the change is not made, the caller hears why, the order stays open and still works, and a
// restart finds exactly what the screen showed. The failures are real SQLite ones on a real file: a
// trigger that aborts one kind of write, and a database capped at its size (SQLITE_FULL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { sqliteSettings } from '../../../electron/risk/settings-store.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import type { Order } from '../../../shared/trading/orders.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import { LOOSE, riskRig } from '../risk/risk-rig.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';

describe('a failed journal write', () => {
  let dir: string;
  let file: string;
  const open: Journal[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-failed-write-'));
    file = join(dir, 'journal.sqlite');
  });
  afterEach(() => {
    for (const j of open.splice(0)) if (j.db.open) j.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start() {
    const journal = openJournal(file);
    open.push(journal);
    const trading = new SqliteTradingJournal(journal.db);
    const log = memoryLogger();
    const rig = paperRig({ journal: trading, log });
    return { ...rig, trading, log, db: journal.db, stop: () => (rig.engine.close(), journal.close()) };
  }

  /** Makes the journal refuse one kind of write, as a full disk or a failing drive would. */
  function refuse(db: Journal['db'], table: 'order_events' | 'fills', when: string): () => void {
    db.exec(`CREATE TRIGGER refuse_write BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    return () => db.exec('DROP TRIGGER refuse_write');
  }

  const view = (o: Order) => `${o.id}:${o.type}:${o.status}:${o.filledQty}`;
  const openOrders = (r: ReturnType<typeof start>) => r.engine.orders({ status: 'open', limit: 50 }).map(view).sort();
  const state = (r: ReturnType<typeof start>) => ({
    open: openOrders(r),
    positions: r.engine.positions().map((p) => `${p.symbol}:${p.qty}:${p.avgEntryPrice}`),
    balances: r.engine.accountSnapshot().balances,
  });

  /** What a restart on the same file finds. */
  function afterRestart(r: ReturnType<typeof start>) {
    r.stop();
    const b = start();
    const s = state(b);
    b.stop();
    return s;
  }

  it('a cancel the journal cannot save is not made: the order stays open, still fills, and a restart agrees', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    const limit = a.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '2', price: '95' }, USER);
    const allow = refuse(a.db, 'order_events', "NEW.status = 'cancelled'");
    const heard = a.events.length;

    let error: unknown;
    try {
      a.engine.cancel(limit.id);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeelError);
    expect((error as KeelError).code).toBe('internal');
    expect((error as KeelError).message).toMatch(/^the journal could not save the change \(disk I\/O error\), so it was not made/);
    expect(a.engine.order(limit.id)?.status).toBe('accepted');
    expect(openOrders(a)).toEqual([`${limit.id}:limit:accepted:0`]);
    // The screen is told the order is as it was; nobody hears of a cancel.
    const told = a.events.slice(heard).filter((e) => e.name === 'trading.order').map((e) => (e.payload as Order).status);
    expect(told).toEqual(['accepted']);

    // The venue still has it: the price comes down and it fills.
    allow();
    a.feed.onPrice(SYM, 2_000, 94, 5);
    expect(a.engine.order(limit.id)).toMatchObject({ status: 'filled', filledQty: '2', avgFillPrice: '95' });
    const now = state(a);
    expect(afterRestart(a)).toEqual(now);
  });

  it('a kill batch whose third cancel fails is rolled back whole, in memory as on disk', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    const ids = ['94', '93', '92', '91'].map((price) => a.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price }, USER).id);
    const third = ids[2]!;
    refuse(a.db, 'order_events', `NEW.status = 'cancelled' AND NEW.order_id = '${third}'`);
    const before = state(a);

    expect(() => a.trading.atomically(() => a.engine.cancelAll({}, 'kill switch: test'))).toThrow(/disk I\/O error/);
    // The first two cancels were written inside the batch and rolled back with it: all four stay open.
    expect(state(a)).toEqual(before);
    expect(before.open).toHaveLength(4);
    // The risk gate's book counts them as pending again, and the venue works them.
    a.feed.onPrice(SYM, 2_000, 93.5, 10);
    expect(ids.map((id) => a.engine.order(id)?.status)).toEqual(['filled', 'accepted', 'accepted', 'accepted']);
    const now = state(a);
    expect(afterRestart(a)).toEqual(now);
  });

  it('the kill switch cancels every order whose cancel the journal can save, and reports the one it cannot', () => {
    const journal = openJournal(file);
    open.push(journal);
    const trading = new SqliteTradingJournal(journal.db);
    const r = riskRig({ journal: trading, batch: (fn) => trading.atomically(fn) });
    r.tick(SYM, 1_000, 100);
    const ids = ['94', '93', '92', '91'].map((price) => r.engine.place({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price }, USER).id);
    refuse(journal.db, 'order_events', `NEW.status = 'cancelled' AND NEW.order_id = '${ids[2]}'`);

    const report = r.risk.kill({ flatten: false, actor: 'user', via: 'ui' });
    expect(report.cancelled).toBe(3);
    expect(report.failures).toEqual([`cancelling: the journal could not save the cancel of 1 of 4 orders (disk I/O error); it is still open, the others are cancelled`]);
    expect(report.state.kill.engaged).toBe(true);
    expect(ids.map((id) => r.engine.order(id)?.status)).toEqual(['cancelled', 'cancelled', 'accepted', 'cancelled']);
    expect(trading.openOrders('paper').map((o) => o.id)).toEqual([ids[2]]);
    // New entries are refused while it is engaged, whatever the cancels did.
    expect(r.engine.place({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90' }, USER).status).toBe('rejected');
    r.engine.close();
  });

  it('the kill switch works when the journal cannot save it: it holds, cancels and says a restart would not find it', () => {
    const journal = openJournal(file);
    open.push(journal);
    const trading = new SqliteTradingJournal(journal.db);
    const store = sqliteSettings(journal.db);
    store.write('risk.settings', { mode: 'custom', limits: LOOSE });
    const r = riskRig({ journal: trading, batch: (fn) => trading.atomically(fn), store });
    r.tick(SYM, 1_000, 100);
    const ids = ['94', '93'].map((price) => r.engine.place({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price }, USER).id);
    journal.db.exec(`CREATE TRIGGER refuse_kill BEFORE INSERT ON settings WHEN NEW.key LIKE 'risk.kill%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);

    const report = r.risk.kill({ flatten: false, actor: 'user', via: 'tray' });
    expect(report.failures).toEqual(['saving the engaged switch: database or disk is full (it holds until Keel closes, but a restart would not find it engaged)']);
    expect(report.cancelled).toBe(2);
    expect(ids.map((id) => r.engine.order(id)?.status)).toEqual(['cancelled', 'cancelled']);
    expect(r.engine.place({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90' }, USER).status).toBe('rejected');

    // A re-arm the journal cannot keep is refused: the switch stays engaged.
    expect(() => r.risk.rearm('user', 'ui')).toThrow('the journal could not save the re-arm (database or disk is full); the kill switch stays engaged');
    expect(r.risk.state().kill.engaged).toBe(true);
    journal.db.exec('DROP TRIGGER refuse_kill');
    expect(r.risk.rearm('user', 'ui').kill.engaged).toBe(false);
    r.engine.close();
  });

  it('a risk mode or limit the journal cannot save is not made, and the caller hears so', () => {
    const journal = openJournal(file);
    open.push(journal);
    const store = sqliteSettings(journal.db);
    store.write('risk.settings', { mode: 'custom', limits: LOOSE });
    const r = riskRig({ journal: new SqliteTradingJournal(journal.db), store });
    journal.db.exec(`CREATE TRIGGER refuse_settings BEFORE INSERT ON settings WHEN NEW.key = 'risk.settings' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);

    expect(() => r.risk.setLimits({ maxOrdersPerMinute: 5 }, 'user')).toThrow('the journal could not save the risk limits (database or disk is full); the risk limits did not change');
    expect(() => r.risk.setMode('conservative', 'user')).toThrow('the journal could not save the risk mode (database or disk is full); the risk mode did not change');
    expect(r.risk.state()).toMatchObject({ mode: 'custom', limits: { maxOrdersPerMinute: LOOSE.maxOrdersPerMinute } });
    journal.db.exec('DROP TRIGGER refuse_settings');
    expect(r.risk.setLimits({ maxOrdersPerMinute: 5 }, 'user').limits.maxOrdersPerMinute).toBe(5);
    expect(store.read('risk.settings')).toMatchObject({ mode: 'custom', limits: { maxOrdersPerMinute: 5 } });
    r.engine.close();
  });

  it('a fill the journal cannot save leaves cash and position as they were, and the order fills once when it can', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    const before = state(a);
    const buy = a.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '3' }, USER);
    const allow = refuse(a.db, 'fills', '1');

    // Every tick tries the fill again and fails again: the reload is logged once, not at every tick.
    for (let k = 0; k < 5; k++) expect(() => a.feed.onPrice(SYM, 2_000 + k, 101, 10)).toThrow(/disk I\/O error/);
    expect(a.log.lines.filter((l) => l.includes('reloaded from the journal'))).toHaveLength(1);
    expect(a.engine.order(buy.id)).toMatchObject({ status: 'accepted', filledQty: '0' });
    // Cash is held for the buy, as before the fill; there is no position.
    expect(state(a)).toEqual({ ...before, open: [`${buy.id}:market:accepted:0`], balances: [{ asset: 'USDT', free: '9699.7', locked: '300.3' }] });
    expect(a.engine.fills({ limit: 10 })).toHaveLength(0);

    allow();
    a.feed.onPrice(SYM, 3_000, 102, 10);
    expect(a.engine.order(buy.id)).toMatchObject({ status: 'filled', filledQty: '3', avgFillPrice: '102' });
    expect(a.engine.fills({ limit: 10 })).toHaveLength(1);
    expect(a.engine.positions().map((p) => `${p.symbol}:${p.qty}`)).toEqual([`${SYM}:3`]);
    const now = state(a);
    expect(afterRestart(a)).toEqual(now);
  });

  it('on a full disk, whatever fails, the screen and a restart always agree', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    // Room for a little more than what is there: the journal fills up as orders and fills come in.
    const pages = (a.db.pragma('page_count', { simple: true }) as number) + 2;
    a.db.pragma(`max_page_count = ${pages}`);
    let failures = 0;
    let ts = 2_000;
    for (let i = 0; i < 400 && failures < 5; i++) {
      try {
        const price = 100 + (i % 7) - 3;
        a.engine.submit({ symbol: SYM, side: i % 3 === 2 ? 'sell' : 'buy', type: 'limit', qty: '0.5', price: String(price) }, USER);
        if (i % 4 === 3) {
          const first = a.engine.orders({ status: 'open', limit: 1 })[0];
          if (first) a.engine.cancel(first.id);
        }
        a.feed.onPrice(SYM, (ts += 1_000), 100 + ((i * 5) % 9) - 4, 1);
      } catch (e) {
        // Cash runs out too, after a while: a refusal is not a write that failed.
        if (e instanceof OrderRefusedError) continue;
        expect(String(e)).toMatch(/database or disk is full/);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
    const shown = state(a);
    a.db.pragma('max_page_count = 1073741823');
    expect(afterRestart(a)).toEqual(shown);
  });
});
