// The panic controls stop every account: with a live account armed and a paper order still resting, the
// kill switch from the desktop's tray (or its global shortcut) cancels the live order on the exchange and
// the paper order alike, and blocks new entries on both; the risk panel's button stops only the account it
// shows. Against the local Binance server, through the dispatcher as the main process calls it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Keel } from '../../electron/app/keel.ts';
import { format } from '../../shared/trading/decimal.ts';
import { call, openLiveKeelRig, type LiveKeelRig } from '../helpers/live-keel.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

let rig: LiveKeelRig;

beforeAll(async () => {
  rig = await openLiveKeelRig({ name: 'kill-every-account', balances: { USDT: '25000', BTC: '0.5' } });
});

afterAll(() => rig?.close());

/** The kill switch as the Electron main process pulls it from the tray or the shortcut (every account), or as the panel's button does. */
async function kill(k: Keel, peer: 'tray' | 'shortcut' | 'window'): Promise<{ cancelled: number; state: { status: string }; failures: string[] }> {
  const outcome = await k.dispatch('risk.kill', peer === 'window' ? { flatten: false } : { flatten: false, everyAccount: true }, { shell: 'electron', peer });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result as { cancelled: number; state: { status: string }; failures: string[] };
}

/** A resting buy 20 % under the market, on whichever account is active: its status and why, if refused. */
async function restingBuy(k: Keel, clientOrderId: string): Promise<{ status: string; reason: string | null }> {
  const price = Math.floor(Number(format(rig.server.exchange.matcher.price('BTCUSDT'))) * 0.8);
  return call(k, 'trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: String(price), clientOrderId });
}

const refusedByTheKillSwitch = { status: 'rejected', reason: expect.stringMatching(/kill switch/i) };

const paperOrder = (k: Keel, clientOrderId: string) => call<{ orders: { clientOrderId: string; status: string }[] }>(k, 'trading.orders', { status: 'all' }).then((r) => r.orders.find((o) => o.clientOrderId === clientOrderId)?.status);

describe('the kill switch on every account', () => {
  for (const peer of ['tray', 'shortcut'] as const) {
    it(`from the ${peer}: cancels the armed live account's orders and paper's, and both refuse new entries`, async () => {
      const k = rig.keel();
      try {
        await restingBuy(k, `${peer}-paper`);
        await call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
        await restingBuy(k, `${peer}-live`);
        await waitFor('the live order on the exchange', () => rig.server.exchange.ordersWithClientId(`${peer}-live`)[0]?.status === 'NEW');

        const r = await kill(k, peer);
        expect(r.failures).toEqual([]);
        // One live order and one paper order: the counts are both accounts'.
        expect(r.cancelled).toBe(2);
        expect(r.state.status).toBe('halted');
        await waitFor('the live order cancelled on the exchange', () => rig.server.exchange.ordersWithClientId(`${peer}-live`)[0]?.status === 'CANCELED');

        // The live account refuses new entries; so does paper once the window goes back to it. Each is
        // re-armed on its own (the switch's state is kept per account, across restarts).
        expect(await restingBuy(k, `${peer}-live-2`)).toMatchObject(refusedByTheKillSwitch);
        await call(k, 'risk.rearm');
        await call(k, 'trading.disarm');
        expect(await paperOrder(k, `${peer}-paper`)).toBe('cancelled');
        expect((await call<{ status: string }>(k, 'risk.state')).status).toBe('halted');
        expect(await restingBuy(k, `${peer}-paper-2`)).toMatchObject(refusedByTheKillSwitch);
        await call(k, 'risk.rearm');
      } finally {
        await k.close();
      }
    });
  }

  it('from the tray: a cancel the exchange refuses is not counted; the failure names the order and the exchange’s reason', async () => {
    const k = rig.keel();
    const credentials = [...rig.server.exchange.credentials];
    try {
      await restingBuy(k, 'refused-paper');
      await call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      await restingBuy(k, 'refused-live');
      await waitFor('the live order on the exchange', () => rig.server.exchange.ordersWithClientId('refused-live')[0]?.status === 'NEW');
      // The key loses its rights on the exchange: every cancel is answered with a refusal.
      rig.server.exchange.credentials.splice(0, Infinity, { apiKey: 'another-key', secret: 'x' });

      const r = await kill(k, 'tray');
      // Paper's order is cancelled; the live one is still working on the exchange, and the report says so.
      expect(r.cancelled).toBe(1);
      expect(rig.server.exchange.ordersWithClientId('refused-live')[0]?.status).toBe('NEW');
      expect(r.failures).toHaveLength(1);
      expect(r.failures[0]).toMatch(/^binance:main: cancel order refused-live \(BTC\/USDT buy 0\.001 limit at \d+(\.\d+)?\): binance refused the cancel: Invalid API-key, IP, or permissions for action; it is still open on binance \(/);
      const order = (await call<{ orders: { clientOrderId: string; status: string; reason: string | null }[] }>(k, 'trading.orders', { status: 'all' })).orders.find((o) => o.clientOrderId === 'refused-live');
      expect(order).toMatchObject({ status: 'accepted', reason: expect.stringMatching(/binance refused to cancel it.*Invalid API-key/) });

      rig.server.exchange.credentials.splice(0, Infinity, ...credentials);
      await waitFor('cancelled once the key works again', () => rig.server.exchange.ordersWithClientId('refused-live')[0]?.status === 'CANCELED', 10_000);
      await call(k, 'risk.rearm');
      await call(k, 'trading.disarm');
      await call(k, 'risk.rearm');
    } finally {
      rig.server.exchange.credentials.splice(0, Infinity, ...credentials);
      await k.close();
    }
  });

  it("from the risk panel: stops the account it shows, and paper's order rests on", async () => {
    const k = rig.keel();
    try {
      await restingBuy(k, 'panel-paper');
      await call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      await restingBuy(k, 'panel-live');
      await waitFor('the live order on the exchange', () => rig.server.exchange.ordersWithClientId('panel-live')[0]?.status === 'NEW');

      const r = await kill(k, 'window');
      expect(r.cancelled).toBe(1);
      await waitFor('the live order cancelled on the exchange', () => rig.server.exchange.ordersWithClientId('panel-live')[0]?.status === 'CANCELED');
      await call(k, 'risk.rearm');
      await call(k, 'trading.disarm');
      expect(await paperOrder(k, 'panel-paper')).toBe('accepted');
      expect((await call<{ status: string }>(k, 'risk.state')).status).toBe('ok');
    } finally {
      await k.close();
    }
  });
});
