// A run's reports land as a set: when one of them cannot be written, none of them is, and no temporary
// file is left beside them; a report that existed before stays as it was.
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportTarget, writeFilesAtomic } from '../../../electron/backtest/write-report.ts';

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
    ).toThrow(`${path.join(dir, 'r.html')}: it is a folder`);
    expect(readFileSync(path.join(dir, 'r.json'), 'utf8')).toBe('the last run');
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.json']);
  });

  it('writes through a link: the file it names is replaced, the link stays', () => {
    mkdirSync(path.join(dir, 'runs'));
    writeFileSync(path.join(dir, 'runs', 'r1.json'), 'old');
    symlinkSync(path.join('runs', 'r1.json'), path.join(dir, 'latest.json'));
    writeFilesAtomic([{ file: path.join(dir, 'latest.json'), text: 'new' }]);
    expect(lstatSync(path.join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'runs', 'r1.json'), 'utf8')).toBe('new');
    expect(readdirSync(path.join(dir, 'runs'))).toEqual(['r1.json']);
  });

  it("writes into a pipe in place (a rename would replace it), and takes the process's own streams as such", async () => {
    const fifo = path.join(dir, 'report.pipe');
    execFileSync('mkfifo', [fifo]);
    // A reader on the pipe, as a shell's >(jq .) is.
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const ended = new Promise((done) => reader.on('close', done));
    writeFilesAtomic([
      { file: fifo, text: '{"metrics":{}}\n' },
      { file: path.join(dir, 'r.html'), text: '<!doctype html>' },
    ]);
    await ended;
    expect(got).toBe('{"metrics":{}}\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'report.pipe']);
    // /dev/stdout is written into whatever stdout is, even a file the shell opened (which a rename would unlink).
    for (const name of ['/dev/stdout', '/dev/stderr', '/dev/fd/3', '/proc/self/fd/1']) expect(reportTarget(name).stream).toBe(true);
    expect(reportTarget(path.join(dir, 'r.html')).stream).toBe(false);
    expect(reportTarget('/dev/shm/report.json').stream).toBe(false);
  });
});
