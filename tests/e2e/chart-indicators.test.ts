// A user adds indicators from the chart's Indicators menu: an overlay (Bollinger Bands with their own
// period) and a sub-pane (RSI). Both are drawn (more series and panes on the chart, values in the
// legend), a bad period is refused with a message, the crosshair legend follows the mouse, removing
// works from the legend, and the chosen set survives a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

const SCREENSHOT = '/tmp/keel-e2e-chart-indicators.png';

/** An element as the page sees it (the tests type-check without the DOM library). */
interface Attributed {
  getAttribute(name: string): string | null;
}

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
});

afterAll(() => keel?.close());

/** Series and panes drawn, from the chart's test hook. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    const stats = (globalThis as unknown as { __keelChartBench?: { stats(): { series: number; panes: number } } }).__keelChartBench?.stats();
    return stats ? { series: stats.series, panes: stats.panes } : null;
  });
const legendTitles = (page: Page) => page.getByTestId('legend-indicator').locator('.legend-title').allTextContents();
const NUMBER = /^-?\d{1,3}(,\d{3})*\.\d+$/;
/** In the page: the points of the open Indicators menu (every 3 px down its middle and near both sides) where something else lies over it. */
const COVERED_MENU_POINTS = `(() => {
  const menu = document.querySelector('[data-testid="indicator-menu"]');
  const box = menu.getBoundingClientRect();
  const covered = [];
  for (let y = box.top + 1; y < box.bottom - 1; y += 3) {
    for (const x of [box.left + 4, box.left + box.width / 2, box.right - 4]) {
      const hit = document.elementFromPoint(x, y);
      if (!menu.contains(hit)) covered.push(Math.round(x) + ',' + Math.round(y) + ' ' + (hit ? hit.tagName + '.' + hit.className : 'nothing'));
    }
  }
  return covered;
})()`;

describe('indicators on the chart', () => {
  it('adds an overlay and a pane indicator from the menu, shows their values, and keeps them across a reload', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('chart').getAttribute('data-phase'), { timeout: 20_000 }).toBe('ready');

    // A first start shows two EMAs: candles and volume, plus the one series all overlays share, in the price and volume panes.
    await expect.poll(() => legendTitles(page)).toEqual(['EMA 20', 'EMA 50']);
    expect(await drawn(page)).toEqual({ series: 3, panes: 2 });

    // Bollinger Bands, period 30 instead of the default 20.
    await page.getByTestId('indicators-button').click();
    await page.getByTestId('add-bollinger').click();
    const form = page.getByTestId('indicator-form');
    await form.locator('input[data-param="period"]').fill('30');
    await page.getByTestId('indicator-submit').click();

    // RSI: a period of 0 is refused with a reason and the button stays disabled until it is valid.
    await page.getByTestId('add-rsi').click();
    await form.locator('input[data-param="period"]').fill('0');
    expect(await page.getByTestId('param-error').textContent()).toBe('Period must be from 1 to 500');
    expect(await page.getByTestId('indicator-submit').isDisabled()).toBe(true);
    await form.locator('input[data-param="period"]').fill('14');
    await page.getByTestId('indicator-submit').click();

    // With RSI's pane below the price pane, the open menu takes every click on it: the library's pane
    // separators (z-index 50, an invisible 9 px grab strip across the chart) stay under the menu.
    await expect.poll(() => drawn(page)).toEqual({ series: 4, panes: 3 });
    expect(await page.evaluate(COVERED_MENU_POINTS)).toEqual([]);
    await page.keyboard.press('Escape');

    // Drawn: the bands join the overlays' series (three more values per bar), RSI gets a series in a new pane.
    await expect.poll(() => drawn(page)).toEqual({ series: 4, panes: 3 });
    await expect.poll(() => legendTitles(page)).toEqual(['EMA 20', 'EMA 50', 'BB 30 2', 'RSI 14']);
    const bb = page.locator('[data-testid="legend-indicator"][data-id="bollinger-1"] .legend-number');
    expect(await bb.count()).toBe(3);
    for (const text of await bb.allTextContents()) expect(text).toMatch(NUMBER);
    const rsi = await page.locator('[data-testid="legend-indicator"][data-id="rsi-1"] .legend-number').textContent();
    expect(Number(rsi)).toBeGreaterThan(0);
    expect(Number(rsi)).toBeLessThan(100);

    // The legend follows the crosshair: another bar, another close; off the chart it is the latest bar again.
    const legend = page.getByTestId('chart-legend');
    const latestClose = await page.getByTestId('legend-close').textContent();
    expect(await legend.getAttribute('data-hovering')).toBe('false');
    const box = (await page.getByTestId('chart').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect.poll(() => legend.getAttribute('data-hovering')).toBe('true');
    const hoveredIndex = Number(await legend.getAttribute('data-index'));
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await expect.poll(async () => Number(await legend.getAttribute('data-index'))).toBeGreaterThan(hoveredIndex);
    expect(await page.getByTestId('legend-ohlc').textContent()).toMatch(/O[\d,.]+H[\d,.]+L[\d,.]+C[\d,.]+/);
    await page.screenshot({ path: SCREENSHOT });
    await page.mouse.move(box.x + box.width + 200, box.y - 20);
    await expect.poll(() => legend.getAttribute('data-hovering')).toBe('false');
    expect(await page.getByTestId('legend-close').textContent()).toBe(latestClose);

    // Remove the first EMA from its legend line.
    await page.locator('[data-testid="legend-indicator"][data-id="ema-1"]').hover();
    await page.locator('[data-testid="legend-indicator"][data-id="ema-1"] [data-testid="legend-remove"]').click();
    await expect.poll(() => legendTitles(page)).toEqual(['EMA 50', 'BB 30 2', 'RSI 14']);
    await expect.poll(() => drawn(page)).toEqual({ series: 4, panes: 3 });

    // The set is saved: a reload draws the same indicators.
    await page.reload();
    await expect.poll(() => page.getByTestId('chart').getAttribute('data-phase'), { timeout: 20_000 }).toBe('ready');
    await expect.poll(() => legendTitles(page)).toEqual(['EMA 50', 'BB 30 2', 'RSI 14']);
    await expect.poll(() => drawn(page)).toEqual({ series: 4, panes: 3 });

    expect(problems).toEqual([]);
    await context.close();
  });

  it('streams indicator values with a replay and never labels it live', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await expect.poll(() => page.getByTestId('chart').getAttribute('data-phase'), { timeout: 20_000 }).toBe('ready');
    await page.getByTestId('indicators-button').click();
    await page.getByTestId('add-macd').click();
    await page.getByTestId('indicator-submit').click();
    await page.keyboard.press('Escape');

    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-status').first().getAttribute('data-level')).toBe('replay');
    const macd = page.locator('[data-testid="legend-indicator"][data-id="macd-1"] .legend-number').nth(1);
    await expect.poll(() => macd.textContent(), { timeout: 15_000 }).toMatch(/^-?[\d,]+\.\d+$/);
    const first = await macd.textContent();
    await expect.poll(() => macd.textContent(), { timeout: 15_000 }).not.toBe(first);
    // The tape shows the replay's ticks, labelled as such.
    await expect.poll(() => page.getByTestId('tape-row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.getByTestId('tape').textContent()).toContain('replay ticks');
    for (const level of await page.getByTestId('data-status').evaluateAll((els) => els.map((e) => (e as unknown as Attributed).getAttribute('data-level')))) expect(level).not.toBe('live');

    await page.getByTestId('replay-stop').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('idle');
    expect(problems).toEqual([]);
    await context.close();
  });
});
