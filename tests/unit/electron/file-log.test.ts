import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, desktopLogPath } from '../../../electron/main/file-log.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('desktop log', () => {
  it('writes each line to the file in the data directory and to stderr', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'keel-log-'));
    dirs.push(dataDir);
    const stderr: string[] = [];
    const log = createFileLogger(desktopLogPath(dataDir), { stderr: (l) => stderr.push(l) });
    log.info('app', 'hello');
    log.debug('app', 'not at info level');
    await log.close();
    log.warn('app', 'after close');
    const text = readFileSync(path.join(dataDir, 'logs', 'desktop.log'), 'utf8');
    expect(text).toMatch(/INFO +\[app\] hello\n$/);
    expect(text).not.toContain('not at info level');
    expect(stderr).toHaveLength(2);
    expect(stderr[1]).toContain('after close');
  });

  it('keeps one previous log when the current one is large', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'keel-log-'));
    dirs.push(dataDir);
    const file = desktopLogPath(dataDir);
    await createFileLogger(file, { stderr: () => {} }).close();
    writeFileSync(file, 'x'.repeat(6 * 1024 * 1024));
    const log = createFileLogger(file, { stderr: () => {} });
    log.info('app', 'fresh');
    await log.close();
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('fresh');
  });
});
