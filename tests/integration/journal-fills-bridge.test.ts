// The fills tab's "load older" over the real bridge: a `keel serve` child process fills orders during a
// replay, and the client pages back through them as the tab does, a few at a time, each page asking for
// the ones before the oldest it has; every fill arrives once, newest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../shared/bridge/client.ts';
import type { Fill } from '../../shared/trading/orders.ts';
import { eventWaiter, openBridgeSession, swingingMinutesCsv, type BridgeSession } from '../helpers/bridge-session.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const next = eventWaiter(20_000);

let bridge: BridgeSession;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await openBridgeSession({ name: 'journal-fills-bridge', candles: { csv: swingingMinutesCsv(600), symbol: 'BTC/USDT', timeframe: '1m' } });
  client = bridge.client;
  const firstTick = next(client, 'market.candle', () => true);
  await client.commands['replay.start']({ series: SERIES, speed: 1000, history: 20 });
  await firstTick;
  for (let i = 0; i < 5; i++) {
    const filled = next(client, 'trading.fill', (f) => f.clientOrderId === `page-${i}`);
    await client.commands['trading.submit']({ clientOrderId: `page-${i}`, symbol: 'BTC/USDT', side: i % 2 === 0 ? 'buy' : 'sell', type: 'market', qty: '1' });
    await filled;
  }
});

afterAll(async () => {
  expect(await bridge?.close()).toBe(0);
});

describe('paging the fills over the bridge', () => {
  it('pages back through every fill once, newest first, from the oldest shown', async () => {
    const all = (await client.commands['trading.fills']({})).fills;
    expect(all.map((f) => f.clientOrderId)).toEqual(['page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
    const pages: Fill[][] = [];
    let before: { ts: number; id: string } | undefined;
    for (;;) {
      const { fills } = await client.commands['trading.fills']({ limit: 2, ...(before ? { before } : {}) });
      pages.push(fills);
      if (fills.length < 2) break;
      before = { ts: fills.at(-1)!.ts, id: fills.at(-1)!.id };
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((f) => f.id)).toEqual(all.map((f) => f.id));
  });

  it('refuses a cursor that is not a fill time and id, naming the field', async () => {
    await expect(client.commands['trading.fills']({ before: { ts: 1.5, id: 'x' } })).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/before\.ts/) });
    await expect(client.commands['trading.fills']({ before: { ts: 1, id: '' } } as never)).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/before\.id/) });
  });
});
