// The app never imports a strategy file of the trader's into the engine's thread (stand-in-definition.ts):
// the probe describes it, the registry holds a stand-in, and check(params) and indicators(params) are asked
// of the file in a thread of its own. Here the thread is in this process (the app's is in its code host:
// own-strategy-definition.test.ts), and the file marks each thread that imports it, so the test can see
// that the engine's thread (thread 0) never did. A check that loops for one parameter value is stopped
// after 2 s with what happened, naming that set even among a grid's asked in one go, and the next question
// is answered by a fresh thread.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridSets, randomSets } from '../../../electron/backtest/param-space.ts';
import { ANSWER_WITHIN_MS, DefinitionThread } from '../../../electron/strategies/definition-thread.ts';
import { loadOwnStrategies } from '../../../electron/strategies/own-strategies.ts';
import { ParamError } from '../../../electron/strategies/params.ts';
import { dropOwnStrategies, findStrategy, strategyWithParams, warmupOf } from '../../../electron/strategies/registry.ts';
import { checkEach, isStandIn, warmStandIn } from '../../../electron/strategies/stand-in-definition.ts';
import type { AnyStrategyDefinition } from '../../../electron/strategies/strategy.ts';

let dir: string;
let file: string;
let marks: string;

/** fast must be below slow; fast=77 sends its check into a loop; fast=13 makes it throw. */
const PICKY = (marksFile: string) => `
import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
appendFileSync(${JSON.stringify(marksFile)}, threadId + '\\n');
export default {
  name: 'picky',
  description: 'an SMA cross with a fussy check',
  params: {
    fast: { type: 'int', default: 10, min: 2, max: 100 },
    slow: { type: 'int', default: 30, min: 3, max: 300 },
  },
  indicators: (p) => [{ name: 'sma', params: { period: p.fast } }, { name: 'sma', params: { period: p.slow } }],
  check(p) {
    while (p.fast === 77) {}
    if (p.fast === 13) throw new RangeError('unlucky');
    return p.fast < p.slow ? null : 'fast must be below slow';
  },
  create: () => ({ onBar() {} }),
};
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keel-stand-in-'));
  marks = join(dir, 'imported-in-threads.txt');
  writeFileSync(marks, '');
  file = join(dir, 'picky.mjs');
  writeFileSync(file, PICKY(marks));
  const { loaded, problems } = await loadOwnStrategies(dir, { probe: true });
  expect(problems).toEqual([]);
  expect(loaded).toEqual([{ name: 'picky', file }]);
});

afterAll(() => {
  dropOwnStrategies(file);
  rmSync(dir, { recursive: true, force: true });
});

const threadsThatImported = () => readFileSync(marks, 'utf8').trim().split('\n').map(Number);

describe('a strategy of your own, as the app holds it', () => {
  it('is listed from its probe, and its file is imported by worker threads only, never by the engine\u2019s', () => {
    const def = findStrategy('picky');
    expect(isStandIn(def)).toBe(true);
    expect(def.description).toBe('an SMA cross with a fussy check');
    expect(def.params.fast).toEqual({ type: 'int', default: 10, min: 2, max: 100, description: '' });
    expect(() => def.create({ fast: 10, slow: 30 }, {} as never)).toThrow('picky is a strategy of your own: Keel runs it in a thread of its own');
    // Asked, its thread imports the file: still not this thread.
    expect(strategyWithParams('picky', { fast: 12, slow: 40 }).params).toEqual({ fast: 12, slow: 40 });
    expect(threadsThatImported().length).toBeGreaterThanOrEqual(2);
    expect(threadsThatImported()).not.toContain(0);
  });

  it('answers check() and indicators() as the file does, warm-ups found', () => {
    // The file's words, with whose they are and the parameters they answer (a built-in's check names them itself).
    expect(() => strategyWithParams('picky', { fast: 20, slow: 10 })).toThrow(new ParamError('picky: fast must be below slow (given fast=20,slow=10)'));
    const def = findStrategy('picky');
    expect(def.indicators({ fast: 12, slow: 40 })).toEqual([
      { name: 'sma', params: { period: 12 }, warmup: 11 },
      { name: 'sma', params: { period: 40 }, warmup: 39 },
    ]);
    expect(warmupOf(def, { fast: 12, slow: 40 }, 60_000)).toBe(39);
    // What it threw, with the set and its line in the file.
    expect(() => strategyWithParams('picky', { fast: 13, slow: 40 })).toThrow(new RegExp(`^${file}: picky: check\\(\\) with fast=13,slow=40 threw: unlucky \\(at picky\\.mjs:15:\\d+\\)$`));
  });

  it('checks a search\u2019s sets in one go, drawing the sets an inline definition would', () => {
    const standIn = findStrategy('picky');
    const inline: AnyStrategyDefinition = { ...standIn, check: (p) => (p.fast! < p.slow! ? null : 'fast must be below slow') };
    const ranges = { fast: [5, 10, 20, 30, 40], slow: [10, 20, 30, 50] };
    const base = { fast: 10, slow: 30 };
    expect(gridSets(standIn, base, ranges)).toEqual(gridSets(inline, base, ranges));
    expect(gridSets(standIn, base, ranges)).toHaveLength(11);
    expect(randomSets(standIn, base, ranges, 6, 7)).toEqual(randomSets(inline, base, ranges, 6, 7));
    expect(randomSets(standIn, base, ranges, 50, 7)).toHaveLength(11);
  });

  it('has its file imported ahead of a run without holding the engine\u2019s thread, and says when the file no longer loads', async () => {
    // A file whose top-level code takes 300 ms: its thread imports it while this thread's timers go on.
    const slow = join(dir, 'slow-loader.mjs');
    writeFileSync(slow, `const until = Date.now() + 300;\nwhile (Date.now() < until) {}\n${PICKY(marks).split('\n').slice(1).join('\n').replace("name: 'picky'", "name: 'slow-loader'")}`);
    try {
      await loadOwnStrategies(dir, { probe: true });
      const def = findStrategy('slow-loader');
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      await warmStandIn(def);
      clearInterval(timer);
      expect(ticks).toBeGreaterThanOrEqual(10);
      // Warm: the ask only crosses.
      expect(def.check!({ fast: 12, slow: 40 })).toBeNull();
    } finally {
      dropOwnStrategies(slow);
      rmSync(slow);
    }
    const wrong = new DefinitionThread({ file, strategy: 'other', params: {} });
    await expect(wrong.ready()).rejects.toThrow(new ParamError(`other: ${file} now defines the strategy "picky", not "other"`));
    expect(wrong.alive).toBe(false);
    expect(() => wrong.ask('check', [{}])).toThrow(`${file} now defines the strategy "picky", not "other"`);
  });

  it('stops a check that loops after 2 s, saying so; the next question gets a fresh thread', () => {
    const started = performance.now();
    expect(() => strategyWithParams('picky', { fast: 77, slow: 90 })).toThrow(
      /^picky: check\(\) with fast=77, slow=90 did not return within 2 s \(a loop in it\?\), so Keel stopped it; the engine and the kill switch go on\. Fix check\(\) in picky\.mjs$/,
    );
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(ANSWER_WITHIN_MS);
    expect(waited).toBeLessThan(ANSWER_WITHIN_MS + 2_000);
    expect(strategyWithParams('picky', { fast: 12, slow: 40 }).params).toEqual({ fast: 12, slow: 40 });
    expect(threadsThatImported()).not.toContain(0);
  });

  it('names the set a search\u2019s check is stuck on among the thousand asked in one go, not only how many there were', () => {
    // fast runs 20..89 over and over (13 throws), slow 100 and up: the first set with fast=77 is the 58th.
    const sets = Array.from({ length: 1000 }, (_, i) => ({ fast: 20 + (i % 70), slow: 100 + Math.floor(i / 70) }));
    expect(() => checkEach(findStrategy('picky'), sets)).toThrow(/^picky: check\(\) with fast=77, slow=100 \(set 58 of 1000, asked in one go\) did not return within 2\.5 s \(a loop in it\?\), so Keel stopped it/);
    // The sets before it are fine, answered by a fresh thread.
    expect(checkEach(findStrategy('picky'), sets.slice(0, 57))).toEqual(sets.slice(0, 57).map(() => null));
  });
});
