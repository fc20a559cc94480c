// The trader's own strategy files on disk: a folder with a good strategy, a broken one and a helper is
// loaded with the good one in the registry and the broken one reported; an edited file is imported again;
// a deleted one leaves; a name a built-in or another file has is refused.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeInWorker } from '../../../electron/strategies/import-probe.ts';
import { loadOwnStrategies, loadStrategyFile } from '../../../electron/strategies/own-strategies.ts';
import { findStrategy, strategyFileOf, strategyNames } from '../../../electron/strategies/registry.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-own-strategies-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A strategy module's text: a long-only "buy above the SMA" with this name and description. */
const strategyText = (name: string, description: string) => `
import { threshold } from './_helpers.mjs';
export default {
  name: ${JSON.stringify(name)},
  description: ${JSON.stringify(description)},
  params: { period: { type: 'int', default: 20, min: 2, max: 200 } },
  indicators: (p) => [{ name: 'sma', params: { period: p.period } }],
  create(_p, ctx) {
    const [sma] = ctx.indicators;
    return { onBar(bar) { if (bar.c > threshold(sma.ago(0)) && ctx.position() === 0) ctx.buy(ctx.maxBuyQty(bar.c)); } };
  },
};
`;

/** Writes `text` to `name` in the folder, stamped `secondsAgo` in the past (an edit gets a newer stamp). */
function put(name: string, text: string, secondsAgo = 100): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(file, t, t);
  return file;
}

describe("the trader's strategies folder", () => {
  it('loads the good files, reports the broken ones, and skips helpers and other files', async () => {
    put('_helpers.mjs', 'export const threshold = (x) => x * 1.001;\n');
    const good = put('above-sma.mjs', strategyText('above-sma', 'buys above the SMA'));
    const broken = put('broken.ts', 'export default { name: "broken", create( {\n');
    const clash = put('clash.mjs', strategyText('sma-cross', 'mine'));
    put('notes.txt', 'not a strategy');
    const { loaded, problems } = await loadOwnStrategies(dir);
    expect(loaded).toEqual([{ name: 'above-sma', file: good }]);
    expect(problems.map((p) => p.file)).toEqual([broken, clash]);
    // The syntax error, where it is (Node's loader and the test runner's word it differently).
    expect(problems[0]!.message).toMatch(new RegExp(`^${broken}: could not be loaded: .*broken\\.ts:\\d`));
    expect(problems[0]!.message).not.toContain('mtime=');
    expect(problems[1]!.message).toBe(`${clash}: "sma-cross" is the name of a built-in strategy; give yours another name`);
    // Beside the built-ins, found by name, with its file.
    expect(strategyNames().slice(-1)).toEqual(['above-sma']);
    expect(findStrategy('above-sma').description).toBe('buys above the SMA');
    expect(strategyFileOf('above-sma')).toBe(good);
    expect(strategyFileOf('sma-cross')).toBeNull();
    rmSync(broken);
    rmSync(clash);
  });

  it('imports a file again when it changes, and forgets it when it is deleted', async () => {
    const file = put('above-sma.mjs', strategyText('above-sma', 'buys above the SMA, edited'), 10);
    await loadOwnStrategies(dir);
    expect(findStrategy('above-sma').description).toBe('buys above the SMA, edited');
    rmSync(file);
    expect((await loadOwnStrategies(dir)).loaded).toEqual([]);
    expect(() => findStrategy('above-sma')).toThrow(/unknown strategy "above-sma"; strategies: sma-cross, /);
  });

  it('refuses a second file with a name another file already has', async () => {
    const first = put('one.mjs', strategyText('twin', 'first'));
    put('two.mjs', strategyText('twin', 'second'));
    const { loaded, problems } = await loadOwnStrategies(dir);
    expect(loaded).toEqual([{ name: 'twin', file: first }]);
    expect(problems).toEqual([{ file: join(dir, 'two.mjs'), message: `${join(dir, 'two.mjs')}: the strategy name "twin" is already used by ${first}; give one of them another name` }]);
    // With the first gone, the second (unchanged) takes the name.
    rmSync(first);
    expect((await loadOwnStrategies(dir)).loaded).toEqual([{ name: 'twin', file: join(dir, 'two.mjs') }]);
    expect(findStrategy('twin').description).toBe('second');
  });

  it('refuses the name of a skipped file with its problem, not as an unknown strategy; fixed or deleted, it is forgotten', async () => {
    // Named after its file, or named inside it (the check reads the name first): either is the strategy asked for.
    const broken = put('half-done.mjs', strategyText('half-done', 'x').replace('default: 20', 'default: 500'));
    const misnamed = put('misnamed.mjs', strategyText('other-name', 'x').replace('min: 2', 'min: 30'));
    const { problems } = await loadOwnStrategies(dir);
    expect(problems.map((p) => p.file)).toEqual([broken, misnamed]);
    const names = strategyNames().join(', ');
    expect(() => findStrategy('half-done')).toThrow(
      `strategy "half-done" is not loaded: its file was skipped: ${broken}: half-done: parameter period: default 500 is outside its range 2..200; fix the file, or run one of the strategies: ${names}`,
    );
    expect(() => findStrategy('other-name')).toThrow(`strategy "other-name" is not loaded: its file was skipped: ${misnamed}: other-name: parameter period: default 20 is outside its range 30..200; fix`);
    expect(() => findStrategy('misnamed')).toThrow(`its file was skipped: ${misnamed}: other-name: parameter period`);
    // A name no file stands for is still unknown.
    expect(() => findStrategy('half')).toThrow(`unknown strategy "half"; strategies: ${names}`);
    // Fixed: found. Deleted: unknown again.
    put('half-done.mjs', strategyText('half-done', 'fixed'), 10);
    rmSync(misnamed);
    await loadOwnStrategies(dir);
    expect(findStrategy('half-done').description).toBe('fixed');
    expect(() => findStrategy('other-name')).toThrow('unknown strategy "other-name"');
    rmSync(broken);
    await loadOwnStrategies(dir);
  });

  it('says what is wrong with a file named directly', async () => {
    await expect(loadStrategyFile(join(dir, 'missing.ts'))).rejects.toThrow(`${join(dir, 'missing.ts')}: no such strategy file`);
    await expect(loadStrategyFile(join(dir, 'notes.txt'))).rejects.toThrow(`${join(dir, 'notes.txt')}: a strategy file ends in .ts, .mts, .js, .mjs`);
    const throws = put('throws.mjs', 'throw new Error("no API key set");\n');
    await expect(loadStrategyFile(throws)).rejects.toThrow(new RegExp(`^${throws}: could not be loaded: no API key set`));
  });
});

