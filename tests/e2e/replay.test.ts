// A user opens the URL `keel serve` printed, sees the BTC/USDT chart, picks 1000x and presses Replay:
// the price and the chart's last candle time must move, and the data must be labelled REPLAY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

const SCREENSHOT = '/tmp/keel-e2e.png';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
});

afterAll(() => keel?.close());

const lastTime = async (page: Page) => Number(await page.getByTestId('chart').getAttribute('data-last-time'));
const candleCount = async (page: Page) => Number((await page.getByTestId('candle-count').textContent())?.replace(/,/g, ''));

describe('replay in the browser', () => {
  it('plays stored candles onto the chart at 1000x', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 860 } });
    await page.goto(keel.url);

    // The stored series loads: a drawn chart, the latest stored candles, a price, labelled STORED.
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await expect.poll(() => candleCount(page), { timeout: 20_000 }).toBeGreaterThan(1000);
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('STORED');
    await expect.poll(() => page.getByTestId('last-price').textContent()).toMatch(/^\d{1,3}(,\d{3})*\.\d+$/);
    expect(await page.getByTestId('timeframe').textContent()).toBe('1m');
    expect(await page.getByTestId('trading-mode').textContent()).toBe('PAPER');

    // Start the replay the way a user does.
    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('playing');
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');

    // The chart rewound to the replay's history; from here time only moves forward.
    const startTime = await lastTime(page);
    const startPrice = await page.getByTestId('last-price').textContent();
    expect(startTime).toBeGreaterThan(0);
    await expect.poll(() => lastTime(page), { timeout: 15_000 }).toBeGreaterThan(startTime);
    await expect.poll(() => page.getByTestId('last-price').textContent(), { timeout: 15_000 }).not.toBe(startPrice);
    await expect.poll(() => candleCount(page), { timeout: 15_000 }).toBeGreaterThan(500);

    // A few seconds of play for the screenshot, then the pause button pauses.
    await page.waitForTimeout(2_500);
    await page.screenshot({ path: SCREENSHOT });
    await expect.poll(() => page.getByTestId('replay-progress').getAttribute('data-status')).toBe('playing');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    // Paused reads paused everywhere: the controls, the status bar's progress, and the engine's answer.
    expect(await page.getByTestId('replay-status').textContent()).toBe('Paused 1000x');
    await expect.poll(() => page.getByTestId('replay-progress').textContent()).toMatch(/^Replay\s*[\d,]+ \/ [\d,]+ · paused$/);
    expect(await page.getByTestId('replay-progress').getAttribute('data-status')).toBe('paused');
    const clock = await page.getByTestId('market-clock').textContent();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('market-clock').textContent()).toBe(clock);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('joins a running replay from a second tab and follows it', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1280, height: 800 } });
    // The first test left the replay paused; a new tab shows where it stands, not the latest stored candles.
    await page.goto(keel.url);
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    await expect.poll(() => candleCount(page)).toBeGreaterThan(500);
    const pausedAt = await lastTime(page);

    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('playing');
    await expect.poll(() => lastTime(page), { timeout: 15_000 }).toBeGreaterThan(pausedAt);

    // Stop returns the chart to the stored candles, labelled STORED again.
    await page.getByTestId('replay-stop').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('idle');
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('STORED');
    await expect.poll(() => candleCount(page)).toBe(20_000);
    // Replay again after Stop plays the same series once more.
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('playing');
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    await page.getByTestId('replay-stop').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('idle');
    expect(problems).toEqual([]);
    await context.close();
  });
});
