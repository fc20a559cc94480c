import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupJournal, BackupTargetError, type BackupProgress } from '../../../electron/journal/backup.ts';
import { AuditLog } from '../../../electron/journal/audit-log.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { migrate, JournalVersionError } from '../../../electron/journal/migrate.ts';
import { MIGRATIONS } from '../../../electron/journal/migrations/index.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { verifyAuditChain } from '../../../electron/journal/verify-chain.ts';
import type { Candle } from '../../../shared/domain/candle.ts';

const key = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const candles = (n: number, from = 0): Candle[] => Array.from({ length: n }, (_, i) => ({ t: (from + i) * 60_000, o: 1, h: 2, l: 0.5, c: 1.5, v: 3 }));

describe('backupJournal', () => {
  let dir: string;
  let journal: Journal;
  let log: AuditLog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-backup-'));
    journal = openJournal(join(dir, 'journal.sqlite'));
    log = new AuditLog(journal.db);
    new CandleStore(journal.db).upsert(key, candles(20_000));
    for (let i = 0; i < 10; i++) log.append({ actor: 'user', action: 'order.submit', details: { i } });
  });
  afterEach(() => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies and checks the journal, reporting progress', async () => {
    const seen: BackupProgress[] = [];
    const result = await backupJournal(journal.file, join(dir, 'copy.sqlite'), { onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({ file: join(dir, 'copy.sqlite'), schemaVersion: MIGRATIONS.length, chain: { ok: true, rows: 10 } });
    expect(result.bytes).toBeGreaterThan(100_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)!.remainingPages).toBeLessThan(seen[0]!.remainingPages);
    expect(readdirSync(dir).sort()).toEqual(['copy.sqlite', 'journal.sqlite', 'journal.sqlite-shm', 'journal.sqlite-wal']);
  });

  it('finishes while the journal keeps changing under it: after a few restarts the rest goes in one step', async () => {
    const store = new CandleStore(journal.db);
    let writes = 0;
    let restarts = 0;
    let last = Infinity;
    const result = await backupJournal(journal.file, join(dir, 'copy.sqlite'), {
      onProgress: (p) => {
        if (p.remainingPages > last) restarts++;
        last = p.remainingPages;
        // Keel commits between every two steps, which makes SQLite start the copy over.
        journal.db.transaction(() => {
          store.upsert(key, candles(10, 20_000 + writes * 10));
          log.append({ actor: 'system', action: 'market.sync', details: { writes } });
        })();
        writes++;
      },
    });
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(result.chain).toMatchObject({ ok: true });
    const copy = new Database(result.file, { readonly: true });
    const rows = verifyAuditChain(copy);
    // One snapshot: each write's candles and audit row are both in, or both out.
    expect(new CandleStore(copy).count(key)).toBe(20_000 + (rows.ok ? rows.rows - 10 : NaN) * 10);
    copy.close();
  });

  it('refuses an existing target unless forced, and leaves it alone', async () => {
    const target = join(dir, 'taken.sqlite');
    writeFileSync(target, 'keep me');
    await expect(backupJournal(journal.file, target)).rejects.toThrow(new BackupTargetError(`${target} exists; pass --force to replace it`));
    await expect(backupJournal(journal.file, target, { force: true })).resolves.toMatchObject({ chain: { ok: true } });
  });

  it('refuses to write over the journal or its WAL', async () => {
    await expect(backupJournal(journal.file, journal.file, { force: true })).rejects.toThrow(/is the journal itself/);
    await expect(backupJournal(journal.file, `${journal.file}-wal`, { force: true })).rejects.toThrow(/is the journal itself/);
    expect(verifyAuditChain(journal.db)).toMatchObject({ ok: true, rows: 10 });
  });

  it('refuses a missing journal, a missing directory and a journal from a newer Keel', async () => {
    await expect(backupJournal(join(dir, 'none.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow(/^no journal at/);
    await expect(backupJournal(journal.file, join(dir, 'no', 'x.sqlite'))).rejects.toThrow(new BackupTargetError(`${join(dir, 'no', 'x.sqlite')}: the folder ${join(dir, 'no')} does not exist; create it first, or give a file in a folder that does`));
    const future = join(dir, 'future.sqlite');
    const db = new Database(future);
    db.pragma('user_version = 99');
    db.close();
    await expect(backupJournal(future, join(dir, 'x.sqlite'))).rejects.toThrow(JournalVersionError);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('backs up a journal from before the audit log', async () => {
    const old = join(dir, 'old.sqlite');
    const db = new Database(old);
    migrate(db, old, MIGRATIONS.slice(0, 2));
    db.close();
    await expect(backupJournal(old, join(dir, 'old-copy.sqlite'))).resolves.toMatchObject({ schemaVersion: 2, chain: undefined });
  });
});
