// Online backup of the journal with SQLite's backup API, safe while Keel runs: the source is opened
// read-only, and in WAL mode a reader never blocks Keel's writes. The copy is written beside the
// target under a temporary name, checked, and only then renamed into place, so FILE is either a
// complete, verified backup or untouched.
//
// SQLite copies the pages in steps; when Keel commits between two steps the copy restarts from the
// first page (it would otherwise mix two states). Steps are sized to about 1% of the file for the
// progress display; after a few restarts the rest is copied in one step, which sees one snapshot.
import { accessSync, constants, existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, schemaVersion, JournalVersionError } from './migrate.ts';
import { hasAuditLog, verifyAuditChain, type ChainReport } from './verify-chain.ts';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  /** Replace FILE if it exists. */
  force?: boolean;
  onProgress?: (progress: BackupProgress) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  /** The backup's audit chain; undefined when the journal predates the audit log. */
  chain: ChainReport | undefined;
}

/** A backup that could not be made; the message is meant for the user. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** FILE cannot be the backup (a folder, in no folder, taken, the journal itself): another FILE, or --force, would do. */
export class BackupTargetError extends BackupError {
  constructor(message: string) {
    super(message);
    this.name = 'BackupTargetError';
  }
}

// better-sqlite3.d.ts declares only what the journal used before backups; this is the rest of the
// API as better-sqlite3 13 implements it (lib/methods/backup.js).
type ProgressHandler = (progress: BackupProgress) => number | undefined;
interface BackupCapable {
  backup(file: string, options?: { progress?: ProgressHandler }): Promise<BackupProgress>;
}

const BUSY_TIMEOUT_MS = 5000;
/** Restarts tolerated before the rest is copied in one step. */
const MAX_RESTARTS = 3;
const ALL_PAGES = 0x7fffffff;

export async function backupJournal(source: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  const file = resolve(target);
  if (!existsSync(source)) throw new BackupError(`no journal at ${source}`);
  refuseOwnFiles(source, file);
  // A folder is never replaced, --force or not: the name of a file in it was meant.
  if (isDirectory(file)) throw new BackupTargetError(`${file} is a folder; give a file name in it, e.g. ${join(file, 'keel-backup.sqlite')}`);
  // Written beside it and renamed into place: over a device or a pipe (as root, /dev/stdout itself) the
  // rename would put a plain file where it was, --force or not.
  const at = statSync(file, { throwIfNoEntry: false });
  if (at !== undefined && !at.isFile()) throw new BackupTargetError(`${file} is not a regular file (a device, a pipe or a socket); a backup is written beside it and renamed into place, which would replace it: give a file name`);
  if (existsSync(file) && !options.force) throw new BackupTargetError(`${file} exists; pass --force to replace it`);
  checkFolder(file);

  const partial = `${file}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  const src = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const version = schemaVersion(src);
    const known = latestVersion();
    if (version > known) throw new JournalVersionError(source, version, known, 'it was written by a newer Keel; back it up with that Keel');
    await (src as unknown as BackupCapable).backup(partial, { progress: stepper(options.onProgress) });
    const chain = checkCopy(partial, version);
    if (chain?.ok) sameHeadAsSource(src, chain.head);
    if (existsSync(file) && !options.force) throw new BackupError(`${file} appeared while backing up; pass --force to replace it`);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, schemaVersion: version, chain };
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  } finally {
    src.close();
  }
}

/** The progress handler better-sqlite3 calls after each step; its return value sizes the next step. */
function stepper(onProgress: BackupOptions['onProgress']): ProgressHandler {
  let restarts = 0;
  let lastRemaining = Infinity;
  return (progress) => {
    if (progress.remainingPages > lastRemaining) restarts++;
    lastRemaining = progress.remainingPages;
    onProgress?.(progress);
    return restarts >= MAX_RESTARTS ? ALL_PAGES : Math.max(100, Math.ceil(progress.totalPages / 100));
  };
}

/**
 * Opens the copy on its own and checks it: the file is sound, it is at the source's schema version,
 * and its audit chain holds. It is also switched out of WAL mode, so the backup is one
 * self-contained file (Keel turns WAL back on when it opens a restored journal).
 */
function checkCopy(partial: string, version: number): ChainReport | undefined {
  const copy = new Database(partial, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the backup failed SQLite's check: ${String(check)}`);
    const copied = schemaVersion(copy);
    if (copied !== version) throw new BackupError(`the backup is at schema version ${copied}, the journal at ${version}`);
    return hasAuditLog(copy) ? verifyAuditChain(copy) : undefined;
  } finally {
    copy.close();
  }
}

/** The backup's last audit row must be the journal's row with that seq: the backup is a prefix of the live log. */
function sameHeadAsSource(src: Database.Database, head: { seq: number; hash: string } | undefined): void {
  if (head === undefined) return;
  const hash = src.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(head.seq);
  if (hash !== head.hash) throw new BackupError(`the backup's audit row ${head.seq} differs from the journal's`);
}

/** Overwriting the journal (or its WAL) with a copy of itself while Keel runs would corrupt it. */
function refuseOwnFiles(source: string, file: string): void {
  const journal = realpathSync(source);
  const target = existsSync(file) ? realpathSync(file) : file;
  if ([journal, `${journal}-wal`, `${journal}-shm`, `${journal}-journal`].includes(target)) {
    throw new BackupTargetError(`${file} is the journal itself; back it up to another file`);
  }
}

/** The folder FILE is written in (beside it, then renamed) exists and can be written; SQLite's own error named neither. */
function checkFolder(file: string): void {
  const dir = dirname(file);
  const folder = statSync(dir, { throwIfNoEntry: false });
  if (folder === undefined) throw new BackupTargetError(`${file}: the folder ${dir} does not exist; create it first, or give a file in a folder that does`);
  if (!folder.isDirectory()) throw new BackupTargetError(`${file}: ${dir} is a file, not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new BackupTargetError(`${file}: the folder ${dir} cannot be written by this user; give a file in a folder you can write`);
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
