// Keel over the real bridge, for integration tests: a fresh temp directory, candles imported into its data
// directory with the real CLI (if the test wants some), a `keel serve` child on it, and a bridge client
// connected over WebSocket as the browser connects. close() undoes it all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createBridgeClient, type BridgeClient, type SocketLike } from '../../shared/bridge/client.ts';
import type { EventName, EventPayload } from '../../shared/contract/index.ts';
import { KEEL_BIN, REPO_ROOT, startKeelServe, type KeelServe } from './keel-serve.ts';

/** Candles for `keel import`: a file, or CSV text the session writes to candles.csv in its directory. */
export type CandleImport = { symbol: string; timeframe: string } & ({ file: string } | { csv: string });

export interface ServeOptions {
  /** The temp directory is keel-NAME-XXXXXX. */
  name: string;
  /** One series, or several (a portfolio's markets), imported in order. */
  candles?: CandleImport | readonly CandleImport[];
  /** Extra environment for keel serve (KEEL_BACKTEST_WORKERS, ...), kept across restarts. */
  env?: NodeJS.ProcessEnv;
}

export interface ServeSession {
  /** The temp directory, removed by close(). */
  dir: string;
  /** `data` in the temp directory: keel serve's data directory. */
  dataDir: string;
  serve: KeelServe;
  /** Stops keel serve and removes the directory; resolves with keel serve's exit code. */
  close(): Promise<number | null>;
}

export interface BridgeSession extends ServeSession {
  /** Connected to the keel serve running now. */
  client: BridgeClient;
  /**
   * Closes the client, stops keel serve, starts it again on the same data directory and connects a new
   * client (`client` and `serve` are the new ones); resolves with the stopped process's exit code.
   */
  restart(): Promise<number | null>;
  /** Closes the client, stops keel serve and removes the directory; resolves with keel serve's exit code. */
  close(): Promise<number | null>;
}

/** A `keel serve` child on a fresh data directory, with no client. */
export async function openServeSession(options: ServeOptions): Promise<ServeSession> {
  const dir = mkdtempSync(join(tmpdir(), `keel-${options.name}-`));
  const dataDir = join(dir, 'data');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    for (const c of [options.candles ?? []].flat()) importCandles(dir, dataDir, c);
    const session: ServeSession = {
      dir,
      dataDir,
      serve: await startKeelServe({ dataDir, env: options.env }),
      async close() {
        const code = await session.serve.stop();
        remove();
        return code;
      },
    };
    return session;
  } catch (err) {
    remove();
    throw err;
  }
}

/** A `keel serve` child on a fresh data directory and a bridge client connected to it. */
export async function openBridgeSession(options: ServeOptions): Promise<BridgeSession> {
  const session = await openServeSession(options);
  const closeServe = session.close;
  let client: BridgeClient;
  try {
    client = await connectBridge(session.serve);
  } catch (err) {
    await closeServe();
    throw err;
  }
  const bridge: BridgeSession = Object.assign(session, {
    client,
    async restart() {
      bridge.client.close();
      const code = await bridge.serve.stop();
      bridge.serve = await startKeelServe({ dataDir: bridge.dataDir, env: options.env });
      bridge.client = await connectBridge(bridge.serve);
      return code;
    },
    close() {
      bridge.client.close();
      return closeServe();
    },
  });
  return bridge;
}

/** A bridge client connected to `serve`, ready to call. */
export async function connectBridge(serve: KeelServe): Promise<BridgeClient> {
  const ws = new WebSocket(serve.wsUrl, { origin: serve.origin });
  const client = createBridgeClient(ws as unknown as SocketLike);
  await client.ready;
  return client;
}

/**
 * `next(client, name, match)`: resolves with the first `name` event that `match` accepts (listening starts
 * at the call), or rejects when none came within `ms`.
 */
export function eventWaiter(ms: number) {
  return <E extends EventName>(c: BridgeClient, name: E, match: (p: EventPayload<E>) => boolean): Promise<EventPayload<E>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching ${name} event in ${ms} ms`));
      }, ms);
      const off = c.events[name]((p) => {
        if (!match(p)) return;
        clearTimeout(timer);
        off();
        resolve(p);
      });
    });
}

/** `count` one-minute candles from 2024-01-01 swinging around 100, two-decimal prices, volume 50 to 56: CSV text. */
export function swingingMinutesCsv(count: number): string {
  const rows = ['timestamp,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < count; i++) {
    const o = price;
    price = Math.round((price + Math.sin(i / 9) * 0.8) * 100) / 100;
    rows.push(`${Date.UTC(2024, 0, 1) + i * 60_000},${o},${(Math.max(o, price) + 0.3).toFixed(2)},${(Math.min(o, price) - 0.3).toFixed(2)},${price},${50 + (i % 7)}`);
  }
  return rows.join('\n');
}

function importCandles(dir: string, dataDir: string, candles: CandleImport): void {
  let file: string;
  if ('file' in candles) file = candles.file;
  else writeFileSync((file = join(dir, 'candles.csv')), candles.csv);
  execFileSync(process.execPath, [KEEL_BIN, 'import', file, '--symbol', candles.symbol, '--timeframe', candles.timeframe, '--data-dir', dataDir], { cwd: REPO_ROOT });
}
