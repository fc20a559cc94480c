// Starts `keel serve --port 0` as a child process and reads the URL it prints, token included.
import { spawn } from 'node:child_process';
import { stopChild } from '../../helpers/stop-child.ts';
import { keelBin, repoRoot } from './paths.ts';

export interface KeelServe {
  /** The URL `keel serve` printed: http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** Everything the server wrote so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY_LINE = /Keel is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/;

export interface StartOptions {
  /** Added to this process's environment for keel serve (KEEL_MARKET, for one). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export async function startKeelServe(dataDir: string, { env, timeoutMs = 30_000 }: StartOptions = {}): Promise<KeelServe> {
  const child = spawn(process.execPath, [keelBin, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`keel serve printed no URL within ${timeoutMs} ms; output:\n${out}`)), timeoutMs);
    const onData = () => {
      const m = READY_LINE.exec(out);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`keel serve exited (${code}) before it was ready; output:\n${out}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(err: Error) {
      cleanup();
      child.kill('SIGKILL');
      reject(err);
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    url: match[1]!,
    origin: `http://127.0.0.1:${match[2]!}`,
    token: match[3]!,
    output: () => out,
    // SIGTERM (keel serve closes its journal cleanly on it), SIGKILL if it has not gone in 5 s.
    stop: () => stopChild(child),
  };
}
