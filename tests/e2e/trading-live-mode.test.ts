// The live-mode UI in Chromium against `keel serve`: the arming dialog lists the accounts with a stored
// key, shows the balance the exchange reports, arms only when the account name is typed back, and then
// the whole terminal says LIVE (top bar, status bar, ticket, window title) until Disarm. No exchange or
// OS keychain is reachable here, so the four trading-mode commands are answered by the test inside the
// page's WebSocket (everything else goes to the real keel serve). Screenshots: /tmp/keel-trading-arm*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocketRoute } from 'playwright-core';
import type { TradingMode } from '../../shared/contract/commands/trading-mode.ts';
import { collectPageProblems } from './support/browser.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  // A session bus that is not there: the keychain cannot be read, wherever the tests run.
  keel = await openKeel({ candles: ['btc-1m'], env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keel-e2e-bus' } });
});

afterAll(() => keel?.close());

/**
 * An engine with two stored keys; binance:main's balance can be read, kraken:alt's exchange is down. With
 * `findings`, arming reports them, and an acknowledgement of their drift clears it.
 */
function fakeArming(findings?: NonNullable<TradingMode['findings']>) {
  let mode: TradingMode = { mode: 'paper', account: null, armedAt: null, accounts: ['binance:main', 'kraken:alt'] };
  const arms: unknown[] = [];
  const acknowledged: unknown[] = [];
  /** Every call the page made, answered here or passed on to the engine. */
  const calls: string[] = [];
  const answer = (call: string, params: Record<string, string>) => {
    switch (call) {
      case 'trading.mode':
        return { ok: true, result: mode };
      case 'trading.armPreview':
        if (params.account === 'kraken:alt') return { ok: false, error: { code: 'conflict', message: 'could not read the balance of kraken:alt from the exchange: kraken is unreachable (ETIMEDOUT)' } };
        return {
          ok: true,
          result: {
            account: params.account,
            balances: [
              { asset: 'USDT', free: '1234.5', locked: '0' },
              { asset: 'BTC', free: '0.015', locked: '0.001' },
            ],
            fetchedAt: Date.UTC(2025, 0, 2, 9, 30, 5),
            confirmText: params.account,
          },
        };
      case 'trading.arm':
        arms.push(params);
        if (params.confirm!.trim() !== params.account) return { ok: false, error: { code: 'invalid_request', message: `to arm live trading, type the account name ${params.account} exactly` } };
        mode = { ...mode, mode: 'live', account: params.account!, armedAt: Date.now(), ...(findings ? { findings } : {}) };
        return { ok: true, result: { ...mode, balances: [] } };
      case 'trading.acknowledgeDrift':
        acknowledged.push(params);
        mode = { ...mode, findings: { ...mode.findings!, balanceDrift: [] } };
        return { ok: true, result: mode };
      case 'trading.disarm':
        mode = { ...mode, mode: 'paper', account: null, armedAt: null };
        return { ok: true, result: mode };
      default:
        return null;
    }
  };
  return {
    arms,
    acknowledged,
    calls,
    route(ws: WebSocketRoute) {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { id: number; call: string; params: Record<string, string> };
        calls.push(frame.call);
        const outcome = answer(frame.call, frame.params ?? {});
        if (outcome === null) return server.send(message);
        ws.send(JSON.stringify({ id: frame.id, outcome }));
        // As the engine does: a change of mode is also an event.
        if (outcome.ok && (frame.call === 'trading.arm' || frame.call === 'trading.disarm' || frame.call === 'trading.acknowledgeDrift')) ws.send(JSON.stringify({ event: 'trading.mode', payload: mode }));
      });
      server.onMessage((message) => ws.send(message));
    },
  };
}

