// The risk panel in Chromium against `keel serve`: the gauges and the modes with their figures; a mode
// switch; a limit refused with the reason while the old value stays; the kill switch from the button,
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
    await field.fill('15');
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('15');
  });

  it('pulls the kill switch from the button, shows the halted state and logs it; re-arms', async () => {
    await page.getByTestId('kill-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Kill switch engaged \(browser\)/);
    await expect.poll(() => page.getByTestId('risk-log').textContent()).toMatch(/kill switch engaged via browser/);
    await page.screenshot({ path: '/tmp/keel-risk-panel.png' });
    await page.getByTestId('rearm-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Armed/);
    expect(problems).toEqual([]);
  });
});
