// Reads of the exchange that keep failing are told to the trader, once, and told again when they work:
// with the key's rights taken away mid-session, every poll of the open orders is refused. Keel cannot see
// fills or cancels then, so the exchange circuit breaker opens (status "error", one alert in the risk
// log, not one per poll), and it closes once the exchange answers again and a reconciliation passes.
// Against the local Binance server, through the dispatcher as the window calls it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format } from '../../shared/trading/decimal.ts';
import { call, openLiveKeelRig, type LiveKeelRig } from '../helpers/live-keel.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

let rig: LiveKeelRig;

beforeAll(async () => {
  rig = await openLiveKeelRig({ name: 'live-read-failures', balances: { USDT: '25000', BTC: '0' } });
});

afterAll(() => rig?.close());

/** As waitFor, for a check that asks Keel (a command answers asynchronously). */
async function waitUntil<T>(what: string, check: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface RiskState {
  status: string;
  circuit: { state: string; reason: string | null };
}

interface RiskEvent {
  kind: string;
  level: string;
  message: string;
}

describe('polls the exchange refuses', () => {
  it('open the circuit breaker once, with the exchange’s reason, and close it once reads work again', async () => {
    const k = rig.keel();
    const credentials = [...rig.server.exchange.credentials];
    try {
      await call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      const price = Math.floor(Number(format(rig.server.exchange.matcher.price('BTCUSDT'))) * 0.8);
      await call(k, 'trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: String(price), clientOrderId: 'polled-1' });
      await waitFor('the order on the exchange', () => rig.server.exchange.ordersWithClientId('polled-1')[0]?.status === 'NEW');
      const circuitEvents = async (what: RegExp) => (await call<{ events: RiskEvent[] }>(k, 'risk.events', { limit: 200 })).events.filter((e) => e.kind === 'circuit' && what.test(e.message)).length;
      const openedBefore = await circuitEvents(/circuit breaker open/);
      const closedBefore = await circuitEvents(/circuit breaker closed: reconciliation passed/);

      rig.server.exchange.credentials.splice(0, Infinity, { apiKey: 'another-key', secret: 'x' });
      const state = await waitUntil('the circuit breaker open', async () => {
        const s = await call<RiskState>(k, 'risk.state');
        return s.status === 'error' && s;
      }, 10_000);
      expect(state.circuit.reason).toContain('Invalid API-key, IP, or permissions for action');
      // Polls go on failing; the trader is told once.
      const polls = rig.server.requests.length;
      await waitFor('more failed polls', () => rig.server.requests.length >= polls + 5, 10_000);
      expect((await circuitEvents(/circuit breaker open/)) - openedBefore).toBe(1);

      rig.server.exchange.credentials.splice(0, Infinity, ...credentials);
      await waitUntil('the circuit breaker closed', async () => (await call<RiskState>(k, 'risk.state')).circuit.state === 'closed', 10_000);
      expect((await circuitEvents(/circuit breaker closed: reconciliation passed/)) - closedBefore).toBe(1);
    } finally {
      rig.server.exchange.credentials.splice(0, Infinity, ...credentials);
      await k.close();
    }
  });
});
