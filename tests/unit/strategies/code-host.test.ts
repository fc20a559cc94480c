// The process for the trader's code (strategies/code-host.ts), started with Node's fork as `keel serve`
// starts it: calls answered there, worker threads relayed by id, and its end (a strategy that ran out of
// memory aborts it) told to every thread and call in it, after which the next use starts it again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeHost, hostExecArgv } from '../../../electron/strategies/code-host.ts';

let dir: string;
let host: CodeHost;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-code-host-'));
  host = new CodeHost();
});

afterEach(() => {
  host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A strategy file that sends its process SIGABRT when imported: how a fatal out-of-memory ends a process. */
function aborting(): string {
  const file = join(dir, 'aborts.mjs');
  writeFileSync(file, 'process.kill(process.pid, "SIGABRT");\nexport default {};\n');
  return file;
}

describe('the process for strategies\u2019 code', () => {
  it('answers a call there, and after its end fails the calls in it saying so, then starts again', async () => {
    const good = join(dir, 'fine.mjs');
    writeFileSync(good, "export default { name: 'fine', description: 'does nothing', params: {}, create: () => ({ onBar() {} }) };\n");
    const described = { strategy: { name: 'fine', description: 'does nothing', params: {}, checks: false } };
    expect(await host.call('probe', good)).toEqual(described);
    const first = await host.line();
    await expect(host.call('probe', aborting())).rejects.toThrow(/^the process Keel runs strategies' code in ended \(SIGABRT\); a strategy that runs out of memory can end it that way/);
    // A new process: the call is answered again, on a new line.
    expect(await host.call('probe', good)).toEqual(described);
    expect((await host.line()).path).not.toBe(first.path);
  }, 30_000);

  it('relays a worker thread’s messages, and tells it an error and an exit when the process ends under it', async () => {
    const good = join(dir, 'named.mjs');
    writeFileSync(good, "export default { name: 'named', description: 'does nothing', params: {}, create: () => ({ onBar() {} }) };\n");
    const probe = host.worker('strategy-probe-worker', { file: good });
    expect(await new Promise((resolve) => probe.on('message', resolve))).toEqual({ strategy: { name: 'named', description: 'does nothing', params: {}, checks: false } });
    await probe.terminate();

    const thread = host.worker('strategy-probe-worker', { file: aborting() });
    const heard = await new Promise<{ error: string; code: number }>((resolve) => {
      let error = '';
      thread.on('error', (err: Error) => (error = err.message));
      thread.on('exit', (code: number) => resolve({ error, code }));
    });
    expect(heard.code).toBe(1);
    expect(heard.error).toMatch(/^the process Keel runs strategies' code in ended \(SIGABRT\)/);
    await thread.terminate();
  }, 30_000);

  it('takes KEEL_CODE_HEAP_MB as whole megabytes from 64, and says what is valid otherwise', () => {
    expect(hostExecArgv({})).toEqual([]);
    expect(hostExecArgv({ KEEL_CODE_HEAP_MB: '512' })).toEqual(['--max-old-space-size=512']);
    expect(() => hostExecArgv({ KEEL_CODE_HEAP_MB: '1.5' })).toThrow('KEEL_CODE_HEAP_MB=1.5: give whole megabytes, 64 or more (or leave it unset for Node\u2019s default)'.replace('\u2019', "'"));
    expect(() => hostExecArgv({ KEEL_CODE_HEAP_MB: '32' })).toThrow(/64 or more/);
  });
});
