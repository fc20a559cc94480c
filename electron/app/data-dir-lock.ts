// One running Keel per data directory. Two of them on one journal would run two paper engines on one set
// of accounts and restore the same saved strategies twice; and the second would write its control.json
// over the first's and delete it when it stopped, leaving the first out of `keel kill`'s reach. Electron's
// single-instance lock only keeps a second desktop window away; `keel serve` beside the desktop app (the
// same default data directory) is the likely meeting, and this lock is what stops it.
//
// The lock is a file created exclusively (O_EXCL) with the owner's pid. A lock whose pid is not running is
// left from a crash and is taken over. The CLI's own commands (import, export, backtest, journal) do not
// take it: they share the journal through SQLite's WAL with a running Keel, as they always have.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import path from 'node:path';
import { processRunning } from '../risk/control/control-client.ts';

export const LOCK_FILE = 'keel.lock';

interface LockInfo {
  pid: number;
  shell: 'electron' | 'browser';
  since: string;
  token: string;
  /** When the machine booted (epoch ms), as the holder saw it: a lock from before a restart is stale whatever its pid. */
  boot?: number;
  /** keel serve's address (token included: the file is the owner's alone, as control.json is), once it listens. */
  url?: string;
}

/** Boot times read a minute apart are one boot (the uptime is read in whole seconds, and clocks get adjusted). */
const SAME_BOOT_MS = 60_000;

const bootTime = () => Math.round(Date.now() - uptime() * 1000);

/**
 * Whether the lock's Keel still runs: its pid is a running process, and the machine has not restarted since
 * the lock was written (after a restart the pid of a Keel that crashed may belong to anything).
 */
function holderRuns(held: LockInfo): boolean {
  if (held.boot !== undefined && Math.abs(held.boot - bootTime()) > SAME_BOOT_MS) return false;
  return processRunning(held.pid);
}

/** The data directory cannot be Keel's: it is a file, or another Keel holds it. The message says what to do. */
export class DataDirError extends Error {}

/** Another running Keel holds the data directory; the message says which and what to do. */
export class DataDirInUseError extends DataDirError {}

export interface DataDirLock {
  /** Adds where this Keel's page is to the lock, for a second start to name; nothing once released. */
  announce(url: string): void;
  /** Removes the lock if it is still this Keel's; calling it again does nothing. */
  release(): void;
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return Number.isInteger(info.pid) && typeof info.token === 'string' ? (info as LockInfo) : null;
  } catch {
    return null;
  }
}

/** Which Keel runs on the data directory now ('the desktop app', 'keel serve at …'), or null when none does. */
export function runningKeel(dataDir: string): string | null {
  const held = readLock(path.join(dataDir, LOCK_FILE));
  return held !== null && held.pid !== process.pid && holderRuns(held) ? holderName(held) : null;
}

const holderName = (h: LockInfo) => (h.shell === 'electron' ? 'the desktop app' : h.url ? `keel serve at ${h.url}` : 'keel serve');

/** Creates the data directory if need be and takes its lock; throws a DataDirError when it cannot. */
export function lockDataDir(dataDir: string, shell: LockInfo['shell']): DataDirLock {
  if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === false) throw new DataDirError(`the data directory ${dataDir} is a file, not a folder; give a folder (--data-dir DIR; it is created if missing)`);
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, shell, since: new Date().toISOString(), token: randomBytes(16).toString('hex'), boot: bootTime() };
  const text = JSON.stringify(mine) + '\n';
  // A second try after taking over a stale lock; a third when another Keel starting at the same moment took it first.
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
    }
    const held = readLock(file);
    if (held !== null && holderRuns(held)) {
      const same = held.pid === process.pid ? ' (this process: close the Keel it opened first)' : '';
      throw new DataDirInUseError(
        `another Keel is running on ${dataDir}: ${holderName(held)}, pid ${held.pid}${same}, since ${held.since}. Use that one, stop it first, or give this one another data directory (--data-dir DIR); if no Keel is running, delete ${file}`,
      );
    }
    // Left by a Keel that did not stop cleanly (or not a lock at all): taken over, unless another Keel
    // starting at the same moment has just put its own in its place.
    if (readLock(file)?.token === held?.token) rmSync(file, { force: true });
  }
  let released = false;
  return {
    announce(url) {
      if (released || readLock(file)?.token !== mine.token) return;
      // Replaced whole (a temporary file renamed over it): the lock is never missing, nor half written.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ ...mine, url }) + '\n', { mode: 0o600 });
      renameSync(tmp, file);
    },
    release() {
      if (released) return;
      released = true;
      if (readLock(file)?.token === mine.token) rmSync(file, { force: true });
    },
  };
}
