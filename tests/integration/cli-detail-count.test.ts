// keel backtest --detail-data says how many of the file's finer candles decide the fills: those inside the
// run's bars. A file of minutes that starts two hours before the first hourly bar used to be counted whole.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1, 10);
const price = (m: number) => 100 + 5 * Math.sin(m / 200);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-detail-count-'));
  const row = (t: number, o: number, h: number, l: number, c: number) => `${new Date(t).toISOString()},${o},${h},${l},${c},1`;
  const head = 'timestamp,open,high,low,close,volume';
  // 24 hours from 10:00, each made of its minutes.
  const hours = Array.from({ length: 24 }, (_, i) => {
    const ps = Array.from({ length: 61 }, (_, k) => price(i * 60 + k));
    return row(T0 + i * 60 * MINUTE, ps[0]!, Math.max(...ps), Math.min(...ps), ps[60]!);
  });
  // Minutes from 08:00: 120 before the first hour, then the hours' own.
  const minutes = Array.from({ length: 26 * 60 }, (_, k) => {
    const m = k - 120;
    return row(T0 + m * MINUTE, price(m), Math.max(price(m), price(m + 1)), Math.min(price(m), price(m + 1)), price(m + 1));
  });
  writeFileSync(path.join(dir, 'hours.csv'), [head, ...hours].join('\n') + '\n');
  writeFileSync(path.join(dir, 'minutes.csv'), [head, ...minutes].join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('counts the finer candles inside the run\'s bars, and names the span of those before them', () => {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--data-dir', path.join(dir, 'data'), '--strategy', 'sma-cross', '--params', 'fast=3,slow=8', '--data', 'hours.csv', '--detail-data', 'minutes.csv', '--symbol', 'TST/USDT', '--monte-carlo', '0'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toContain(`backtest: fills inside those bars from 1,440 1m candles from ${path.join(dir, 'minutes.csv')} (`);
  expect(r.stderr).toContain("; not used, outside the run's bars: 120 before the run's first bar (2024-01-01T08:00Z to 2024-01-01T10:00Z)\n");
}, 60_000);
