// Runs tests/support/live-driver.ts as a child process and talks to it: gives it its round, waits for its
// JSON lines, tells it to go on, kills it, waits for it to end. A driver is started ahead of its round (it
// loads its code, then waits): see DriverPool.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('../support/live-driver.ts', import.meta.url));

/** What every driver of a test shares (its command line). */
export interface DriverBase {
  origin: string;
  dataDir: string;
  price: number;
}

/** One driver's round (its first line on stdin). */
export interface DriverArgs {
  round: number;
  killAt: number;
  reconcileOnly?: boolean;
  killAtStartup?: number;
}

export interface DriverLine {
  type: 'ready' | 'reconciled' | 'killed' | 'done';
  [key: string]: unknown;
}

export interface DriverProcess {
  readonly child: ChildProcess;
  /** The next line of this type (earlier lines of other types are kept for later). */
  line(type: DriverLine['type'], timeoutMs?: number): Promise<DriverLine>;
  /** Lines seen so far. */
  readonly lines: DriverLine[];
  readonly stderr: string[];
  /** Spawn to its "ready" line (its code loaded), ms; null before that line. */
  readonly loadedMs: number | null;
  /** Gives it its round: it opens the journal and the exchange, reconciles and says "reconciled". */
  open(args: DriverArgs): void;
  go(): void;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startDriver(base: DriverBase): DriverProcess {
  const spawnedAt = Date.now();
  // V8's code cache on disk: the kill test starts the driver dozens of times, each start compiles less.
  const env = { ...process.env, NODE_COMPILE_CACHE: path.join(tmpdir(), 'keel-live-driver-compile-cache') };
  const child = spawn(process.execPath, ['--no-warnings', DRIVER, JSON.stringify(base)], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const lines: DriverLine[] = [];
  let loadedMs: number | null = null;
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
      if (parsed.type === 'ready') loadedMs = Date.now() - spawnedAt;
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
    get loadedMs() {
      return loadedMs;
    },
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
    open(args) {
      child.stdin!.write(JSON.stringify(args) + '\n');
    },
    go() {
      child.stdin!.end('go\n');
    },
  };
}

/**
 * Drivers on one data dir, started ahead: each taken one is replaced at once, so the next ones load Node,
 * the engine and ccxt while the current one trades (and is killed). A spare touches nothing until it is
 * given its round, after the driver before it has died.
 */
export class DriverPool {
  readonly #base: DriverBase;
  readonly #spares: DriverProcess[] = [];
  readonly #ahead: number;
  /** Spawn to "ready" of each driver taken, ms. */
  readonly loading: number[] = [];

  /**
   * `ahead`: drivers kept started. One: the machine's cores are the limit then (two ahead were no faster
   * on two cores, each start only slower).
   */
  constructor(base: DriverBase, ahead = 1) {
    this.#base = base;
    this.#ahead = ahead;
    while (this.#spares.length < ahead) this.#spares.push(startDriver(base));
  }

  /** A started driver given `args`; another is started in its place. */
  open(args: DriverArgs): DriverProcess {
    const driver = this.#spares.shift() ?? startDriver(this.#base);
    while (this.#spares.length < this.#ahead) this.#spares.push(startDriver(this.#base));
    driver.open(args);
    void driver.line('ready', 60_000).then(
      () => this.loading.push(driver.loadedMs!),
      () => undefined,
    );
    return driver;
  }

  /** Kills the spares. */
  async close(): Promise<void> {
    const spares = this.#spares.splice(0);
    for (const spare of spares) spare.child.kill('SIGKILL');
    await Promise.all(spares.map((spare) => spare.exit));
  }
}
