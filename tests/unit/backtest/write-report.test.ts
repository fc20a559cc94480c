// A run's reports land as a set: when one of them cannot be written, none of them is, and no temporary
// file is left beside them; a report that existed before stays as it was.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomic } from '../../../electron/backtest/write-report.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-write-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFilesAtomic', () => {
  it('writes every report, replacing an older one whole', () => {
    writeFileSync(path.join(dir, 'r.json'), 'old');
    writeFilesAtomic([
      { file: path.join(dir, 'r.json'), text: '{"metrics":{}}\n' },
      { file: path.join(dir, 'r.html'), text: '<!doctype html>' },
    ]);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe('{"metrics":{}}\n');
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.json']);
  });

  it('writes none when one cannot be written, and leaves no temporary file', () => {
    writeFileSync(path.join(dir, 'r.json'), 'the last run');
    // A folder where the HTML should go: its temporary file is written, the rename over a folder fails.
    mkdirSync(path.join(dir, 'r.html'));
    expect(() =>
      writeFilesAtomic([
        { file: path.join(dir, 'r.json'), text: 'this run' },
        { file: path.join(dir, 'r.html'), text: '<!doctype html>' },
        { file: path.join(dir, 'r.csv'), text: 'a,b' },
      ]),
    ).toThrow();
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe('the last run');
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.json']);
  });
});
