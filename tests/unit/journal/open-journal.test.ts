import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';

const key: SeriesKey = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };

function candles(n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({ t: i * 60_000, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: i }));
}

describe('openJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-journal-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses WAL, NORMAL sync, foreign keys and a busy timeout on a file', () => {
    const journal = openJournal(join(dir, 'journal.sqlite'));
    const pragma = (name: string) => journal.db.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(1); // NORMAL
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBeGreaterThan(0);
    journal.close();
  });

  it('enforces foreign keys', () => {
    const journal = openJournal(':memory:');
    expect(() => journal.db.exec('INSERT INTO candles VALUES (42, 0, 1, 1, 1, 1, NULL)')).toThrow(/FOREIGN KEY/);
    journal.close();
  });

  it('creates missing parent directories', () => {
    const file = join(dir, 'a', 'b', 'journal.sqlite');
    const journal = openJournal(file);
    expect(journal.file).toBe(file);
    expect(existsSync(file)).toBe(true);
    journal.close();
  });

  it('works in memory', () => {
    const journal = openJournal(':memory:');
    const store = new CandleStore(journal.db);
    expect(store.upsert(key, candles(3))).toBe(3);
    expect(store.count(key)).toBe(3);
    journal.close();
  });

  it('closes cleanly: no WAL content left, and closing twice is harmless', () => {
    const file = join(dir, 'journal.sqlite');
    const journal = openJournal(file);
    new CandleStore(journal.db).upsert(key, candles(5000));
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    journal.close();
    journal.close();
    expect(journal.db.open).toBe(false);
    const wal = `${file}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);

    // Everything is in the main file.
    const again = openJournal(file, { readonly: true });
    expect(new CandleStore(again.db).count(key)).toBe(5000);
    again.close();
  });

  it('lets a reader see committed candles while the writer keeps its connection open', () => {
    const file = join(dir, 'journal.sqlite');
    const writer = openJournal(file);
    new CandleStore(writer.db).upsert(key, candles(10));
    const reader = openJournal(file, { readonly: true });
    expect(new CandleStore(reader.db).count(key)).toBe(10);
    reader.close();
    writer.close();
  });
});
