// The app in one process (createKeel, as `keel serve` wires it) with live trading against the local
// Binance-speaking server, for integration tests of paper and live side by side: the server with a test
// account, a temp data directory, a keychain holding binance:main's key, and commands called the way the
// bridge calls them (dispatch), failures thrown as errors with their code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKeel, type Keel } from '../../electron/app/keel.ts';
import { memoryLogger } from '../../electron/app/logger.ts';
import type { KeyAccess } from '../../electron/app/trading-mode-service.ts';
import { startBinanceServer, TEST_API_KEY, TEST_API_SECRET, type BinanceServer } from '../support/binance-server/index.ts';

const ctx = { shell: 'browser' as const, peer: 'test' };

/** A keychain with one account's key in it: binance:main, the test server's. */
export const keys: KeyAccess = {
  has: async (a) => a.exchange === 'binance' && a.name === 'main',
  get: async (a) => (a.exchange === 'binance' && a.name === 'main' ? { apiKey: TEST_API_KEY, secret: TEST_API_SECRET } : null),
  list: async () => [{ exchange: 'binance', name: 'main' }],
};

/** Calls a command as the bridge does; resolves with its result, or throws an Error carrying the outcome's error (code, message, issues). */
export async function call<T>(k: Keel, name: string, params: unknown = {}): Promise<T> {
  const outcome = await k.dispatch(name, params, ctx);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
  return outcome.result as T;
}

export interface LiveKeelRig {
  /** The local Binance server; its test account holds the balances asked for. */
  server: BinanceServer;
  /** A fresh data directory, removed by close(). */
  dataDir: string;
  /** A new Keel on the data directory: no market source, no control channel, live trading against the server with `keys`. */
  keel(): Keel;
  /** Closes the server and removes the data directory (each Keel is the test's to close). */
  close(): Promise<void>;
}

export async function openLiveKeelRig(options: { name: string; balances: Record<string, string> }): Promise<LiveKeelRig> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `keel-${options.name}-`));
  const server = await startBinanceServer({ account: { balances: options.balances } }).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    server,
    dataDir,
    keel: () =>
      createKeel({
        dataDir,
        shell: 'browser',
        log: memoryLogger(),
        market: { mode: 'none' },
        control: false,
        live: { keys, connection: { endpoints: { rest: server.origin, ws: server.wsOrigin }, timeoutMs: 2_000, rateLimitMs: 1 }, broker: { pollMs: 50 } },
      }),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
