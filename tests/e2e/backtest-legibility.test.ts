// A new trader reads the backtest page at 1440 px: every choice in the form's boxes reads whole (the
// strategy box cut "donchian-breakout" to "donchian-breakc", and the fills box, disabled with no finer bars
// stored, read "bar's own path (no f"), and once two runs differ in their dates the runs table's Status
// heading still sits over the statuses (the dates column pushed it to the fifth column, which the table
// right-aligned, so "Status" hung over the report buttons).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

describe('the backtest page reads whole', () => {
  it('shows every option of the form’s boxes without cutting it', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2021-06-30', mode: 'moderate' });
    // Only 1h bars stored: the fills box is disabled and says why.
    expect(await page.getByTestId('bt-detail').isDisabled()).toBe(true);
    const cut = await page.locator('[data-testid="backtest-page"] select').evaluateAll((selects) =>
      (selects as HTMLSelectElement[]).flatMap((s) => {
        const style = getComputedStyle(s);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        // The box's room for its text: inside its padding, less the drop-down arrow Chromium draws there.
        const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
        return [...s.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => `${s.dataset['testid']}: "${o.text}" in ${room} px`);
      }),
    );
    expect(cut).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the Status heading over the statuses when the runs differ in their dates', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2021-06-30', mode: 'moderate' });
    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await page.getByTestId('bt-to').fill('2021-12-31');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    const table = page.getByTestId('bt-runs');
    const headings = await table.locator('thead th').allTextContents();
    expect(headings).toContain('Dates · capital · fee');
    const status = headings.indexOf('Status');
    expect(status).toBeGreaterThan(0);
    // The heading's text starts where the row's status ("done") does, as every other text column's does.
    const left = (loc: ReturnType<typeof table.locator>) => loc.evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return range.getBoundingClientRect().left;
    });
    const heading = await left(table.locator('thead th').nth(status));
    const done = await left(rows.first().locator('td').nth(status).locator('span').first());
    expect(Math.abs(heading - done)).toBeLessThan(2);
    expect(problems).toEqual([]);
    await context.close();
  });
});
