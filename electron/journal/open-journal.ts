// Opens the journal: the one SQLite file that holds everything Keel keeps (candles now; orders,
// fills and the audit log later). The schema is migrated on open, so code past this point can
// rely on every table of the current version being there.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, migrate, schemaVersion, JournalVersionError } from './migrate.ts';

export interface Journal {
  db: Database.Database;
  file: string;
  /** Optimizes, folds the WAL back into the file and closes; calling it again does nothing. */
  close(): void;
}

export interface OpenJournalOptions {
  /** Open an existing journal for reading only: no migration, no WAL checkpoint on close. */
  readonly?: boolean;
}

/** The journal's file is there but is not an SQLite database: written over by something else, or not Keel's. */
export class NotAJournalError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} is not a Keel journal: SQLite cannot read it as a database (was it written over?); restore it from a backup (keel journal backup makes them), or move it aside and Keel starts a new one`);
    this.file = file;
  }
}

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * How much of the file SQLite reads through a memory map instead of one read() call per 4 KiB page
 * (SQLite caps it at its build's maximum, 2 GiB here). A backtest's million candles are 12,000 pages of
 * candle blocks: read() calls spent about 100 ms of CPU on them, mostly in the kernel; mapped, the whole
 * read takes about 45 ms. Writes still go through the WAL as before. SQLite's documented trade-off: an
 * I/O error on a mapped page arrives as a signal, not an error code; the journal is a local file.
 */
const MMAP_BYTES = 2 ** 31;

export function openJournal(file: string, opts: OpenJournalOptions = {}): Journal {
  const readonly = opts.readonly === true;
  const inMemory = file === ':memory:';
  if (readonly && !existsSync(file)) throw new Error(`no journal at ${file}`);
  if (!inMemory && !readonly) mkdirSync(dirname(file), { recursive: true });

  const db = new Database(file, { readonly, timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL lets the UI read while an import writes; NORMAL is durable across app crashes in WAL mode
    // and only risks the last transactions on power loss, which a re-import or re-sync restores.
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    if (readonly) requireCurrentSchema(db, file);
    else migrate(db, file);
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') throw new NotAJournalError(file);
    throw err;
  }

  let closed = false;
  return {
    db,
    file,
    close() {
      if (closed) return;
      closed = true;
      try {
        if (!readonly && db.open) {
          db.pragma('optimize');
          // Fold the WAL into the main file even when another connection keeps it open (the last
          // connection to close would delete it anyway): the .sqlite file is then complete on its own.
          db.pragma('wal_checkpoint(TRUNCATE)');
        }
      } finally {
        db.close();
      }
    },
  };
}

/** A read-only connection cannot migrate, so it accepts only a journal already at this Keel's version. */
function requireCurrentSchema(db: Database.Database, file: string): void {
  const found = schemaVersion(db);
  const known = latestVersion();
  if (found > known) throw new JournalVersionError(file, found, known, 'it was written by a newer Keel; update Keel to open it');
  if (found < known) throw new JournalVersionError(file, found, known, 'open it once for writing to upgrade it');
}
