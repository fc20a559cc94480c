// A trader reads a run of a year and a half, from BTC's 2020 crash to its 2021 top (4,000 to 64,000): the
// run's price chart is on a log scale by itself, as the HTML report's is, so the early months read; drawn
// alone, the run has BTC's buy and hold beside it on the equity chart (as in its HTML report), up 16×, so
// that chart is on one too; so is a portfolio's beside its basket (BTC and ETH held, up some 20×), or the
// run is a flat line along the bottom. Each chart's "Log" toggle flips it, and the flip holds while the same runs
// are drawn; the drawdown chart stays linear. What the tests read (data-scale) is the mode the chart itself
// reports. Screenshots: /tmp/keel-bt-log-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'eth-1h'] });
});

afterAll(() => keel?.close());

const runs = (page: Page) => page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]');

/** Ticks exactly the runs at these rows of the table (newest first), and waits for the charts to draw them. */
async function tickRows(page: Page, rows: number[]): Promise<void> {
  const boxes = runs(page).locator('input[type=checkbox]');
  for (const [i, box] of (await boxes.all()).entries()) await box.setChecked(rows.includes(i));
  await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe(String(rows.length));
}

/** A toggle and its chart: pressed or not, and the chart's mode as it reports it. */
const state = async (page: Page, toggle: string, chart: string) => ({
  pressed: await page.getByTestId(toggle).getAttribute('aria-pressed'),
  scale: await page.getByTestId(chart).getAttribute('data-scale'),
});
const LOG = { pressed: 'true', scale: 'log' };
const LINEAR = { pressed: 'false', scale: 'linear' };

describe('the backtest page\'s log scale', () => {
  it('draws a run alone beside its buy and hold, puts a price and a buy and hold that went 16× and a basket that went 20× on log scales by themselves, and the Log toggles flip them', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2020-01-01', to: '2021-06-30', mode: 'moderate' });
    await page.getByTestId('bt-run').click();
    await expect.poll(() => runs(page).first().getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('1');

    // Drawn alone, beside BTC's buy and hold, the report's dashed benchmark, named in the key. The run's own
    // equity moved less than 10×, the buy and hold 16×: the axis is log by itself, and the toggle says why.
    expect(Number(await page.getByTestId('bt-charts').getAttribute('data-basket'))).toBeGreaterThan(1);
    expect(await page.getByTestId('bt-basket-legend').textContent()).toBe('- - buy and hold BTC/USDT');
    await expect.poll(() => state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LOG);
    expect(await page.getByTestId('bt-equity-log').getAttribute('title')).toMatch(/on by itself: the highest value drawn is 1\d× the lowest/);
    expect(await page.locator('.bt-chart-dd').getAttribute('data-scale')).toBe('linear');
    // Flipped off: the equity axis goes linear, the drawdown's stays so; it holds across a tab and back.
    await page.getByTestId('bt-equity-log').click();
    await expect.poll(() => state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LINEAR);
    expect(await page.locator('.bt-chart-dd').getAttribute('data-scale')).toBe('linear');
    await page.screenshot({ path: '/tmp/keel-bt-log-equity-flipped.png' });
    await page.getByTestId('bt-tab-trades').click();

    // The price: BTC from about 4,000 to 64,000 over the run, on a log scale by itself.
    await expect.poll(() => state(page, 'bt-price-log', 'bt-price-chart')).toEqual(LOG);
    expect(await page.getByTestId('bt-price-log').getAttribute('data-auto')).toBe('true');
    expect(await page.getByTestId('bt-price-log').getAttribute('title')).toMatch(/on by itself: the highest value drawn is 1\d× the lowest/);
    await page.screenshot({ path: '/tmp/keel-bt-log-price.png' });
    // Keyboard: focused, Space flips it back to linear.
    await page.getByTestId('bt-price-log').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => state(page, 'bt-price-log', 'bt-price-chart')).toEqual(LINEAR);
    await page.getByTestId('bt-tab-curves').click();
    expect(await state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LINEAR);

    // A portfolio over BTC and ETH, drawn alone with its basket: log by itself.
    await page.getByTestId('bt-compare-series-local:ETH/USDT:1h').check();
    await page.getByTestId('bt-portfolio').check();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => runs(page).count()).toBe(2);
    await expect.poll(() => runs(page).first().getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    // Drawn beside the first once its result is in (ticked before that, its box does not stay ticked).
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('2');
    // Two runs drawn: no benchmark, which would pass for both runs'.
    expect(await page.getByTestId('bt-charts').getAttribute('data-basket')).toBe('0');
    await tickRows(page, [0]);
    expect(Number(await page.getByTestId('bt-charts').getAttribute('data-basket'))).toBeGreaterThan(1);
    await expect.poll(() => state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LOG);
    expect(await page.getByTestId('bt-equity-log').getAttribute('data-auto')).toBe('true');
    await page.screenshot({ path: '/tmp/keel-bt-log-basket.png' });
    await page.getByTestId('bt-equity-log').click();
    await expect.poll(() => state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LINEAR);

    // The flips were for those runs: other runs drawn, the rule decides again (the single run, flipped off
    // before, is back on log beside its buy and hold), and back to the portfolio alone too.
    await tickRows(page, [1]);
    await expect.poll(() => state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LOG);
    await tickRows(page, [0]);
    await expect.poll(() => state(page, 'bt-equity-log', 'bt-equity-chart')).toEqual(LOG);

    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
