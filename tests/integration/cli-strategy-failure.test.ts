// A strategy's own bug stops `keel backtest` with exit 1 whatever it threw (README.md, Exit codes): a
// look-ahead (get of a bar not closed, ago(-1)) and a misused ago() (ago(1.5), a RangeError) alike, where
// the RangeError used to read as a bad value on the command line (exit 2). And the bar it stopped at is
// stamped with its close, as the run's notes stamp a refusal at that same bar, not an hour apart.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-strategy-failure-'));
  const rows = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < 48; i++) {
    const o = 100 + 5 * Math.sin(i / 5);
    const c = 100 + 5 * Math.sin((i + 1) / 5);
    rows.push(`${new Date(T0 + i * HOUR).toISOString()},${o},${Math.max(o, c) + 0.5},${Math.min(o, c) - 0.5},${c},10`);
  }
  writeFileSync(path.join(dir, 'hours.csv'), rows.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A strategy file that runs `body` in onBar at bar 20 (and `every` at every bar before it). */
function strategy(name: string, body: string, every = ''): string {
  const file = path.join(dir, `${name}.mjs`);
  const params = '{ fail: { type: "int", default: 1, min: 0, max: 1 } }';
  writeFileSync(file, ['export default {', `  name: "${name}",`, `  params: ${params},`, '  create: (p, ctx) => ({', '    onBar(bar) {', `      ${every}`, `      if (bar.index === 20 && p.fail === 1) ${body};`, '    },', '  }),', '};', ''].join('\n'));
  return file;
}

function keel(args: string[]) {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'backtest', '--data-dir', path.join(dir, 'data'), '--data', 'hours.csv', '--symbol', 'TST/USDT', '--monte-carlo', '0', ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('keel backtest: a strategy that fails while it runs', () => {
  it('exits 1 for a look-ahead and for a misused ago() alike, saying which, with no report written', () => {
    const cases = [
      { name: 'peeks', body: 'ctx.bars.c.get(bar.index + 1)', said: 'look-ahead: bar 21 has not closed yet' },
      { name: 'ago-back', body: 'ctx.bars.c.ago(-1)', said: 'look-ahead: bar 21 has not closed yet' },
      { name: 'ago-half', body: 'ctx.bars.c.ago(1.5)', said: 'ago(k) takes a whole number of bars back, 0 for the current bar, got 1.5' },
      { name: 'own-range', body: 'throw new RangeError("out of room")', said: 'out of room' },
    ];
    for (const c of cases) {
      const r = keel(['--strategy', strategy(c.name, c.body), '--json', `${c.name}.json`]);
      expect(r.err, c.name).toContain(`keel backtest: ${c.name} with fail=1 stopped the run at bar 20, closed at `);
      expect(r.err, c.name).toContain(c.said);
      expect(r.code, `${c.name}: ${r.err}`).toBe(1);
      expect(existsSync(path.join(dir, `${c.name}.json`)), c.name).toBe(false);
    }
  }, 60_000);

  it('stamps the bar it stopped at with the time its refusals at that bar are stamped with', () => {
    // Bars 19 and 20 ask for five times what the cash buys: refused, and the note names the first and last time.
    const file = strategy('greedy', 'throw new Error("stop here")', 'if (bar.index === 19 || bar.index === 20) ctx.buy(ctx.maxBuyQty(bar.c) * 5);');
    const ran = keel(['--strategy', file, '--params', 'fail=0']);
    expect(ran.code, ran.err).toBe(0);
    const refused = /refusals of this kind, the first at (\S+), the last at (\S+)\)/.exec(ran.out);
    expect(refused, ran.out).not.toBeNull();
    const failed = keel(['--strategy', file]);
    expect(failed.code).toBe(1);
    const stopped = /stopped the run at bar 20, closed at (\S+):/.exec(failed.err);
    expect(stopped, failed.err).not.toBeNull();
    // Bar 20 is the second refusal's bar: the same time, its close (it opens an hour before).
    expect(stopped![1]).toBe(refused![2]);
    expect(stopped![1]).toBe(new Date(T0 + 21 * HOUR).toISOString().replace('.000Z', 'Z'));
  }, 60_000);

  it('fails the same way every time for an error thrown from a timer or a promise it left, and for process.exit()', () => {
    // The timer's error and the async helper's were lost (exit 0, report written), or a bare message, or
    // Node's own crash, by the chance of timing; process.exit() said "a backtest worker stopped (exit code 0)".
    const escapes = [
      { name: 'timer', body: 'setTimeout(() => { throw new Error("timer boom"); }, 0)' },
      { name: 'left-promise', body: '(async () => { await null; throw new TypeError("async boom"); })()' },
    ];
    for (const c of escapes) {
      for (let k = 0; k < 2; k++) {
        const r = keel(['--strategy', strategy(c.name, c.body), '--json', `${c.name}.json`]);
        expect(r.code, `${c.name}: ${r.err}`).toBe(1);
        expect(r.err, c.name).toMatch(new RegExp(`^keel backtest: ${c.name} with fail=1: an error escaped its code through a timer or a promise that Keel does not wait for: \\w+ boom \\(at ${c.name}\\.mjs:7:\\d+\\); a strategy acts inside onBar, onTick and onFill, with no await or setTimeout`, 'm'));
        expect(existsSync(path.join(dir, `${c.name}.json`)), c.name).toBe(false);
      }
    }
    const exits = keel(['--strategy', strategy('exits', 'process.exit(0)'), '--json', 'exits.json']);
    expect(exits.code).toBe(1);
    expect(exits.err).toMatch(/exits with fail=1 stopped the run at bar 20, closed at \S+: process\.exit\(0\) was called: it would end Keel's worker thread, not the strategy's bar; .* \(at exits\.mjs:7:\d+\)/);
    expect(existsSync(path.join(dir, 'exits.json'))).toBe(false);
  }, 60_000);
});
