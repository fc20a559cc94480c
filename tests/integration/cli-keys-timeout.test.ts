// `keel keys` against a keychain that never answers: a D-Bus "session bus" that accepts the connection and
// then says nothing (not even to the authentication), as a hung bus or a stopped keyring daemon does. The
// keychain library blocks inside that call, in native code, without a limit of its own; the command must
// still give up after its own limit, say so, and exit, rather than hang with no word.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEL_BIN, REPO_ROOT } from '../helpers/keel-serve.ts';
import { silentBusEnv as busEnv, startSilentBus, type SilentBus } from '../helpers/silent-bus.ts';

let bus: SilentBus;

beforeAll(async () => {
  bus = await startSilentBus();
});

afterAll(async () => {
  await bus.close();
});

interface Run {
  code: number | null;
  err: string;
  out: string;
  ms: number;
  /** Killed by the test: the command was still running after `boundMs`. */
  hung: boolean;
}

/** Runs `keel keys ARGS` and kills it if it has not exited within boundMs. */
function keys(args: string[], env: NodeJS.ProcessEnv, boundMs: number, input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [KEEL_BIN, 'keys', ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let hung = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.end(input);
    const bound = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, boundMs);
    child.once('exit', (code) => {
      clearTimeout(bound);
      resolve({ code, out, err, ms: Date.now() - started, hung });
    });
  });
}

function silentBusEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return busEnv(bus.address, extra);
}

describe('keel keys with a keychain that never answers', () => {
  it('list gives up after KEEL_KEYCHAIN_TIMEOUT_S, says so, and exits 1', async () => {
    const r = await keys(['list'], silentBusEnv({ KEEL_KEYCHAIN_TIMEOUT_S: '1' }), 15_000);
    expect(r.hung, `still running after 15 s; stderr: ${r.err}`).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^keel keys list: the OS keychain did not answer within 1 s \(locked, waiting for an unlock prompt\?\); no API key could be read\. Unlock the keychain and try again\n$/);
  });

  it('set does too, saying the key may be saved only if the prompt is answered', async () => {
    const r = await keys(['set', '--exchange', 'binance'], silentBusEnv({ KEEL_KEYCHAIN_TIMEOUT_S: '1' }), 15_000, 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv\nNhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP\n');
    expect(r.hung, `still running after 15 s; stderr: ${r.err}`).toBe(false);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^keel keys set: the OS keychain did not answer within 1 s/);
    expect(r.err).not.toContain('vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv');
  });

  it('refuses a KEEL_KEYCHAIN_TIMEOUT_S that is not a number of seconds, before touching the keychain', async () => {
    const r = await keys(['list'], silentBusEnv({ KEEL_KEYCHAIN_TIMEOUT_S: 'soon' }), 15_000);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(2);
    expect(r.err).toContain('keel keys list: KEEL_KEYCHAIN_TIMEOUT_S must be the seconds');
  });
});
