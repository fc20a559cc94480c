// A user scrolls back through a long stored series. The chart opens on the newest 20,000 of 45,031 1m
// bars; dragging back to the oldest loaded bar fetches the window before it, the chart keeps at most
// 20,000 bars (dropping the newest, so "Back to latest" appears), and that button brings the newest back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

const SCREENSHOT = '/tmp/keel-e2e-chart-history.png';
/** Open time of the first stored bar: 2021-12-31 23:01 UTC. */
const FIRST_STORED = Date.UTC(2021, 11, 31, 23, 1);

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
});

afterAll(() => keel?.close());

const firstTime = async (page: Page) => Number(await page.getByTestId('history-status').getAttribute('data-first-time'));
const count = async (page: Page) => Number((await page.getByTestId('candle-count').textContent())?.replace(/,/g, ''));

describe('history in windows', () => {
  it('loads older candles as the user drags back, keeps at most 20,000 bars, and returns to the latest', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await expect.poll(() => page.getByTestId('chart').getAttribute('data-phase'), { timeout: 20_000 }).toBe('ready');
    expect(await count(page)).toBe(20_000);
    const opened = await firstTime(page);
    expect(opened).toBeGreaterThan(FIRST_STORED);
    const lastTime = Number(await page.getByTestId('chart').getAttribute('data-last-time'));

    // Zoom out as far as the chart allows, then drag the bars to the right (back in time) until the
    // window before the loaded one arrives.
    const box = (await page.getByTestId('chart').boundingBox())!;
    const y = box.y + box.height * 0.35;
    await page.mouse.move(box.x + box.width / 2, y);
    for (let i = 0; i < 15; i++) await page.mouse.wheel(0, 400);
    for (let i = 0; i < 80 && (await firstTime(page)) === opened; i++) {
      await page.mouse.move(box.x + 60, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width - 120, y, { steps: 6 });
      await page.mouse.up();
    }
    await expect.poll(() => firstTime(page), { timeout: 15_000 }).toBeLessThan(opened);
    await expect.poll(() => page.getByTestId('history-status').getAttribute('data-paging')).toBe('');

    // Older bars joined on the left; the newest went so the chart still holds 20,000.
    expect(await count(page)).toBe(20_000);
    expect(await page.getByTestId('history-status').getAttribute('data-live-edge')).toBe('false');
    expect(await page.getByTestId('show-latest').textContent()).toContain('Back to latest');
    // The legend reads bars from the older window under the crosshair.
    await page.mouse.move(box.x + box.width * 0.4, y);
    await expect.poll(() => page.getByTestId('chart-legend').getAttribute('data-hovering')).toBe('true');
    await page.screenshot({ path: SCREENSHOT });

    // Back to the newest bars.
    await page.getByTestId('show-latest').click();
    await expect.poll(() => page.getByTestId('history-status').getAttribute('data-live-edge')).toBe('true');
    expect(await firstTime(page)).toBe(opened);
    expect(Number(await page.getByTestId('chart').getAttribute('data-last-time'))).toBe(lastTime);

    expect(problems).toEqual([]);
    await context.close();
  });
});
