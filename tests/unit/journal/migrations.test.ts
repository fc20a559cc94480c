import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/journal/migrations/index.ts';
import { latestVersion, migrate, schemaVersion, JournalVersionError } from '../../../electron/journal/migrate.ts';
import { openJournal } from '../../../electron/journal/open-journal.ts';

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
});
