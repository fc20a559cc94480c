// The risk panel in Chromium against `keel serve`: the gauges and the modes with their figures; a mode
// switch; a limit refused with the reason beside it while the old value stays in force (what was typed stays
// in the field to be corrected); the kill switch from the button,
// the halted state and its event in the log; re-arming. Screenshot: /tmp/keel-risk-panel.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;
let page: Page;
let problems: string[];

beforeAll(async () => {
  keel = await openKeel();
  ({ page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1100 } }));
  await page.goto(keel.url);
  await page.getByTestId('risk-kill').waitFor();
});

afterAll(() => keel?.close());

describe('the risk panel', () => {
  it('shows each limit as a gauge and each mode with its figures; switching says it applies to new orders', async () => {
    await expect.poll(() => page.getByTestId('risk-gauges').locator('li').count()).toBeGreaterThanOrEqual(10);
    const modes = page.getByTestId('risk-modes');
    await expect.poll(() => modes.textContent()).toMatch(/Conservative.*1% risk\/trade · ≤3 positions · AI ≥75%/);
    await expect.poll(() => modes.textContent()).toMatch(/applies to new orders only/);
    await modes.getByText('Aggressive').click();
    await expect.poll(() => page.locator('.risk-mode-badge').textContent()).toBe('aggressive');
  });

  it('refuses an absurd limit with the reason; the previous value stays', async () => {
    await page.getByTestId('risk-limits').locator('summary').click();
    const field = page.getByTestId('limit-maxDrawdownPct');
    await field.fill('-5');
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('risk-limits').getByRole('alert').textContent()).toMatch(/Max drawdown must be a number more than 0% and at most 100%, got -5; the previous value \(20\) stays/);
    // A decimal comma is refused with the way to write it, never read as 15.
    await field.fill('1,5');
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('risk-limits').getByRole('alert').textContent()).toMatch(/got "1,5" \(write decimals with a point, as 1\.5\); the previous value \(20\) stays/);
    // What was typed stays in the field to be corrected; the limit in force is still 20.
    expect(await field.inputValue()).toBe('1,5');
    await field.fill('15');
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('15');
  });

  it('keeps a refused allowlist as typed, with the refusal beside it, so it can be corrected', async () => {
    const field = page.getByTestId('limit-symbolAllowlist');
    await field.fill('BTC/USDT, ETHUSDT, SOL/USDT');
    await field.press('Enter');
    const refusal = page.getByTestId('limit-refusal-symbolAllowlist');
    await expect.poll(() => refusal.textContent()).toMatch(/^Symbol allowlist must be null \(any symbol\) or a list of up to 500 symbols such as BTC\/USDT, got .*ETHUSDT.*; the previous value \(.+\) stays$/);
    // What was typed stays, marked as refused; nothing else changed.
    expect(await field.inputValue()).toBe('BTC/USDT, ETHUSDT, SOL/USDT');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Corrected in place and sent again: accepted, the refusal goes.
    await field.fill('BTC/USDT, ETH/USDT, SOL/USDT');
    await field.press('Enter');
    await expect.poll(() => refusal.count()).toBe(0);
    await expect.poll(() => field.inputValue()).toBe('BTC/USDT, ETH/USDT, SOL/USDT');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    // Emptied: any symbol again.
    await field.fill('');
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('');
  });

  it('closes positions at a loss limit once its box is ticked: saved at once, still ticked on a page opened afresh', async () => {
    const limits = page.getByTestId('risk-limits');
    if ((await limits.getAttribute('open')) === null) await limits.locator('summary').click();
    const box = page.getByTestId('limit-closeOnLossLimit');
    expect(await box.isChecked()).toBe(false);
    expect(await page.locator('label', { has: box }).getAttribute('title')).toMatch(/^On: a daily-loss or drawdown breach pulls the kill switch and closes every open position/);
    // The box shows the limit in force: ticked once the engine has taken the change.
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    await limits.screenshot({ path: '/tmp/keel-risk-limits.png' });
    // The engine's: another window reads it from the risk state.
    const other = await keel.newPage({ viewport: { width: 1440, height: 1100 } });
    await other.page.goto(keel.url);
    await other.page.getByTestId('risk-limits').locator('summary').click();
    await expect.poll(() => other.page.getByTestId('limit-closeOnLossLimit').isChecked()).toBe(true);
    await other.context.close();
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(false);
  });

  it('pulls the kill switch from the button, shows the halted state and logs it; re-arms', async () => {
    await page.getByTestId('kill-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Kill switch engaged \(browser\)/);
    await expect.poll(() => page.getByTestId('risk-log').textContent()).toMatch(/kill switch engaged via browser/);
    // The log's times are UTC, as the rest of the terminal's, and it says so.
    expect(await page.getByTestId('risk-log').locator('summary').textContent()).toMatch(/^Risk events \(\d+\) · times in UTC$/);
    expect(await page.getByTestId('risk-log').locator('.risk-event-time').first().getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    // The status bar says so too, on every page (the backtest page covers the risk panel), and the tab title.
    expect(await page.getByTestId('status-risk').textContent()).toBe('HALTED');
    expect(await page.getByTestId('status-risk').getAttribute('title')).toMatch(/^Kill switch engaged \(browser\)/);
    await expect.poll(() => page.title()).toMatch(/ · HALTED$/);
    await page.screenshot({ path: '/tmp/keel-risk-panel.png' });
    // The press's own result, under the halted state.
    await expect.poll(() => page.getByTestId('kill-result').textContent()).toMatch(/cancelled in [\d.]+ ms/);
    await page.getByTestId('rearm-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Armed/);
    expect(await page.getByTestId('status-risk').count()).toBe(0);
    await expect.poll(() => page.title()).not.toMatch(/HALTED/);
    // Pulled again elsewhere (another window here; the daily-loss limit or `keel kill` alike): this window
    // shows the new engagement without the old press's result, which read as if positions were closing.
    const other = await keel.newPage({ viewport: { width: 1440, height: 1100 } });
    await other.page.goto(keel.url);
    await other.page.getByTestId('kill-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Kill switch engaged/);
    expect(await page.getByTestId('kill-result').count()).toBe(0);
    await other.page.getByTestId('rearm-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Armed/);
    await other.context.close();
    expect(problems).toEqual([]);
  });
});
