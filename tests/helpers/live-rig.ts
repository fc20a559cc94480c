// Live trading against the local Binance-speaking server: an engine with the ccxt live broker, a SQLite
// journal in a temp data dir, prices fed from the server's tape, and ways to compare journal and exchange.
// Used by the live-broker integration tests and by the kill-test driver (tests/support/live-driver.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryLogger, type Logger } from '../../electron/app/logger.ts';
import { openLiveTrading, type LiveTradingOptions, type LiveTradingServices } from '../../electron/app/live-trading-services.ts';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import type { TradingJournal } from '../../electron/journal/trading-journal.ts';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { MarketClock, wallClock } from '../../electron/trading/clock.ts';
import { MarketFeed } from '../../electron/trading/market-feed.ts';
import { dec, format, type Dec } from '../../shared/trading/decimal.ts';
import type { Origin } from '../../shared/trading/orders.ts';

export const USER: Origin = { kind: 'user' };
export const ACCOUNT = 'binance:main';

export interface LiveRigOptions {
  /** http://127.0.0.1:PORT of the test server. */
  origin: string;
  apiKey: string;
  secret: string;
  dataDir?: string;
  log?: Logger;
  timeoutMs?: number;
  pollMs?: number;
  /** Wraps the SQLite journal (the kill driver stops the process inside its writes). */
  wrapJournal?: (j: TradingJournal) => TradingJournal;
  probe?: NonNullable<LiveTradingOptions['broker']>['probe'];
  /** Last prices per symbol to feed before any order (the engine sizes market orders at them). */
  prices?: Record<string, number>;
}

export interface LiveRig {
  live: LiveTradingServices;
  journal: Journal;
  feed: MarketFeed;
  dataDir: string;
  log: Logger & { lines?: string[] };
  /** Feeds a price into the engine (marks, emulated triggers). */
  price(symbol: string, price: number): void;
  close(): void;
}

export async function openLiveRig(options: LiveRigOptions): Promise<LiveRig> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'keel-live-'));
  const journal = openJournal(path.join(dataDir, 'journal.sqlite'));
  const log = options.log ?? memoryLogger();
  const clock = new MarketClock(wallClock);
  const feed = new MarketFeed({ clock });
  const sqlite = new SqliteTradingJournal(journal.db);
  let live: LiveTradingServices;
  try {
    live = await openLiveTrading({
      account: ACCOUNT,
      exchange: 'binance',
      credentials: async () => ({ apiKey: options.apiKey, secret: options.secret }),
      connection: { endpoints: { rest: options.origin, ws: options.origin.replace('http', 'ws') }, timeoutMs: options.timeoutMs ?? 2_000, rateLimitMs: 1 },
      journal: options.wrapJournal ? options.wrapJournal(sqlite) : sqlite,
      feed,
      clock,
      log,
      broker: { pollMs: options.pollMs ?? 50, backoff: { baseMs: 20, maxMs: 200, jitter: 0 }, probe: options.probe },
    });
  } catch (err) {
    journal.close();
    throw err;
  }
  // After the engine exists: it marks (and sizes market orders) from prices it has heard itself.
  for (const [symbol, p] of Object.entries(options.prices ?? {})) feed.onPrice(symbol, Date.now(), p);
  return {
    live,
    journal,
    feed,
    dataDir,
    log,
    price: (symbol, p) => feed.onPrice(symbol, Date.now(), p),
    close() {
      live.close();
      journal.close();
    },
  };
}

/** What the journal says about the account, by client order id: status, filled qty, and fills. */
export function journalView(j: TradingJournal, account = ACCOUNT): Map<string, { id: string; status: string; filled: Dec; fills: number; fillQty: Dec }> {
  const out = new Map<string, { id: string; status: string; filled: Dec; fills: number; fillQty: Dec }>();
  for (const o of j.orders(account, { status: 'all', limit: 100_000 })) out.set(o.clientOrderId, { id: o.id, status: o.status, filled: o.filledQty, fills: 0, fillQty: 0n });
  const byId = new Map([...out.values()].map((v) => [v.id, v]));
  for (const f of j.fills(account, { limit: 100_000 })) {
    const v = byId.get(f.orderId);
    if (v) {
      v.fills++;
      v.fillQty += f.qty;
    }
  }
  return out;
}

export const fmt = (d: Dec): string => format(d);
export { dec };
