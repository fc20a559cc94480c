// A trader on a laptop narrows the window, or opens the page afresh with a full runs table: every backtest
// chart (equity and drawdown, the run's price line, a trade up close, the walk-forward's equity) refits to
// the results column, its price axis in view, and the column has no scrollbar of its own. A UI audit found
// the charts kept their 1366 px width after a resize to 1280 (axis labels cut off on the right, a scrollbar
// under the drawdown chart's dates), and on a fresh load with a dozen runs the column 14 px too wide and
// 11-15 px too tall. Screenshots go to /tmp/keel-bt-fit-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

const WIDE = { width: 1366, height: 768 };
const NARROW = { width: 1280, height: 800 };

/**
 * What does not fit in the results column, as words (none when all fits): a chart reaching past the
 * column's content edge or left narrower than it (the column is the charts' room: each spans it), and the
 * column's own overflow either way.
 */
const misfits = (page: Page) =>
  page.locator('.bt-main').evaluate((main) => {
    const out: string[] = [];
    const box = main.getBoundingClientRect();
    const style = getComputedStyle(main);
    const right = box.left + main.clientLeft + main.clientWidth - parseFloat(style.paddingRight);
    const charts = [...main.querySelectorAll<HTMLElement>('.tv-lightweight-charts')].filter((c) => c.offsetParent !== null);
    if (charts.length === 0) out.push('no chart shown');
    for (const chart of charts) {
      const where = chart.closest('[data-testid]')?.getAttribute('data-testid') ?? chart.parentElement!.className;
      const r = chart.getBoundingClientRect();
      if (r.right > right + 0.5) out.push(`${where}: chart ends ${Math.round(r.right - right)} px past the column`);
      if (r.right < right - 24) out.push(`${where}: chart ends ${Math.round(right - r.right)} px short of the column`);
      for (const canvas of chart.querySelectorAll('canvas')) {
        if (canvas.getBoundingClientRect().right > r.right + 0.5) out.push(`${where}: a canvas past its chart`);
      }
    }
    if (main.scrollWidth > main.clientWidth) out.push(`column ${main.scrollWidth - main.clientWidth} px too wide`);
    if (main.scrollHeight > main.clientHeight) out.push(`column ${main.scrollHeight - main.clientHeight} px too tall`);
    return out;
  });

const runs = (page: Page) => page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]');

/** Ticks exactly the newest `n` runs in the table (the ones the charts draw). */
async function tickNewest(page: Page, n: number): Promise<void> {
  const boxes = runs(page).locator('input[type=checkbox]');
  for (const [i, box] of (await boxes.all()).entries()) await box.setChecked(i < n);
  await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe(String(n));
}

describe('the backtest charts on a laptop', () => {
  it('refit to the results column when the window narrows and on a fresh load with a dozen runs', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: WIDE });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2021-06-30', mode: 'moderate' });
    // Four strategies in three modes: twelve runs from one click.
    for (const s of ['ema-cross', 'rsi-reversion', 'donchian-breakout']) await page.getByTestId(`bt-compare-strategy-${s}`).check();
    for (const m of ['conservative', 'aggressive']) await page.getByTestId(`bt-compare-mode-${m}`).check();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => runs(page).count()).toBe(12);
    await expect.poll(() => page.locator('[data-testid="bt-runs"] tbody tr[data-status="done"]').count(), { timeout: 180_000 }).toBe(12);
    // A walk-forward search, for its equity chart on the Optimization tab.
    await page.getByTestId('bt-range-fast').fill('5|10');
    await page.getByTestId('bt-range-slow').fill('30');
    await page.getByTestId('bt-search-walk').check();
    await page.getByTestId('bt-search-folds').fill('2');
    await page.getByTestId('bt-search-run').click();
    await expect.poll(() => page.getByTestId('bt-search').getAttribute('data-status'), { timeout: 120_000 }).toBe('done');

    // Each tab with charts, opened wide, then the window narrowed: the charts follow it down.
    const tabs: [string, () => Promise<unknown>][] = [
      ['curves', () => tickNewest(page, 2)],
      ['trades', async () => {
        await page.locator('[data-testid="bt-trades"] tr[data-pnl]').nth(1).click();
        await expect.poll(() => page.getByTestId('bt-trade-chart').getAttribute('data-status')).toBe('ready');
      }],
      ['search', () => page.getByTestId('bt-wf-chart').waitFor()],
    ];
    for (const [tab, open] of tabs) {
      await page.setViewportSize(WIDE);
      await page.getByTestId(`bt-tab-${tab}`).click();
      await open();
      await expect.poll(() => misfits(page), { message: `${tab} at 1366×768` }).toEqual([]);
      await page.setViewportSize(NARROW);
      await expect.poll(() => misfits(page), { message: `${tab} narrowed to 1280×800` }).toEqual([]);
      await page.screenshot({ path: `/tmp/keel-bt-fit-narrowed-${tab}.png` });
      // And back up: they grow with it too.
      await page.setViewportSize(WIDE);
      await expect.poll(() => misfits(page), { message: `${tab} widened to 1366×768` }).toEqual([]);
    }

    // Opened afresh with the dozen runs listed (the newest six drawn), then one or two ticked.
    for (const size of [NARROW, WIDE]) {
      await page.setViewportSize(size);
      await page.goto(keel.url);
      await page.getByTestId('backtest-nav').click();
      await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('6');
      await page.getByTestId('bt-tab-curves').click();
      await expect.poll(() => misfits(page), { message: `fresh load at ${size.width}×${size.height}, the newest six drawn` }).toEqual([]);
      for (const n of [1, 2]) {
        await tickNewest(page, n);
        const label = `fresh load at ${size.width}×${size.height}, ${n} run(s) ticked`;
        await expect.poll(() => misfits(page), { message: label }).toEqual([]);
      }
      await page.screenshot({ path: `/tmp/keel-bt-fit-fresh-${size.width}.png` });
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 360_000);
});
