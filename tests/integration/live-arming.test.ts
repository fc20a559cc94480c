// Paper and live modes through the contract, against the local Binance server: Keel starts in paper;
// arming needs a stored key and the account name typed back; once armed, trading.* commands reach the
// exchange and app.info says live; disarming goes back to paper; both are in the audit log; and a restart
// comes back in paper whatever the mode was.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../electron/journal/open-journal.ts';
import type { EventPayload } from '../../shared/contract/index.ts';
import { dec, format } from '../../shared/trading/decimal.ts';
import { call, openLiveKeelRig, type LiveKeelRig } from '../helpers/live-keel.ts';
import type { BinanceServer } from '../support/binance-server/index.ts';
import { waitFor } from '../support/binance-server/test-helpers.ts';

// The local Binance server's test account, and a keychain with binance:main's key in it.
let rig: LiveKeelRig;
let server: BinanceServer;

beforeAll(async () => {
  rig = await openLiveKeelRig({ name: 'arming', balances: { USDT: '25000', BTC: '0.5' } });
  server = rig.server;
});

afterAll(() => rig?.close());

describe('arming live trading', () => {
  it('paper by default; arm with the typed account name; live orders reach the exchange; disarm; restart is paper', async () => {
    const k = rig.keel();
    const modeEvents: EventPayload<'trading.mode'>[] = [];
    k.bus.on('trading.mode', (m) => modeEvents.push(m));
    try {
      expect(await call(k, 'app.info')).toMatchObject({ tradingMode: 'paper' });
      expect(await call(k, 'trading.mode')).toEqual({ mode: 'paper', account: null, armedAt: null, accounts: ['binance:main'], keychainError: null });

      const preview = await call<{ balances: { asset: string; free: string }[]; confirmText: string }>(k, 'trading.armPreview', { account: 'binance:main' });
      expect(preview.confirmText).toBe('binance:main');
      expect(preview.balances).toEqual([
        { asset: 'BTC', free: '0.5', locked: '0' },
        { asset: 'USDT', free: '25000', locked: '0' },
      ]);

      await expect(call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance' })).rejects.toMatchObject({ code: 'invalid_request', issues: [{ path: 'confirm' }] });
      await expect(call(k, 'trading.arm', { account: 'binance:sub1', confirm: 'binance:sub1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('no API key is stored for binance:sub1') });
      expect(await call(k, 'app.info')).toMatchObject({ tradingMode: 'paper' });

      const armed = await call<{ mode: string; account: string; balances: unknown[] }>(k, 'trading.arm', { account: 'binance:main', confirm: ' binance:main ' });
      expect(armed).toMatchObject({ mode: 'live', account: 'binance:main' });
      expect(armed.balances).toHaveLength(2);
      expect(await call(k, 'app.info')).toMatchObject({ tradingMode: 'live' });
      expect(modeEvents.map((m) => m.mode)).toEqual(['live']);
      expect(await call(k, 'trading.account')).toMatchObject({ mode: 'live', account: 'binance:main' });

      const price = Math.floor(Number(format(server.exchange.matcher.price('BTCUSDT'))) * 0.8);
      const order = await call<{ id: string; status: string }>(k, 'trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: String(price), clientOrderId: 'armed-1' });
      expect(order.status).toBe('new');
      await waitFor('accepted by the exchange', () => server.exchange.ordersWithClientId('armed-1')[0]?.status === 'NEW');
      await waitFor('accepted in the engine', async () => (await call<{ orders: { status: string }[] }>(k, 'trading.orders', { status: 'open' })).orders[0]?.status === 'accepted');

      expect(await call(k, 'trading.disarm')).toMatchObject({ mode: 'paper', account: null });
      expect(await call(k, 'app.info')).toMatchObject({ tradingMode: 'paper' });
      expect(modeEvents.map((m) => m.mode)).toEqual(['live', 'paper']);
      // Paper again: an order stays in this process.
      const before = server.exchange.matcher.orders.length;
      await call(k, 'trading.submit', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: '20000', clientOrderId: 'paper-1' });
      expect(server.exchange.matcher.orders.length).toBe(before);
    } finally {
      await k.close();
    }

    const audit = openJournal(path.join(rig.dataDir, 'journal.sqlite'), { readonly: true });
    try {
      const rows = audit.db.prepare("SELECT action, actor, details FROM audit_log WHERE action LIKE 'mode.%' ORDER BY seq").all() as { action: string; actor: string; details: string }[];
      expect(rows.map((r) => [r.action, r.actor])).toEqual([
        ['mode.arm', 'user'],
        ['mode.disarm', 'user'],
      ]);
      expect(JSON.parse(rows[0]!.details)).toMatchObject({ account: 'binance:main', balances: [{ asset: 'BTC' }, { asset: 'USDT' }] });
    } finally {
      audit.close();
    }

    // A restart never resumes live trading; the live order is still on the exchange, for the next arming.
    const again = rig.keel();
    try {
      expect(await call(again, 'app.info')).toMatchObject({ tradingMode: 'paper' });
      expect(await call(again, 'trading.mode')).toMatchObject({ mode: 'paper', account: null });
      expect(server.exchange.ordersWithClientId('armed-1')[0]?.status).toBe('NEW');
      await call(again, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      const open = await call<{ orders: { clientOrderId: string; status: string }[] }>(again, 'trading.orders', { status: 'open' });
      expect(open.orders.map((o) => [o.clientOrderId, o.status])).toEqual([['armed-1', 'accepted']]);
    } finally {
      await again.close();
    }
  });

  it('says what reconciliation found that Keel did not do: an order placed elsewhere and a balance Keel did not expect; the kill switch says it left that order open', async () => {
    const found = await openLiveKeelRig({ name: 'arming-findings', balances: { USDT: '25000', BTC: '0.5' } });
    const k = found.keel();
    try {
      // Placed on the exchange's website, say: Keel's journal has never heard of it.
      const price = String(Math.floor(Number(format(found.server.exchange.matcher.price('BTCUSDT'))) * 1.5));
      found.server.exchange.matcher.place(new URLSearchParams({ symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price, newClientOrderId: 'web_1' }));
      const modeEvents: EventPayload<'trading.mode'>[] = [];
      k.bus.on('trading.mode', (m) => modeEvents.push(m));

      const armed = await call<EventPayload<'trading.mode'>>(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      const foreign = { symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '0.1', filledQty: '0', price, clientOrderId: 'web_1', exchangeOrderId: expect.any(String) };
      // The journal starts from the USDT balance; the BTC was never bought through Keel. The first arming takes
      // it as the account's opening balance and says so, once: it is not drift.
      const opening = [{ asset: 'BTC', expected: '0', exchange: '0.5', difference: '0.5' }];
      expect(armed.findings).toEqual({ reconciledAt: expect.any(Number), foreignOpenOrders: [foreign], balanceDrift: [], openingBalances: opening, refusedCancels: [] });
      expect(modeEvents.at(-1)?.findings).toEqual(armed.findings);
      expect((await call<EventPayload<'trading.mode'>>(k, 'trading.mode')).findings).toEqual(armed.findings);

      // The kill switch never touches it, and says so, with where to cancel it.
      const killed = await call<{ failures: string[] }>(k, 'risk.kill', { flatten: false });
      expect(killed.failures).toEqual([
        `cancel 1 order placed outside Keel (BTC/USDT sell 0.1 limit at ${price}, client id web_1), open on binance at the last reconciliation: Keel never touches orders it did not place; it is still open, cancel it on binance if it should not stay`,
      ]);
      expect(found.server.exchange.ordersWithClientId('web_1')[0]?.status).toBe('NEW');
    } finally {
      await k.close();
    }

    // Armed again after a deposit Keel did not see: only the deposit is drift; the opening is not said again.
    const SEEN = [{ asset: 'BTC', exchange: '0.75' }];
    found.server.exchange.matcher.account.credit('BTC', dec('0.25'));
    const again = found.keel();
    try {
      const armed = await call<EventPayload<'trading.mode'>>(again, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      expect(armed.findings).toMatchObject({ balanceDrift: [{ asset: 'BTC', expected: '0.5', exchange: '0.75', difference: '0.25' }], openingBalances: [] });
      // Only the armed account's drift can be acknowledged.
      await expect(call(again, 'trading.acknowledgeDrift', { account: 'binance:other', seen: SEEN })).rejects.toMatchObject({ code: 'conflict', message: "binance:main is armed, not binance:other; only the armed account's drift can be acknowledged" });
      // Drift other than what the dialog showed (a reconciliation found more since) is not waved through.
      await expect(call(again, 'trading.acknowledgeDrift', { account: 'binance:main', seen: [{ asset: 'BTC', exchange: '0.7' }] })).rejects.toMatchObject({
        code: 'conflict',
        message: "the balance drift is no longer what was shown (BTC 0.7 on the exchange); it is now BTC 0.75 on the exchange: look at it again before taking binance's balances as right",
      });
      // "I deposited that": the exchange's balances are taken as right, and the findings no longer list it.
      const acknowledged = await call<EventPayload<'trading.mode'>>(again, 'trading.acknowledgeDrift', { account: 'binance:main', seen: SEEN });
      expect(acknowledged).toMatchObject({ mode: 'live', account: 'binance:main', findings: { balanceDrift: [] } });
      expect((await call<EventPayload<'trading.mode'>>(again, 'trading.mode')).findings?.balanceDrift).toEqual([]);
    } finally {
      await again.close();
    }

    // Armed again: the acknowledged deposit is not drift any more.
    const third = found.keel();
    try {
      await expect(call(third, 'trading.acknowledgeDrift', { account: 'binance:main', seen: SEEN })).rejects.toMatchObject({ code: 'conflict', message: 'no live account is armed; arm binance:main to acknowledge its drift' });
      const armed = await call<EventPayload<'trading.mode'>>(third, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      expect(armed.findings).toMatchObject({ balanceDrift: [], openingBalances: [] });
    } finally {
      await third.close();
    }

    // The opening is a journal entry per asset, in the account's own journal.
    const journal = openJournal(path.join(found.dataDir, 'journal.sqlite'), { readonly: true });
    try {
      expect(journal.db.prepare("SELECT asset, expected, exchange, amount, cause FROM balance_adjustments WHERE account = 'binance:main' ORDER BY id").raw().all()).toEqual([
        ['BTC', '0', '0.5', '0.5', 'opening'],
        ['USDT', '25000', '25000', '0', 'opening'],
        ['BTC', '0.5', '0.75', '0.25', 'acknowledged'],
      ]);
      // The trader's acknowledgement is theirs, in the audit log, with what it took as given.
      const rows = journal.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'mode.acknowledge-drift' ORDER BY seq").all() as { actor: string; details: string }[];
      expect(rows.map((r) => [r.actor, JSON.parse(r.details)])).toEqual([['user', { account: 'binance:main', acknowledged: [{ asset: 'BTC', expected: '0.5', exchange: '0.75', difference: '0.25' }] }]]);
    } finally {
      journal.close();
      await found.close();
    }
  });

  it('a failed arming says why in words: no signed URL, no HTML page, a refused key named as such', async () => {
    const k = rig.keel();
    const credentials = [...server.exchange.credentials];
    try {
      server.faults.status(503, { path: '/api/v3/account', count: 100 });
      const down = call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' });
      await expect(down).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/^live trading was not armed: binance did not answer properly \(503 Service Unavailable\)/) });
      await expect(call(k, 'trading.armPreview', { account: 'binance:main' })).rejects.toMatchObject({ message: expect.stringContaining('503 Service Unavailable') });
      server.faults.clear();

      server.exchange.credentials.splice(0, Infinity, { apiKey: 'another-key', secret: 'x' });
      await expect(call(k, 'trading.arm', { account: 'binance:main', confirm: 'binance:main' })).rejects.toMatchObject({
        message: 'live trading was not armed: binance refused the API key: Invalid API-key, IP, or permissions for action. (check the key and secret, the key\'s IP allowlist, and that it may read the account and trade spot)',
      });
      await expect(call(k, 'trading.armPreview', { account: 'binance:main' })).rejects.toMatchObject({ message: expect.stringContaining('binance refused the API key: Invalid API-key') });
      expect(await call(k, 'trading.mode')).toMatchObject({ mode: 'paper' });
    } finally {
      server.faults.clear();
      server.exchange.credentials.splice(0, Infinity, ...credentials);
      await k.close();
    }

    // The audit log keeps the same words: never the signature of the request that failed.
    const audit = openJournal(path.join(rig.dataDir, 'journal.sqlite'), { readonly: true });
    try {
      const rows = audit.db.prepare("SELECT details FROM audit_log WHERE action = 'mode.arm-failed' ORDER BY seq").all() as { details: string }[];
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.details).not.toMatch(/signature|<html|api\/v3/);
    } finally {
      audit.close();
    }
  });
});
