// A trader switches the trading chart's price axis to a log scale from its toolbar, with the keyboard, as
// TradingView's "log" button: each step up the axis is then the same percent move (100 to 200 is as tall as
// 1,000 to 2,000, where on a linear axis it is a tenth), and a reload keeps it, as the chosen indicators are
// kept. Measured where the chart puts those prices (its test hook), and the mode the chart reports (data-scale).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
});

afterAll(() => keel?.close());

/** How tall 100 → 200 is on the price axis against 1,000 → 2,000: 1 on a log scale, 0.1 on a linear one. */
const doublingRatio = (page: Page) =>
  page.evaluate(() => {
    const hook = (globalThis as unknown as { __keelChartBench?: { priceY(p: number): number | null } }).__keelChartBench;
    const y = (p: number) => hook?.priceY(p) ?? null;
    const [a, b, c, d] = [y(100), y(200), y(1000), y(2000)];
    if (a === null || b === null || c === null || d === null) return null;
    return Math.round(((a - b) / (c - d)) * 1000) / 1000;
  });

const toggle = (page: Page) => page.getByTestId('chart-log-scale');
const scale = (page: Page) => page.getByTestId('chart').getAttribute('data-scale');

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('chart').getAttribute('data-phase'), { timeout: 20_000 }).toBe('ready');
}

describe('the trading chart\'s price axis', () => {
  it('writes prices as the ticker and the book do: grouped, with the decimals the market\'s price needs', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(keel.url);
    await ready(page);
    const text = (p: number) => page.evaluate((v) => (globalThis as unknown as { __keelChartBench?: { priceText(p: number): string } }).__keelChartBench?.priceText(v) ?? null, p);
    // BTC at ~23,000: lightweight-charts alone wrote 23704.50.
    expect(await text(23_704.5)).toBe('23,704.50');
    expect(await text(100_250)).toBe('100,250.00');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the trading chart\'s log scale', () => {
  it('is switched on from the toolbar with the keyboard, draws equal moves as equal heights, and survives a reload', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await ready(page);
    expect(await scale(page)).toBe('linear');
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => doublingRatio(page)).toBe(0.1);

    // Tab from the Indicators button reaches the toggle; Enter flips it.
    await page.getByTestId('indicators-button').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid'))).toBe('chart-log-scale');
    await page.keyboard.press('Enter');
    await expect.poll(() => scale(page)).toBe('log');
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => doublingRatio(page)).toBe(1);
    await page.screenshot({ path: '/tmp/keel-chart-log.png' });

    // Kept across a reload.
    await page.reload();
    await ready(page);
    await expect.poll(() => scale(page)).toBe('log');
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => doublingRatio(page)).toBe(1);

    // Off again, and that is kept too.
    await toggle(page).click();
    await expect.poll(() => scale(page)).toBe('linear');
    await page.reload();
    await ready(page);
    expect(await scale(page)).toBe('linear');
    await expect.poll(() => doublingRatio(page)).toBe(0.1);

    expect(problems).toEqual([]);
    await context.close();
  });
});