describe('live mode', () => {
  it('arms only with the account name typed back, shows LIVE everywhere, and disarms', async () => {
    const context = await keel.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const fake = fakeArming();
    await context.routeWebSocket(/\/bridge/, (ws) => fake.route(ws));
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('trading-mode').textContent()).toBe('PAPER');
    await expect.poll(() => page.title()).toBe('BTC/USDT · Keel · PAPER');

    // An account whose exchange cannot be reached: the reason, and no way to arm.
    await page.getByTestId('go-live').click();
    await page.getByTestId('arm-dialog').waitFor();
    expect(await page.getByTestId('arm-account').locator('option').allTextContents()).toEqual(['Pick an account…', 'binance:main', 'kraken:alt']);
    await page.getByTestId('arm-account').selectOption('kraken:alt');
    await expect.poll(() => page.getByTestId('arm-error').textContent()).toBe('conflict could not read the balance of kraken:alt from the exchange: kraken is unreachable (ETIMEDOUT)');
    expect(await page.getByTestId('arm-submit').isDisabled()).toBe(true);

    // binance:main: its balance, then the name typed back.
    await page.getByTestId('arm-account').selectOption('binance:main');
    await page.getByTestId('arm-balances').waitFor();
    expect(await page.locator('[data-testid="arm-balance"][data-asset="USDT"]').textContent()).toBe('USDT1,234.500');
    expect(await page.locator('[data-testid="arm-balance"][data-asset="BTC"]').textContent()).toBe('BTC0.0150.001');
    await page.getByTestId('arm-confirm').fill('binance:mai');
    expect(await page.getByTestId('arm-submit').isDisabled()).toBe(true);
    // Shortcuts do not reach the ticket behind the dialog.
    await page.getByTestId('arm-account').focus();
    await page.keyboard.press('Shift+B');
    expect(await page.getByTestId('ticket-outcome').count()).toBe(0);
    await page.getByTestId('arm-confirm').fill('binance:main');
    expect(await page.getByTestId('arm-submit').isEnabled()).toBe(true);
    await page.screenshot({ path: '/tmp/keel-trading-arm-dialog.png' });
    await page.getByTestId('arm-submit').click();

    await expect.poll(() => page.getByTestId('arm-dialog').count()).toBe(0);
    expect(fake.arms).toEqual([{ account: 'binance:main', confirm: 'binance:main' }]);
    await expect.poll(() => page.getByTestId('trading-mode').textContent()).toBe('LIVE TRADING');
    expect(await page.getByTestId('status-trading-mode').textContent()).toBe('LIVE');
    expect(await page.getByTestId('ticket-mode').textContent()).toBe('LIVE TRADING');
    expect(await page.getByTestId('order-ticket').getAttribute('class')).toContain('ticket-live');
    await expect.poll(() => page.title()).toBe('BTC/USDT · Keel · LIVE binance:main');
    expect(await page.getByTestId('ticket-submit').textContent()).toMatch(/LIVE$/);
    await page.screenshot({ path: '/tmp/keel-trading-armed.png' });

    // Closing positions at a loss limit says what it does on the live account, and asks before it is turned on.
    await page.getByTestId('risk-limits').locator('summary').click();
    const closeBox = page.getByTestId('limit-closeOnLossLimit');
    expect(await page.getByTestId('limit-note-closeOnLossLimit').textContent()).toBe(
      'Ticked, a daily-loss or drawdown breach on binance:main would send market orders to the exchange that close every open position.',
    );
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await closeBox.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/^Close every open position on binance:main with market orders when a daily-loss or drawdown limit is breached\? /);
    // Declined: nothing sent, the box still off.
    expect(fake.calls).not.toContain('risk.setLimits');
    expect(await closeBox.isChecked()).toBe(false);
    page.once('dialog', (d) => void d.accept());
    await closeBox.click();
    await expect.poll(() => closeBox.isChecked()).toBe(true);
    expect(await page.getByTestId('limit-note-closeOnLossLimit').textContent()).toBe('On binance:main, a daily-loss or drawdown breach sends market orders to the exchange that close every open position.');
    // Off again asks nothing.
    await closeBox.click();
    await expect.poll(() => closeBox.isChecked()).toBe(false);
    expect(fake.calls.filter((c) => c === 'risk.setLimits')).toHaveLength(2);

    // Disarm asks first (live orders stay on the exchange), then everything says PAPER again.
    const questions: string[] = [];
    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.accept();
    });
    await page.getByTestId('disarm').click();
    await expect.poll(() => page.getByTestId('trading-mode').textContent()).toBe('PAPER');
    expect(questions[0]).toMatch(/^Disarm binance:main\? Keel goes back to paper\. Live orders stay open on the exchange/);
    await expect.poll(() => page.title()).toBe('BTC/USDT · Keel · PAPER');
    expect(await page.getByTestId('go-live').isVisible()).toBe(true);
    // On paper the box says nothing more.
    expect(await page.getByTestId('limit-note-closeOnLossLimit').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists the drift reconciliation found on arming, and takes the exchange balances as right when told the drift is the trader’s', async () => {
    const drift = { asset: 'BTC', expected: '0.5', exchange: '0.75', difference: '0.25' };
    const fake = fakeArming({ reconciledAt: Date.UTC(2025, 0, 2, 9, 30, 6), foreignOpenOrders: [], balanceDrift: [drift], openingBalances: [], refusedCancels: [] });
    const context = await keel.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.routeWebSocket(/\/bridge/, (ws) => fake.route(ws));
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(keel.url);
    await page.getByTestId('go-live').click();
    await page.getByTestId('arm-account').selectOption('binance:main');
    await page.getByTestId('arm-confirm').fill('binance:main');
    await page.getByTestId('arm-submit').click();

    // Armed, the dialog stays on what reconciliation found: the deposit Keel did not see.
    await page.getByTestId('arm-findings').waitFor();
    expect(await page.getByTestId('arm-findings').textContent()).toContain("BTC: binance holds 0.75, Keel's journal expects 0.5 (+0.25)");
    await page.getByTestId('arm-acknowledge-drift').click();
    // What was shown goes with the acknowledgement; then the drift is no longer listed, nor offered again.
    await expect.poll(() => fake.acknowledged).toEqual([{ account: 'binance:main', seen: [{ asset: 'BTC', exchange: '0.75' }] }]);
    await expect.poll(() => page.getByTestId('arm-acknowledge-drift').count()).toBe(0);
    expect(await page.getByTestId('arm-findings').textContent()).not.toContain('BTC: binance holds');
    await page.getByTestId('arm-findings-close').click();
    await expect.poll(() => page.getByTestId('arm-dialog').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the trading mode and its switch in view on a narrow window; the replay controls give way', async () => {
    // At 1024 px the top bar was 1,122 px wide and clipped PAPER and Go live… off its right end.
    const context = await keel.browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    await page.goto(keel.url);
    await page.getByTestId('trading-mode').waitFor();
    for (const id of ['trading-mode', 'go-live', 'replay-status']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(1024);
    }
    await context.close();
  });

  it('says the keychain could not be read, rather than that no key is stored, when there is none to read', async () => {
    const context = await keel.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(keel.url);
    // The real engine here has no Secret Service to read (no session bus): no account can be armed, and the
    // dialog says why (it said "No exchange account has an API key stored", which a locked keychain is not).
    await page.getByTestId('go-live').click();
    await page.getByTestId('arm-keychain-error').waitFor();
    expect(await page.getByTestId('arm-keychain-error').textContent()).toMatch(/^Keel could not read the OS keychain, so it cannot tell which accounts have a key: .+Unlock the keychain/);
    expect(await page.getByTestId('arm-no-accounts').count()).toBe(0);
    expect(await page.getByTestId('arm-submit').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('arm-dialog').count()).toBe(0);
    await context.close();
  });
});
