// The trading screen hears when an account's journal cannot save what the account does, even when no
// user action is there to get the error: a paper fill at a market tick. A real `keel serve` on a real
// SQLite file, a replay playing, and a trigger (added through a second connection to the same file, as a
// failing drive would refuse) that makes every fill's insert fail for real until it is dropped.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../electron/app/data-dir.ts';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import type { JournalHealth } from '../../shared/contract/index.ts';
import { eventWaiter, openBridgeSession, swingingMinutesCsv, type BridgeSession } from '../helpers/bridge-session.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const next = eventWaiter(20_000);

let bridge: BridgeSession;
let client: BridgeClient;
let db: Database.Database;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'journal-health', candles: { csv: swingingMinutesCsv(3000), symbol: 'BTC/USDT', timeframe: '1m' } });
  client = bridge.client;
  db = new Database(journalPath(bridge.dataDir));
  db.pragma('busy_timeout = 10000');
});

afterAll(async () => {
  db?.close();
  expect(await bridge?.close()).toBe(0);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("an account's journal health over the bridge", () => {
  it('says when a fill at a tick could not be saved, once, and when the journal saves again', async () => {
    expect(await client.commands['trading.journalHealth']({})).toEqual({ accounts: [] });
    const heard: JournalHealth[] = [];
    const off = client.events['trading.journalHealth']((h) => heard.push(h));

    const firstTick = next(client, 'market.candle', () => true);
    await client.commands['replay.start']({ series: SERIES, speed: 1000, history: 20 });
    await firstTick;

    // Every fill's row is refused from now on: the market order is accepted (its rows are orders and
    // order_events), and its fill at the next tick cannot be saved.
    db.exec("CREATE TRIGGER refuse_fills BEFORE INSERT ON fills BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const before = Date.now();
    const failing = next(client, 'trading.journalHealth', (h) => h.status === 'failing');
    const order = await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' });
    expect(order.status).toBe('accepted');
    const failed = await failing;
    expect(failed).toMatchObject({ account: 'paper', status: 'failing', error: expect.stringContaining('disk I/O error'), reload: 'reloaded', reloadError: null, recoveredAt: null });
    expect(failed.failedAt).toBeGreaterThanOrEqual(before);
    expect(failed.failedAt).toBeLessThanOrEqual(Date.now());
    expect(failed.changedAt).toBe(failed.failedAt);
    // A page opened now learns it by asking.
    expect(await client.commands['trading.journalHealth']({})).toEqual({ accounts: [failed] });

    // The order is open again as the journal holds it, and every tick tries its fill again and fails:
    // the screen is told once, not at every tick.
    await candles(4);
    expect((await client.commands['trading.orders']({ status: 'open' })).orders.map((o) => o.id)).toEqual([order.id]);
    expect(heard).toEqual([failed]);

    const saving = next(client, 'trading.journalHealth', (h) => h.status === 'saving');
    const filled = next(client, 'trading.fill', (f) => f.orderId === order.id);
    const allowedAt = Date.now();
    db.exec('DROP TRIGGER refuse_fills');
    const saved = await saving;
    expect(saved).toMatchObject({ account: 'paper', status: 'saving', failedAt: failed.failedAt, error: failed.error, reload: 'reloaded' });
    expect(saved.recoveredAt).toBeGreaterThanOrEqual(allowedAt);
    expect(saved.changedAt).toBe(saved.recoveredAt);
    expect((await filled).qty).toBe('1');
    expect(await client.commands['trading.journalHealth']({})).toEqual({ accounts: [saved] });

    // Writes that keep going through say nothing more. (The waiter listens before the sell is sent: on a
    // loaded host the sell's fill at an overdue tick can reach the client in the same read as its reply.)
    const flat = next(client, 'trading.positions', (p) => p.positions.every((x) => x.qty === '0'));
    const sell = await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '1' });
    expect(sell.status).toBe('accepted');
    await flat;
    await sleep(200);
    off();
    expect(heard).toEqual([failed, saved]);
  });
});

/** Resolves once `count` more candle events have arrived (however slow a loaded host plays the replay). */
async function candles(count: number): Promise<void> {
  for (let k = 0; k < count; k++) await next(client, 'market.candle', () => true);
}
