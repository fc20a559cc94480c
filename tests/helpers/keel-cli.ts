// `keel` as a user runs it in the CLI tests: node bin/keel.js in a child process, in a folder of the test's
// own and with no KEEL_DATA_DIR from the environment; and the real candle files in ../shared/data they read.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const KEEL = path.join(repoRoot, 'bin', 'keel.js');
export const SHARED_DATA_DIR = path.resolve(repoRoot, '..', 'shared', 'data');
export const BTC_1H = path.join(SHARED_DATA_DIR, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
export const ETH_1H = path.join(SHARED_DATA_DIR, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv');
export const BTC_1M = path.join(SHARED_DATA_DIR, 'binanceus_BTCUSDT_1m_20230301_20230321.csv');

/** Runs `keel ...args` in `cwd`: its exit code and what it printed. */
export function runKeel(cwd: string, args: string[]): { code: number | null; out: string; err: string } {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
