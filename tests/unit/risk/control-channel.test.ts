// The control channel on its own: token, protocol, the 0600 file, and what happens with no Keel running.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { sendControl } from '../../../electron/risk/control/control-client.ts';
import { controlFilePath, readControlFile } from '../../../electron/risk/control/control-file.ts';
import { startControlServer, type ControlCommand } from '../../../electron/risk/control/control-server.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'keel-control-'));
  dirs.push(d);
  return d;
}

function raw(port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => s.write(line));
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
  });
}

describe('the control channel', () => {
  it('answers a command carrying the token from the 0600 file, and nothing else', async () => {
    const dir = tempDir();
    const seen: ControlCommand[] = [];
    const server = startControlServer({ dataDir: dir, shell: 'browser', log: memoryLogger(), handle: (c) => (seen.push(c), { cancelled: 3 }) });
    await server.ready;
    if (process.platform !== 'win32') expect(statSync(controlFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(await sendControl(dir, { command: 'kill', flatten: true, reason: 'test' })).toEqual({ ok: true, result: { cancelled: 3 } });
    expect(seen).toEqual([{ command: 'kill', flatten: true, reason: 'test' }]);
    const info = readControlFile(dir);
    if (!info.ok) throw new Error(info.reason);
    expect(JSON.parse(await raw(info.info.port, JSON.stringify({ token: 'nope', command: 'kill' }) + '\n'))).toEqual({ ok: false, error: 'wrong token' });
    expect(JSON.parse(await raw(info.info.port, JSON.stringify({ token: info.info.token, command: 'rm -rf' }) + '\n')).error).toMatch(/unknown command "rm -rf"/);
    expect(JSON.parse(await raw(info.info.port, 'not json\n'))).toEqual({ ok: false, error: 'the request is not JSON' });
    expect(await raw(info.info.port, 'x'.repeat(5000))).toBe('');
    expect(seen).toHaveLength(1);
    await server.close();
    expect(existsSync(controlFilePath(dir))).toBe(false);
  });

  it('answers once a handler that takes its time (a live kill waiting on the exchange) has its result', async () => {
    const dir = tempDir();
    const server = startControlServer({ dataDir: dir, shell: 'browser', log: memoryLogger(), handle: () => new Promise((resolve) => setTimeout(() => resolve({ cancelled: 1, failures: ['cancel order k-1: refused'] }), 50)) });
    await server.ready;
    expect(await sendControl(dir, { command: 'kill', flatten: false })).toEqual({ ok: true, result: { cancelled: 1, failures: ['cancel order k-1: refused'] } });
    const other = tempDir();
    const failing = startControlServer({ dataDir: other, shell: 'browser', log: memoryLogger(), handle: () => Promise.reject(new Error('no account to pull the kill switch on')) });
    await failing.ready;
    expect(await sendControl(other, { command: 'kill', flatten: false })).toEqual({ ok: false, error: 'no account to pull the kill switch on' });
    await server.close();
    await failing.close();
  });

  it('says plainly when no Keel runs there, or the file was left behind', async () => {
    const dir = tempDir();
    expect(await sendControl(dir, { command: 'state' })).toMatchObject({ ok: false, error: expect.stringMatching(/no running Keel uses/) });
    writeFileSync(controlFilePath(dir), JSON.stringify({ port: 1, token: 'x', pid: 2 ** 22 + 12345, shell: 'browser' }), { mode: 0o600 });
    expect(await sendControl(dir, { command: 'state' })).toMatchObject({ ok: false, error: expect.stringMatching(/is not running; its control file was left behind/) });
  });

  it('refuses a control file others may read', async () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    writeFileSync(controlFilePath(dir), JSON.stringify({ port: 1, token: 'x', pid: process.pid, shell: 'browser' }), { mode: 0o644 });
    expect(await sendControl(dir, { command: 'state' })).toMatchObject({ ok: false, error: expect.stringMatching(/may be read by other users \(mode 644\)/) });
  });
});
