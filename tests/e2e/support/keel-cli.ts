// Runs `keel` commands the way a user does: node bin/keel.js in a child process.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { btcMinuteCsv, keelBin, repoRoot } from './paths.ts';

const run = promisify(execFile);

/** A fresh data directory; remove it with the returned function. */
export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'keel-e2e-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Imports the shared BTC/USDT 1m sample into `dataDir`. */
export async function importBtcMinutes(dataDir: string): Promise<string> {
  const { stdout } = await run(process.execPath, [keelBin, 'import', btcMinuteCsv, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir], {
    cwd: repoRoot,
    timeout: 90_000,
  });
  return stdout;
}
