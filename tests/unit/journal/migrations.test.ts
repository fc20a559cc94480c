import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/journal/migrations/index.ts';
import { latestVersion, migrate, schemaVersion, JournalVersionError } from '../../../electron/journal/migrate.ts';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { BLOCK_CANDLES, blockSpanMs } from '../../../electron/journal/candle-blocks.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { SqliteTradingJournal } from '../../../electron/journal/trading-store.ts';

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
}

function tablesOf(db: Database.Database): string[] {
  return db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
}

describe('journal migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-migrations-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('are numbered 1, 2, 3, ... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(latestVersion()).toBe(MIGRATIONS.length);
  });

  it('bring a new journal to the latest version', () => {
    const journal = openJournal(':memory:');
    expect(schemaVersion(journal.db)).toBe(latestVersion());
    journal.close();
  });

  it('001 creates series and candles', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:', MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(tablesOf(db)).toEqual(['candles', 'series']);
    expect(columnsOf(db, 'series')).toEqual(['id', 'exchange', 'symbol', 'timeframe']);
    expect(columnsOf(db, 'candles')).toEqual(['series_id', 'ts', 'open', 'high', 'low', 'close', 'volume']);
    // One series per (exchange, symbol, timeframe); one candle per (series, open time).
    db.prepare(`INSERT INTO series (exchange, symbol, timeframe) VALUES ('local', 'BTC/USDT', '1m')`).run();
    expect(() => db.prepare(`INSERT INTO series (exchange, symbol, timeframe) VALUES ('local', 'BTC/USDT', '1m')`).run()).toThrow(/UNIQUE/);
    db.prepare(`INSERT INTO candles VALUES (1, 0, 1, 1, 1, 1, NULL)`).run();
    expect(() => db.prepare(`INSERT INTO candles VALUES (1, 0, 2, 2, 2, 2, NULL)`).run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('002 creates settings', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(columnsOf(db, 'settings')).toEqual(['key', 'value']);
    db.close();
  });

  it('005 builds candle blocks for the candles already stored', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 4));
    db.exec(`INSERT INTO series (id, exchange, symbol, timeframe) VALUES (1, 'local', 'BTC/USDT', '1m'), (2, 'local', 'BTC/USDT', '1d'), (3, 'local', 'ETH/USDT', '1m')`);
    const insert = db.prepare('INSERT INTO candles VALUES (?, ?, ?, ?, ?, ?, ?)');
    // 1m candles over three blocks and one more four blocks later, every fifth
    // volume missing; a few daily candles; a series with no candles at all.
    const minute = blockSpanMs('1m') / BLOCK_CANDLES;
    const times = [...Array.from({ length: BLOCK_CANDLES + 10 }, (_, i) => (BLOCK_CANDLES - 5 + i) * minute), 7 * BLOCK_CANDLES * minute];
    times.forEach((t, i) => insert.run(1, t, 100 + i, 101 + i, 99 + i, 100.5 + i, i % 5 === 0 ? null : i / 4));
    for (let d = 0; d < 3; d++) insert.run(2, d * 86_400_000, 1, 2, 0.5, 1.5, 10);

    migrate(db, ':memory:', MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    expect(columnsOf(db, 'candle_blocks')).toEqual(['series_id', 'block_start', 'count', 'data']);
    const span = blockSpanMs('1m');
    expect(db.prepare('SELECT series_id, block_start, count FROM candle_blocks ORDER BY 1, 2').raw().all()).toEqual([
      [1, 0, 5],
      [1, span, BLOCK_CANDLES],
      [1, 2 * span, 5],
      [1, 7 * span, 1],
      [2, 0, 3],
    ]);
    const store = new CandleStore(db);
    const cols = store.readColumns({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(Array.from(cols.t)).toEqual(times);
    expect(Array.from(cols.o)).toEqual(times.map((_, i) => 100 + i));
    expect(Array.from(cols.v)).toEqual(times.map((_, i) => (i % 5 === 0 ? NaN : i / 4)));
    expect(store.readColumns({ exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' }).length).toBe(0);
    db.close();
  });

  it('006 creates backtest_runs: a finished run, with its outcome exactly when done', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    expect(columnsOf(db, 'backtest_runs')).toEqual(['seq', 'status', 'request', 'started_at', 'error', 'outcome']);
    const insert = db.prepare('INSERT INTO backtest_runs VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(1, 'done', '{}', 0, null, '{}');
    insert.run(2, 'failed', '{}', 0, 'boom', null);
    insert.run(3, 'cancelled', '{}', 0, null, null);
    expect(() => insert.run(4, 'running', '{}', 0, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(5, 'done', '{}', 0, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(6, 'failed', '{}', 0, 'x', '{}')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'done', '{}', 0, null, '{}')).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('007 creates parameter_searches beside the runs: a finished search, with its outcome exactly when done; runs kept', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 6));
    db.prepare('INSERT INTO backtest_runs VALUES (?, ?, ?, ?, ?, ?)').run(1, 'done', '{"strategy":"sma-cross"}', 0, null, '{}');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 7));
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT request FROM backtest_runs').pluck().all()).toEqual(['{"strategy":"sma-cross"}']);
    expect(columnsOf(db, 'parameter_searches')).toEqual(['seq', 'status', 'request', 'started_at', 'error', 'outcome']);
    const insert = db.prepare('INSERT INTO parameter_searches VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(1, 'done', '{}', 0, null, '{}');
    insert.run(2, 'cancelled', '{}', 0, 'Keel was closed while this optimization ran', null);
    expect(() => insert.run(3, 'queued', '{}', 0, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(4, 'done', '{}', 0, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'failed', '{}', 0, 'x', null)).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it("008 adds borrow interest: each account's yearly rate, each fill's interest, a short's borrow clock, the totals; older rows read as none", () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 7));
    // Rows as an older Keel wrote them; the fill's order is beside the point here.
    db.pragma('foreign_keys = OFF');
    db.prepare(`INSERT INTO trading_accounts VALUES ('paper', 'USDT', '10000', 'margin', 0)`).run();
    db.prepare(`INSERT INTO fills VALUES ('f1', 1, 'paper', 'o1', 'c1', 'BTC/USDT', 'sell', '100', '1', '0.1', 'USDT', 'taker', '{"kind":"user"}', 'user', 5)`).run();
    db.prepare(`INSERT INTO positions VALUES ('paper', 'BTC/USDT', 'user', '-1', '-100', '0', '0.1', 5)`).run();
    db.prepare(`INSERT INTO balance_snapshots (account, ts, cash, realized_pnl, fees_paid, cause) VALUES ('paper', 5, '10099.9', '0', '0.1', 'f1')`).run();
    migrate(db, ':memory:', MIGRATIONS.slice(0, 8));
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT borrow_rate_pct FROM trading_accounts').pluck().all()).toEqual(['0']);
    expect(db.prepare('SELECT price, interest FROM fills').raw().all()).toEqual([['100', '0']]);
    expect(db.prepare('SELECT qty, borrowed_since, interest_paid FROM positions').raw().all()).toEqual([['-1', null, '0']]);
    expect(db.prepare('SELECT cash, interest_paid FROM balance_snapshots').raw().all()).toEqual([['10099.9', '0']]);
    // fills stays append-only with its new column.
    expect(() => db.prepare(`UPDATE fills SET interest = '1'`).run()).toThrow(/append-only/);
    db.close();
  });

  it("009 adds order tags: an older order reads as untagged, a tagged one keeps its tag through the journal", () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 8));
    db.prepare(
      `INSERT INTO orders (id, seq, account, client_order_id, symbol, side, type, qty, filled_qty, filled_notional, fees_paid, time_in_force, reduce_only, post_only, status, triggered, origin, ledger, emulated, ref_price, created_at, updated_at)
       VALUES ('paper-1', 1, 'paper', 'c1', 'BTC/USDT', 'buy', 'market', '1', '0', '0', '0', 'GTC', 0, 0, 'accepted', 0, '{"kind":"strategy","id":"s"}', 'strategy:s', 0, '100', 5, 5)`,
    ).run();
    migrate(db, ':memory:', MIGRATIONS.slice(0, 9));
    expect(schemaVersion(db)).toBe(9);
    expect(columnsOf(db, 'orders')).toContain('tag');
    // The journal's statements are the latest schema's.
    migrate(db, ':memory:');
    const journal = new SqliteTradingJournal(db);
    expect(journal.findOrder('paper', 'paper-1')).toMatchObject({ id: 'paper-1', tag: null });
    const older = journal.findOrder('paper', 'paper-1')!;
    journal.writeOrder({ ...older, id: 'paper-2', seq: 2, clientOrderId: 'c2', tag: 'rsi<30' }, { orderId: 'paper-2', ts: 6, kind: 'new', status: 'new', detail: null });
    expect(journal.findOrder('paper', 'paper-2')).toMatchObject({ id: 'paper-2', tag: 'rsi<30' });
    expect(db.prepare('SELECT id, tag FROM orders ORDER BY seq').raw().all()).toEqual([
      ['paper-1', null],
      ['paper-2', 'rsi<30'],
    ]);
    db.close();
  });

  it("010 keeps what a short's loan ran up at earlier borrow rates: an older position reads as none, a changed one keeps it", () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 9));
    db.pragma('foreign_keys = OFF');
    db.prepare(`INSERT INTO positions (account, symbol, ledger, qty, cost_basis, realized_pnl, fees_paid, interest_paid, borrowed_since, updated_at) VALUES ('paper', 'BTC/USDT', 'user', '-1', '-100', '0', '0', '0', 5, 5)`).run();
    migrate(db, ':memory:', MIGRATIONS.slice(0, 10));
    expect(schemaVersion(db)).toBe(10);
    const journal = new SqliteTradingJournal(db);
    const [older] = journal.positions('paper');
    expect(older).toMatchObject({ qty: -(10n ** 18n), borrowedSince: 5 });
    expect(older!.borrowRateMs).toBeUndefined();
    // Past 2^63, as a year at 1000 % is (10 × 1e18 × 3.15e10): stored as text, read back whole.
    const ranUp = 10n * 10n ** 18n * 31_536_000_000n;
    db.prepare(`INSERT INTO trading_accounts VALUES ('paper', 'USDT', '10000', 'margin', 0, '0')`).run();
    journal.setBorrowRate('paper', 5n * 10n ** 18n, [{ ...older!, borrowedSince: 9, borrowRateMs: ranUp }]);
    expect(journal.positions('paper')[0]).toMatchObject({ borrowedSince: 9, borrowRateMs: ranUp });
    expect(db.prepare('SELECT borrow_rate_pct FROM trading_accounts').pluck().get()).toBe('5');
    db.close();
  });

  it('upgrade an older journal and keep its data', () => {
    const file = join(dir, 'journal.sqlite');
    const old = new Database(file);
    migrate(old, file, MIGRATIONS.slice(0, 1));
    old.prepare(`INSERT INTO series (exchange, symbol, timeframe) VALUES ('local', 'BTC/USDT', '1m')`).run();
    old.prepare(`INSERT INTO candles VALUES (1, 60000, 10, 12, 9, 11, 5)`).run();
    old.close();

    const journal = openJournal(file);
    expect(schemaVersion(journal.db)).toBe(latestVersion());
    expect(tablesOf(journal.db)).toContain('settings');
    expect(journal.db.prepare('SELECT ts, open, high, low, close, volume FROM candles').raw().all()).toEqual([[60000, 10, 12, 9, 11, 5]]);
    journal.close();
  });

  it('run nothing on a journal that is already current', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    expect(migrate(db, ':memory:')).toEqual({ from: latestVersion(), to: latestVersion() });
    db.close();
  });

  it('leave the journal at the last good version when one fails', () => {
    const db = new Database(':memory:');
    const broken = { version: 2, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table') };
    expect(() => migrate(db, ':memory:', [MIGRATIONS[0]!, broken])).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(tablesOf(db)).not.toContain('half');
    db.close();
  });

  it('refuse a list with a gap in the numbering', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, ':memory:', [MIGRATIONS[0]!, { version: 3, name: 'skipped', up: () => {} }])).toThrow(/version 3, expected 2/);
    db.close();
  });

  it('refuse a journal from a newer Keel, naming both versions', () => {
    const file = join(dir, 'future.sqlite');
    const future = new Database(file);
    future.pragma('user_version = 99');
    future.close();
    const known = latestVersion();
    expect(() => openJournal(file)).toThrow(JournalVersionError);
    expect(() => openJournal(file)).toThrow(`journal ${file} is at schema version 99, but this Keel knows versions up to ${known}`);
    // Refusing must not touch it.
    const after = new Database(file, { readonly: true });
    expect(schemaVersion(after)).toBe(99);
    after.close();
  });

  it('read-only opening accepts only a current journal', () => {
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, file, MIGRATIONS.slice(0, 1));
    old.close();
    expect(() => openJournal(file, { readonly: true })).toThrow(/open it once for writing to upgrade it/);
    openJournal(file).close();
    const ro = openJournal(file, { readonly: true });
    expect(schemaVersion(ro.db)).toBe(latestVersion());
    expect(() => ro.db.exec(`INSERT INTO settings VALUES ('a', '1')`)).toThrow(/readonly/);
    ro.close();
    expect(() => openJournal(join(dir, 'missing.sqlite'), { readonly: true })).toThrow(/no journal at .*missing\.sqlite/);
  });

  it('011 keeps the opening balances an exchange account was armed with, append-only, as exact text', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 11));
    expect(schemaVersion(db)).toBe(11);
    expect(columnsOf(db, 'balance_adjustments')).toEqual(['id', 'account', 'asset', 'expected', 'exchange', 'amount', 'cause', 'ts']);
    const insert = db.prepare('INSERT INTO balance_adjustments (account, asset, expected, exchange, amount, cause, ts) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('binance:main', 'BTC', '0', '0.123456789012345678', '0.123456789012345678', 'opening', 5);
    expect(() => insert.run('binance:main', 'BTC', '0', '1', '1', 'guess', 5)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE balance_adjustments SET amount = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM balance_adjustments').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT amount FROM balance_adjustments').pluck().get()).toBe('0.123456789012345678');
    db.close();
  });

  it('012 indexes fills by account, time and id, for a journal that already holds fills', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 11));
    const indexesOnFills = () => db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'fills' AND sql IS NOT NULL ORDER BY name`).pluck().all();
    expect(indexesOnFills()).toEqual(['fills_symbol']);
    migrate(db, ':memory:', MIGRATIONS.slice(0, 12));
    expect(schemaVersion(db)).toBe(12);
    expect(indexesOnFills()).toEqual(['fills_symbol', 'fills_time']);
    expect(db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all('fills_time')).toEqual(['account', 'ts', 'id']);
    db.close();
  });

  it('013 lets a cancelled search keep an outcome (the sets it ran), keeping the searches already stored', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 12));
    const insert = () => db.prepare('INSERT INTO parameter_searches (seq, status, request, started_at, error, outcome) VALUES (?, ?, ?, ?, ?, ?)');
    insert().run(1, 'done', '{"a":1}', 5, null, '{"sets":[]}');
    insert().run(2, 'cancelled', '{"a":2}', 6, null, null);
    // Before: a cancelled search could not keep what it had scored.
    expect(() => insert().run(3, 'cancelled', '{"a":3}', 7, null, '{"sets":[]}')).toThrow(/CHECK/);
    migrate(db, ':memory:', MIGRATIONS.slice(0, 13));
    expect(schemaVersion(db)).toBe(13);
    expect(columnsOf(db, 'parameter_searches')).toEqual(['seq', 'status', 'request', 'started_at', 'error', 'outcome']);
    expect(db.prepare('SELECT seq, status, outcome FROM parameter_searches ORDER BY seq').raw().all()).toEqual([
      [1, 'done', '{"sets":[]}'],
      [2, 'cancelled', null],
    ]);
    insert().run(3, 'cancelled', '{"a":3}', 7, null, '{"sets":[]}');
    // Still: a done search has its outcome, a failed one none.
    expect(() => insert().run(4, 'done', '{"a":4}', 8, null, null)).toThrow(/CHECK/);
    expect(() => insert().run(5, 'failed', '{"a":5}', 9, 'worker died', '{"sets":[]}')).toThrow(/CHECK/);
    expect(() => insert().run(6, 'queued', '{"a":6}', 9, null, null)).toThrow(/CHECK/);
    db.close();
  });

  it('014 keeps how far a run or a search had got when it ended; the rows already stored read as not known', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS.slice(0, 13));
    db.prepare('INSERT INTO backtest_runs VALUES (?, ?, ?, ?, ?, ?)').run(1, 'cancelled', '{}', 0, null, null);
    db.prepare('INSERT INTO parameter_searches VALUES (?, ?, ?, ?, ?, ?)').run(1, 'cancelled', '{}', 0, null, null);
    migrate(db, ':memory:', MIGRATIONS.slice(0, 14));
    expect(schemaVersion(db)).toBe(14);
    for (const table of ['backtest_runs', 'parameter_searches']) {
      expect(columnsOf(db, table)).toEqual(['seq', 'status', 'request', 'started_at', 'error', 'outcome', 'progress']);
      expect(db.prepare(`SELECT progress FROM ${table}`).pluck().all()).toEqual([null]);
      const insert = db.prepare(`INSERT INTO ${table} (seq, status, request, started_at, error, outcome, progress) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      insert.run(2, 'cancelled', '{}', 0, null, null, 0.43);
      expect(() => insert.run(3, 'cancelled', '{}', 0, null, null, 1.5)).toThrow(/CHECK/);
    }
    db.close();
  });
});
