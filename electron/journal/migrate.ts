// Brings a journal's schema up to date, one migration per transaction, tracked by PRAGMA user_version
// (0 for a new file). A journal written by a newer Keel is refused rather than guessed at.
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export class JournalVersionError extends Error {
  readonly file: string;
  readonly found: number;
  readonly known: number;

  constructor(file: string, found: number, known: number, reason: string) {
    super(`journal ${file} is at schema version ${found}, but this Keel knows versions up to ${known}: ${reason}`);
    this.name = 'JournalVersionError';
    this.file = file;
    this.found = found;
    this.known = known;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Applies the migrations the journal has not seen yet; returns the versions before and after. */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkNumbering(migrations);
  const from = schemaVersion(db);
  const known = latestVersion(migrations);
  if (from > known) throw new JournalVersionError(file, from, known, 'it was written by a newer Keel; update Keel to open it');
  for (const m of migrations) {
    if (m.version <= from) continue;
    // user_version lives in the file header and is written by the same transaction as the schema change.
    // (PRAGMA foreign_keys cannot change inside a transaction: a migration that rebuilds a referenced
    // table must turn it off before calling migrate, not inside `up`.)
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: Math.max(from, known) };
}

/** Versions must run 1, 2, 3, ... with no gap or repeat: user_version alone says what has run. */
function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`journal migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}
