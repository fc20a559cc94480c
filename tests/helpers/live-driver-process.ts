// Runs tests/support/live-driver.ts as a child process and talks to it: waits for its JSON lines, tells
// it to go on, kills it, waits for it to end.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('../support/live-driver.ts', import.meta.url));

export interface DriverArgs {
  origin: string;
  dataDir: string;
  round: number;
  killAt: number;
  price: number;
  reconcileOnly?: boolean;
  killAtStartup?: number;
}

export interface DriverLine {
  type: 'reconciled' | 'killed' | 'done';
  [key: string]: unknown;
}

export interface DriverProcess {
  readonly child: ChildProcess;
  /** The next line of this type (earlier lines of other types are kept for later). */
  line(type: DriverLine['type'], timeoutMs?: number): Promise<DriverLine>;
  /** Lines seen so far. */
  readonly lines: DriverLine[];
  readonly stderr: string[];
  go(): void;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startDriver(args: DriverArgs): DriverProcess {
  // V8's code cache on disk: the kill test starts the driver dozens of times, each start compiles less.
  const env = { ...process.env, NODE_COMPILE_CACHE: path.join(tmpdir(), 'keel-live-driver-compile-cache') };
  const child = spawn(process.execPath, ['--no-warnings', DRIVER, JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const lines: DriverLine[] = [];
  const stderr: string[] = [];
  const waiting: { type: string; resolve: (l: DriverLine) => void }[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!text.trim()) continue;
      const parsed = JSON.parse(text) as DriverLine;
      lines.push(parsed);
      const i = waiting.findIndex((w) => w.type === parsed.type);
      if (i !== -1) waiting.splice(i, 1)[0]!.resolve(parsed);
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => stderr.push(chunk));
  child.stdin!.on('error', () => {});
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    lines,
    stderr,
    exit,
    line(type, timeoutMs = 20_000) {
      const seen = lines.find((l) => l.type === type);
      if (seen) return Promise.resolve(seen);
      return new Promise<DriverLine>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the driver sent no "${type}" line within ${timeoutMs} ms; stderr:\n${stderr.join('')}`)), timeoutMs);
        const done = (l: DriverLine) => {
          clearTimeout(timer);
          resolve(l);
        };
        waiting.push({ type, resolve: done });
        void exit.then(() => {
          if (!lines.some((l) => l.type === type)) {
            clearTimeout(timer);
            reject(new Error(`the driver exited without a "${type}" line; stderr:\n${stderr.join('')}`));
          }
        });
      });
    },
    go() {
      child.stdin!.end('go\n');
    },
  };
}
