// One running Keel per data directory: a second one on the same journal is refused before it opens
// anything, naming the first; a lock left by a Keel that crashed is taken over; closing frees it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, uptime } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../../electron/app/data-dir-lock.ts';
import { createKeel } from '../../../electron/app/keel.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const keelOn = (dataDir: string) => createKeel({ dataDir, shell: 'browser', log: memoryLogger(), market: { mode: 'none' }, control: false });
const lockText = (pid: number, shell = 'electron') => JSON.stringify({ pid, shell, since: '2026-11-22T08:00:00.000Z', token: 'theirs' });

describe('the data directory lock', () => {
  it('refuses a second Keel on the same data directory until the first closes', async () => {
    const first = keelOn(dir);
    expect(() => keelOn(dir)).toThrow(DataDirInUseError);
    expect(() => keelOn(dir)).toThrow(`another Keel is running on ${dir}: keel serve, pid ${process.pid}`);
    // Another directory is another Keel's business.
    const other = mkdtempSync(path.join(tmpdir(), 'keel-lock-other-'));
    const second = keelOn(other);
    await second.close();
    rmSync(other, { recursive: true, force: true });
    await first.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = keelOn(dir);
    await again.close();
  });

  it('names a desktop app holding it from another process, and leaves its lock alone', () => {
    const app = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, LOCK_FILE), lockText(app.pid!));
      expect(() => keelOn(dir)).toThrow(
        `another Keel is running on ${dir}: the desktop app, pid ${app.pid}, since 2026-11-22T08:00:00.000Z. Use that one, stop it first, or give this one another data directory (--data-dir DIR); if no Keel is running, delete ${path.join(dir, LOCK_FILE)}`,
      );
      expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(lockText(app.pid!));
      // Nothing was opened: no journal beside the lock.
      expect(existsSync(path.join(dir, 'journal.sqlite'))).toBe(false);
    } finally {
      app.kill();
    }
  });

  it('takes over a lock whose Keel is no longer running, and a file that is not a lock', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(path.join(dir, LOCK_FILE), lockText(gone));
    const lock = lockDataDir(dir, 'browser');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, shell: 'browser' });
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    writeFileSync(path.join(dir, LOCK_FILE), 'garbage');
    lockDataDir(dir, 'browser').release();
  });

  it('takes over a lock written before the machine restarted, though its pid now runs something else', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const bootedBefore = Date.now() - uptime() * 1000 - 86_400_000;
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, shell: 'electron', since: '2026-11-21T08:00:00.000Z', token: 'theirs', boot: bootedBefore }));
      const lock = lockDataDir(dir, 'electron');
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      lock.release();
      // The same pid with this boot's time is a Keel still running.
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, shell: 'electron', since: '2026-11-22T08:00:00.000Z', token: 'theirs', boot: Date.now() - uptime() * 1000 }));
      expect(() => lockDataDir(dir, 'electron')).toThrow(DataDirInUseError);
    } finally {
      other.kill();
    }
  });

  it('says so when the data directory is a file', () => {
    const file = path.join(dir, 'candles.csv');
    writeFileSync(file, 'time,open,high,low,close\n');
    expect(() => keelOn(file)).toThrow(`the data directory ${file} is a file, not a folder; give a folder (--data-dir DIR; it is created if missing)`);
    expect(readFileSync(file, 'utf8')).toBe('time,open,high,low,close\n');
  });

  it("names keel serve's address once it is announced, and keeps the lock whole", async () => {
    const first = keelOn(dir);
    first.announce('http://127.0.0.1:4747/?token=abc');
    expect(() => keelOn(dir)).toThrow(`another Keel is running on ${dir}: keel serve at http://127.0.0.1:4747/?token=abc, pid ${process.pid}`);
    expect(statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    await first.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('a release never removes a lock another Keel took over since', () => {
    const lock = lockDataDir(dir, 'browser');
    writeFileSync(path.join(dir, LOCK_FILE), lockText(process.pid));
    lock.release();
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(lockText(process.pid));
  });
});