describe('a file whose top-level code never finishes, as the app loads it', () => {
  it('is imported in a worker first and reported within the budget, the engine thread answering meanwhile; never imported here', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'keel-own-probe-'));
    try {
      const good = join(sub, 'probe-good.mjs');
      writeFileSync(good, strategyText('probe-good', 'loads').replace("import { threshold } from './_helpers.mjs';", 'const threshold = (x) => x;'));
      // A table built with a condition that never turns false: the module never finishes evaluating.
      const stuck = join(sub, 'probe-stuck.mjs');
      writeFileSync(stuck, `const levels = [];\nfor (let x = 1; x > 0; x++) levels.push(x % 7);\nexport default { name: 'probe-stuck', description: 'never loads', params: {}, create: () => ({ onBar() {} }) };\n`);
      // Two more: the probes run at once, so three such files cost one budget, not three.
      const stuckToo = join(sub, 'probe-stuck-too.mjs');
      writeFileSync(stuckToo, `while (true) {}\nexport default { name: 'probe-stuck-too', description: 'never loads', params: {}, create: () => ({ onBar() {} }) };\n`);
      const stuckThree = join(sub, 'probe-stuck-three.mjs');
      writeFileSync(stuckThree, `for (;;) {}\nexport default { name: 'probe-stuck-three', description: 'never loads', params: {}, create: () => ({ onBar() {} }) };\n`);
      // The thread this test runs in keeps turning while the file loads elsewhere.
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 50);
      const started = performance.now();
      const { loaded, problems } = await loadOwnStrategies(sub, { probe: true });
      const took = performance.now() - started;
      clearInterval(ticker);
      expect(loaded).toEqual([{ name: 'probe-good', file: good }]);
      expect(problems).toEqual([
        { file: stuckThree, message: expect.stringMatching(/probe-stuck-three\.mjs: did not finish loading within 5 s \(a loop in its top-level code\?\), so it was not loaded/) },
        { file: stuckToo, message: expect.stringMatching(/probe-stuck-too\.mjs: did not finish loading within 5 s \(a loop in its top-level code\?\), so it was not loaded/) },
        { file: stuck, message: expect.stringMatching(/probe-stuck\.mjs: did not finish loading within 5 s \(a loop in its top-level code\?\), so it was not loaded/) },
      ]);
      expect(strategyNames()).not.toContain('probe-stuck');
      expect(took).toBeGreaterThanOrEqual(4_900);
      // One after another, the three would take 14.7 s at least; at once, one budget and what a busy
      // two-core machine adds (up to 4.4 s seen beside a browser file): well under two budgets' worth more.
      expect(took).toBeLessThan(14_000);
      expect(ticks).toBeGreaterThan(40);
      // Unchanged, it is the same problem at once: not tried again until the file changes.
      const again = performance.now();
      expect((await loadOwnStrategies(sub, { probe: true })).problems.map((p) => p.file)).toEqual([stuckThree, stuckToo, stuck]);
      expect(performance.now() - again).toBeLessThan(1_000);
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  }, 30_000);

  it('names check() or indicators() and the default parameters when one of them, not the import, is what never returns', async () => {
    // Loops only at its defaults (fast=10, slow=30): the file imports at once, so "its top-level code" sent the trader to the wrong place.
    const looping = (name: string, where: 'check' | 'indicators') => {
      const file = join(dir, `${name}.mjs`);
      const loop = (fn: string) => (fn === where ? 'while (p.fast === 10 && p.slow === 30) {} ' : '');
      writeFileSync(
        file,
        `export default { name: '${name}', params: { fast: { type: 'int', default: 10, min: 1, max: 50 }, slow: { type: 'int', default: 30, min: 2, max: 200 } },\n` +
          `  check(p) { ${loop('check')}return null; },\n  indicators(p) { ${loop('indicators')}return [{ name: 'sma', params: { period: p.fast } }]; },\n  create: () => ({ onBar() {} }) };\n`,
      );
      return file;
    };
    const [check, indicators] = [looping('loops-in-check', 'check'), looping('loops-in-indicators', 'indicators')];
    const [a, b] = await Promise.all([probeInWorker(check, 1_000), probeInWorker(indicators, 1_000)]);
    expect(a).toEqual({
      problem: `${check}: loops-in-check: check() with its default parameters fast=10, slow=30 did not return within 1 s (a loop in it?), so the file was not loaded: Keel calls check() and indicators() with the defaults as it loads a file, in a worker thread, so that such a loop cannot hold the engine and the kill switch; fix check() and press Reload`,
    });
    expect(b).toEqual({ problem: expect.stringMatching(/^\S*loops-in-indicators\.mjs: loops-in-indicators: indicators\(\) with its default parameters fast=10, slow=30 did not return within 1 s \(a loop in it\?\).*fix indicators\(\) and press Reload$/) });
  }, 15_000);
});
