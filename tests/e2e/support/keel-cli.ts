// Runs `keel` commands the way a user does: node bin/keel.js in a child process.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { keelBin, repoRoot, samples, type Sample } from './paths.ts';

const run = promisify(execFile);

/** A fresh data directory; remove it with the returned function. */
export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'keel-e2e-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Imports a sample series from the shared data folder into `dataDir` with `keel import`. */
export function importSample(dataDir: string, sample: Sample): Promise<string> {
  const { file, symbol, timeframe } = samples[sample];
  return importCsv(dataDir, file, symbol, timeframe);
}

/** Imports a candle CSV (a test's own, say) into `dataDir` with `keel import`, as `symbol` `timeframe`. */
export async function importCsv(dataDir: string, file: string, symbol: string, timeframe: string): Promise<string> {
  const { stdout } = await run(process.execPath, [keelBin, 'import', file, '--symbol', symbol, '--timeframe', timeframe, '--data-dir', dataDir], {
    cwd: repoRoot,
    timeout: 90_000,
  });
  return stdout;
}

/** Imports the shared BTC/USDT 1m sample into `dataDir`. */
export function importBtcMinutes(dataDir: string): Promise<string> {
  return importSample(dataDir, 'btc-1m');
}

/**
 * `keel backtest ARGS --data-dir DIR --json FILE` as a user types it, over the journal the page ran on: the
 * JSON report it wrote, parsed (FILE is `name` in the data directory).
 */
export async function backtestJson<T>(dataDir: string, name: string, args: readonly string[]): Promise<T> {
  return (await backtestReport<T>(dataDir, name, args)).report;
}

/** backtestJson's run, with what it printed too (its summary and tables, for cliTable). */
export async function backtestReport<T>(dataDir: string, name: string, args: readonly string[]): Promise<{ report: T; out: string }> {
  const json = path.join(dataDir, name);
  const { stdout } = await run(process.execPath, [keelBin, 'backtest', ...args, '--data-dir', dataDir, '--json', json], { cwd: repoRoot, timeout: 90_000 });
  return { report: JSON.parse(await readFile(json, 'utf8')) as T, out: stdout };
}

/**
 * The cells of a table `keel backtest` printed (its columns are two or more spaces apart), from the line
 * after the one starting with `title` to the next blank line: the header row first.
 */
export function cliTable(out: string, title: string): string[][] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  if (start < 0) throw new Error(`keel backtest printed no table "${title}"`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end).map((l) => l.trim().split(/ {2,}/));
}
