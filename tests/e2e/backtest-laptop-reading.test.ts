// A trader on a 1280 × 800 laptop reads the backtest page: the runs table fits the results column without
// scrolling sideways (its less-read figures under the run's row details, every one still there), and a run
// over four years of hours does not bury its price line under thousands of trade markers at full zoom-out (the
// chart says to zoom in, and the markers come back once zoomed in). Screenshots go to /tmp/keel-bt-laptop-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

const LAPTOP = { width: 1280, height: 800 };

const runs = (page: Page) => page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]');

/** How far the runs table reaches past its box sideways, in pixels (0 when it fits). */
const overflow = (page: Page) => page.locator('[data-testid="bt-runs"]').evaluate((table) => {
  const wrap = table.parentElement!;
  return wrap.scrollWidth - wrap.clientWidth;
});

describe('the backtest page on a 1280 × 800 laptop', () => {
  it('fits the runs table without scrolling sideways, the widest runs included', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: LAPTOP });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2021-06-30', mode: 'custom' });
    await page.getByTestId('bt-position-pct').fill('40');
    await page.getByTestId('bt-stop-loss').fill('2');
    await page.getByTestId('bt-take-profit').fill('4');
    // Long and short: the borrow interest column joins the table.
    await page.getByTestId('bt-direction').selectOption('both');
    for (const s of ['ema-cross', 'rsi-reversion']) await page.getByTestId(`bt-compare-strategy-${s}`).check();
    await page.getByTestId('bt-compare-mode-aggressive').check();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => runs(page).count()).toBe(6);
    await expect.poll(() => page.locator('[data-testid="bt-runs"] tbody tr[data-status="done"]').count(), { timeout: 180_000 }).toBe(6);
    await page.screenshot({ path: '/tmp/keel-bt-laptop-runs.png' });
    expect(await overflow(page)).toBe(0);

    // Every figure still reads: those that are not columns, under the table for the run clicked, as its row has them.
    const row = runs(page).nth(2);
    const runId = (await row.getAttribute('data-run-id'))!;
    await row.locator('td.bt-label').click();
    const more = page.getByTestId('bt-run-more');
    await expect.poll(() => more.getAttribute('data-run-id')).toBe(runId);
    const hidden = await row.locator('td.bt-more').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-metric'), td.getAttribute('data-value')]));
    expect(hidden.map(([k]) => k)).toEqual(expect.arrayContaining(['cagrPct', 'sortino', 'feesPaid', 'borrowInterest', 'buyHoldReturnPct']));
    const said = await more.locator('[data-more]').evaluateAll((spans) => spans.map((s) => [s.getAttribute('data-more'), s.getAttribute('data-value')]));
    expect(said).toEqual(hidden);
    expect(await more.isVisible()).toBe(true);
    expect(await overflow(page)).toBe(0);
    // Side by side for every run when asked: the hidden figures become columns (the table may then scroll), the line goes.
    await page.getByTestId('bt-all-figures').check();
    await expect.poll(() => page.locator('[data-testid="bt-runs"] th', { hasText: 'Buy & hold' }).isVisible()).toBe(true);
    await expect.poll(() => row.locator('td[data-metric="cagrPct"]').isVisible()).toBe(true);
    await expect.poll(() => more.count()).toBe(0);
    await page.getByTestId('bt-all-figures').uncheck();
    await expect.poll(() => row.locator('td[data-metric="cagrPct"]').isVisible()).toBe(false);
    expect(await overflow(page)).toBe(0);

    // The ticked runs' end values on the equity axis: none over another.
    await page.getByTestId('bt-tab-curves').click();
    const labels = page.getByTestId('bt-end-labels').locator('.bt-end-label');
    await expect.poll(() => labels.count()).toBe(6);
    const boxes = (await Promise.all((await labels.all()).map((l) => l.boundingBox()))).map((b) => b!).sort((a, b) => a.y - b.y);
    for (let k = 1; k < boxes.length; k++) expect(boxes[k]!.y).toBeGreaterThanOrEqual(boxes[k - 1]!.y + boxes[k - 1]!.height - 0.5);
    // And their drawdowns at the end on the drawdown axis, inside its pane.
    const dd = page.getByTestId('bt-dd-end-labels').locator('.bt-end-label');
    await expect.poll(() => dd.count()).toBe(6);
    const pane = (await page.locator('.bt-chart-dd').boundingBox())!;
    const ddBoxes = (await Promise.all((await dd.all()).map((l) => l.boundingBox()))).map((b) => b!).sort((a, b) => a.y - b.y);
    for (let k = 1; k < ddBoxes.length; k++) expect(ddBoxes[k]!.y).toBeGreaterThanOrEqual(ddBoxes[k - 1]!.y + ddBoxes[k - 1]!.height - 0.5);
    expect(ddBoxes[0]!.y).toBeGreaterThanOrEqual(pane.y - 0.5);
    expect(ddBoxes.at(-1)!.y + ddBoxes.at(-1)!.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
    expect((await dd.allTextContents()).every((t) => /^-?\d+\.\d\d%$/.test(t))).toBe(true);
    await page.getByTestId('bt-charts').screenshot({ path: '/tmp/keel-bt-laptop-curves.png' });
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('leaves the trade markers off a run over four years of hours until zoomed in, and says so', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: LAPTOP });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2020-01-01', to: '2023-12-31', mode: 'aggressive' });
    await page.getByTestId('bt-param-fast').fill('10');
    await page.getByTestId('bt-param-slow').fill('60');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => runs(page).first().getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    await page.getByTestId('bt-tab-trades').click();
    const chart = page.getByTestId('bt-price');
    await expect.poll(() => chart.getAttribute('data-markers')).toBe('crowded');
    // The words name the fills in view once the chart has settled on its range (read together: under load the
    // count was read while the chart still showed a first, narrower range, and the words then named the whole).
    const words = async () => {
      const marks = Number(await chart.getAttribute('data-marks'));
      const text = await page.getByTestId('bt-price-crowded').textContent();
      return text === `Zoom in to see the markers of the ${marks.toLocaleString('en-US')} fills in view: too many to tell apart at this zoom.` ? 'named' : `${marks}: ${text}`;
    };
    await expect.poll(words).toBe('named');
    await chart.screenshot({ path: '/tmp/keel-bt-laptop-price-out.png' });
    // Zoomed in (the wheel over the chart), the arrows come back and the words go.
    const canvas = chart.locator('.bt-price-chart');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    for (let i = 0; i < 30 && (await chart.getAttribute('data-markers')) === 'crowded'; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(100);
    }
    await expect.poll(() => chart.getAttribute('data-markers')).toBe('shown');
    expect(await page.getByTestId('bt-price-crowded').count()).toBe(0);
    await chart.screenshot({ path: '/tmp/keel-bt-laptop-price-in.png' });
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
