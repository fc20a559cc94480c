// Starts a real `keel serve` child process for tests and benchmarks, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const KEEL_BIN = fileURLToPath(new URL('../../bin/keel.js', import.meta.url));

export interface KeelServe {
  child: ChildProcess;
  /** The printed address, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  wsUrl: string;
  /** Everything the process wrote to stderr so far (its log). */
  stderr(): string;
  /** SIGTERM, then waits for a clean exit; returns the exit code. */
  stop(): Promise<number | null>;
}

export async function startKeelServe(opts: { dataDir: string; extraArgs?: string[]; env?: NodeJS.ProcessEnv }): Promise<KeelServe> {
  const child = spawn(process.execPath, [KEEL_BIN, 'serve', '--port', '0', '--data-dir', opts.dataDir, ...(opts.extraArgs ?? [])], {
    cwd: REPO_ROOT,
    // No market source unless a test asks for one (KEEL_MARKET in opts.env): a test must never reach the
    // network, and a simulated stream's events would mix with the ones a test waits for.
    env: { ...process.env, KEEL_MARKET: 'none', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`keel serve printed no address in 30 s; stderr:\n${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Keel is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`keel serve exited with ${code} before printing its address; stderr:\n${err}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  return {
    child,
    url,
    origin: parsed.origin,
    token,
    port: Number(parsed.port),
    wsUrl: `ws://${parsed.host}/bridge?token=${token}`,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
