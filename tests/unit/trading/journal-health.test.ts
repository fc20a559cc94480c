// The engine's word on its journal (trading.journalHealth), on a real SQLite file made to fail for real:
// nothing while writes go through, one event when they start failing, one when what Keel did about it
// changes (the reload failed, then worked), one when a write goes through again; and a caller's
// transaction rolled back for a reason of its own is no journal failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';

describe("the engine's journal health", () => {
  let dir: string;
  const open: Journal[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-journal-health-'));
  });
  afterEach(() => {
    for (const j of open.splice(0)) if (j.db.open) j.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start() {
    const journal = openJournal(join(dir, 'journal.sqlite'));
    open.push(journal);
    const trading = new SqliteTradingJournal(journal.db);
    const rig = paperRig({ journal: trading });
    return { ...rig, trading, db: journal.db, health: () => rig.of('trading.journalHealth') };
  }

  /** Runs a tick or an order whose fill the journal may refuse: the refusal is the journal's, nothing else. */
  function mayFail(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      expect(String(e)).toMatch(/disk|no such table|journal could not save/);
    }
  }

  it('says nothing while every write goes through', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    for (let i = 0; i < 5; i++) {
      a.engine.submit({ symbol: SYM, side: i % 2 === 0 ? 'buy' : 'sell', type: 'market', qty: '1' }, USER);
      a.feed.onPrice(SYM, 2_000 + i, 100 + i, 1);
    }
    expect(a.of('trading.fill')).toHaveLength(5);
    expect(a.health()).toEqual([]);
    expect(a.engine.journalHealth).toBeNull();
  });

  it('tells a reload that failed too, then the reload that worked, then the write that went through', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    const order = a.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '95' }, USER);
    a.db.exec("CREATE TRIGGER refuse_fills BEFORE INSERT ON fills BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    // The reload reads the positions: gone for now, so it fails as a damaged file would.
    a.db.exec('ALTER TABLE positions RENAME TO positions_away');

    mayFail(() => a.feed.onPrice(SYM, 2_000, 94, 1));
    expect(a.health()).toEqual([
      expect.objectContaining({ account: 'paper', status: 'failing', error: 'database or disk is full', reload: 'failed', reloadError: expect.stringMatching(/no such table: positions/), recoveredAt: null }),
    ]);
    expect(a.engine.journalHealth).toEqual(a.health()[0]);
    mayFail(() => a.feed.onPrice(SYM, 2_001, 94, 1));
    expect(a.health()).toHaveLength(1);

    // The next entry point (an order here) tries the reload again, and it works.
    a.db.exec('ALTER TABLE positions_away RENAME TO positions');
    mayFail(() => a.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90' }, USER));
    const [failed, reloaded] = a.health();
    expect(reloaded).toEqual({ ...failed, changedAt: expect.any(Number), reload: 'reloaded', reloadError: null });
    expect(a.health()).toHaveLength(2);
    expect(a.engine.order(order.id)?.status).toBe('accepted');

    a.db.exec('DROP TRIGGER refuse_fills');
    mayFail(() => a.feed.onPrice(SYM, 3_000, 94, 1));
    expect(a.engine.order(order.id)?.status).toBe('filled');
    expect(a.health()).toHaveLength(3);
    expect(a.health()[2]).toEqual({ ...reloaded, status: 'saving', changedAt: expect.any(Number), recoveredAt: expect.any(Number) });
    mayFail(() => a.feed.onPrice(SYM, 3_001, 93, 1));
    a.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1' }, USER);
    mayFail(() => a.feed.onPrice(SYM, 3_002, 93, 1));
    expect(a.health()).toHaveLength(3);
  });

  it('fails again after saving again: a new failure with its own time and error', () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    const refuse = (why: string) => a.db.exec(`CREATE TRIGGER refuse_fills BEFORE INSERT ON fills BEGIN SELECT RAISE(ABORT, '${why}'); END`);
    refuse('disk I/O error');
    mayFail(() => a.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1' }, USER));
    mayFail(() => a.feed.onPrice(SYM, 2_000, 100, 1));
    a.db.exec('DROP TRIGGER refuse_fills');
    mayFail(() => a.feed.onPrice(SYM, 2_001, 100, 1));
    refuse('database or disk is full');
    mayFail(() => a.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1' }, USER));
    mayFail(() => a.feed.onPrice(SYM, 2_002, 100, 1));
    expect(a.health().map((h) => `${h.status}:${h.error}`)).toEqual(['failing:disk I/O error', 'saving:disk I/O error', 'failing:database or disk is full']);
  });

  it("is not told of a caller's transaction rolled back for a reason of its own", () => {
    const a = start();
    a.feed.onPrice(SYM, 1_000, 100, 1);
    const order = a.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '95' }, USER);
    expect(() =>
      a.trading.atomically(() => {
        a.engine.cancel(order.id);
        throw new Error('the batch gave up');
      }),
    ).toThrow('the batch gave up');
    expect(a.engine.order(order.id)?.status).toBe('accepted');
    expect(a.health()).toEqual([]);
  });
});
