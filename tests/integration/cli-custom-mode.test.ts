// keel backtest --mode custom without --position-pct runs at the account limits' share (riskPerTradePct over
// the 2% stop an entry without its own counts at: 100% at the defaults), and its column says the share it
// took, as the app's runs table names the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const H1 = path.resolve(repoRoot, '..', 'shared', 'data', 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');

function heading(args: string[]): string {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2023-01-01', '--to', '2023-02-01', '--monte-carlo', '0', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n')[0]!.trim();
}

it('names the custom mode with the share it took, given or the default', () => {
  expect(heading(['--mode', 'custom,moderate'])).toMatch(/^sma-cross\(fast=10,slow=30\) custom 100% +sma-cross\(fast=10,slow=30\) moderate$/);
  expect(heading(['--mode', 'custom', '--position-pct', '40'])).toBe('sma-cross(fast=10,slow=30) custom 40%');
  // The default is the account limits' share: --limits moves it.
  expect(heading(['--mode', 'custom', '--limits', 'riskPerTradePct=1'])).toBe('sma-cross(fast=10,slow=30) custom 50%');
}, 60_000);

it("writes the share each entry could take in the JSON beside the mode (a bare \"custom\" said nothing of it)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keel-custom-json-'));
  try {
    const share = (args: string[]) => {
      const file = path.join(dir, 'run.json');
      const r = spawnSync(process.execPath, [KEEL, 'backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2023-01-01', '--to', '2023-02-01', '--json', file, ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { mode: string; positionPct: number };
      return `${doc.mode} ${doc.positionPct}`;
    };
    expect(share(['--mode', 'custom', '--position-pct', '40'])).toBe('custom 40');
    expect(share(['--mode', 'custom'])).toBe('custom 100');
    expect(share(['--mode', 'conservative'])).toBe('conservative 50');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
