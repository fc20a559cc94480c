// The line of the trader's own code an error names: their strategy file's, and a helper's beside it when the
// helper threw (the file's line alone pointed at the call, where nothing is wrong).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { atLineOf } from '../../../electron/strategies/strategy-line.ts';

const dir = mkdtempSync(join(tmpdir(), 'keel-strategy-line-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, '_helpers.mjs'), ['// helpers', 'export function swingLow(n) {', '  const cfg = undefined;', '  return n * cfg.mult;', '}', ''].join('\n'));
writeFileSync(
  join(dir, 'swing.mjs'),
  ["import { swingLow } from './_helpers.mjs';", '', 'export function onBar(n) {', '  if (n < 0) throw new Error("negative");', '  return swingLow(n);', '}', ''].join('\n'),
);

async function thrown(n: number): Promise<Error> {
  // The reload's query, as the app imports a changed file: the frames carry it.
  const mod = (await import(`${pathToFileURL(join(dir, 'swing.mjs')).href}?mtime=1`)) as { onBar(n: number): number };
  try {
    mod.onBar(n);
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('atLineOf', () => {
  it("names the strategy file's line when the error is its own", async () => {
    expect(atLineOf(await thrown(-1), join(dir, 'swing.mjs'))).toMatch(/^ \(at swing\.mjs:4:\d+\)$/);
  });

  it('names the helper beside it that threw, and the line of the file that called it', async () => {
    expect(atLineOf(await thrown(5), join(dir, 'swing.mjs'))).toMatch(/^ \(at _helpers\.mjs:4:\d+, called from swing\.mjs:5:\d+\)$/);
  });

  it('says nothing when no frame is in the file', () => {
    expect(atLineOf(new Error('engine'), join(dir, 'swing.mjs'))).toBe('');
  });
});
