// The backtest page's two forms each say their own refusals, under their own button. A trader clears `fast`
// in the run form and clicks Run backtest: the refusal shows under Run backtest (not at the foot of the side
// column, under Optimize's own `fast 5:20:5` range), the run form's `fast` box is marked invalid (aria-invalid,
// described by the message, a red edge) and focused in view, and Optimize's range is not. Optimize's refusal of
// the same box shows under Optimize, saying it is the form above's. The engine's "no candles" is said the same
// way, beside the button that asked. And the custom risk mode has its Position %: required, refused out of
// range in the CLI's words, and a custom run at 40% is `keel backtest --mode custom --position-pct 40` to the
// last digit, named "custom 40%" in the runs table and the comparison.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { POSITION_PCT_VALID } from '../../shared/contract/commands/backtest.ts';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { backtestJson } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

const FROM = '2021-01-01';
const TO = '2021-12-31';
const RED = 'rgb(246, 70, 93)';

/** Whether `a` comes before `b` in the page (the order a reader and a screen reader meet them). */
const before = async (a: Locator, b: Locator) => a.evaluate((x, y) => Boolean(x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING), await b.elementHandle());

/** Whether the element is inside the window, not scrolled out of the side column. */
const inView = (l: Locator) =>
  l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let p = el.parentElement;
    while (p) {
      const q = p.getBoundingClientRect();
      if (r.bottom <= q.top || r.top >= q.bottom) return false;
      p = p.parentElement;
    }
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

async function runForm(page: Page) {
  await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'moderate' });
}

describe('the backtest forms\' refusals', () => {
  it('says a run-form refusal under Run backtest and marks its box; Optimize\'s under Optimize', async () => {
    // A laptop's height: the side column scrolls, Optimize below the fold.
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1280, height: 720 } });
    await runForm(page);
    const fast = page.getByTestId('bt-param-fast');
    const range = page.getByTestId('bt-range-fast');
    const runButton = page.getByTestId('bt-run');
    const optimize = page.getByTestId('bt-search-run');
    await fast.fill('');
    await runButton.click();

    const message = page.getByTestId('bt-run-error');
    await expect.poll(() => message.textContent()).toBe('fast: a whole number from 1 to 1000');
    // Under Run backtest, above the Optimize form; none under Optimize.
    expect(await before(runButton, message)).toBe(true);
    expect(await before(message, page.getByTestId('bt-search-form'))).toBe(true);
    expect(await page.getByTestId('bt-search-error').count()).toBe(0);
    expect(await page.getByTestId('bt-error').count()).toBe(0);
    // The run form's box is marked, described by the message, red-edged, focused and in view; Optimize's is not.
    expect(await fast.getAttribute('aria-invalid')).toBe('true');
    expect(await fast.getAttribute('aria-describedby')).toBe('bt-run-error');
    expect(await fast.evaluate((el) => [getComputedStyle(el).borderTopColor, getComputedStyle(el).outlineColor])).toEqual([RED, RED]);
    expect(await fast.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await inView(fast)).toBe(true);
    // And the words with it, over neither the box nor out of sight under the fold (a laptop's height).
    expect(await inView(message)).toBe(true);
    expect(await fast.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
    })).toBe(true);
    expect(await range.getAttribute('aria-invalid')).toBeNull();
    await page.getByTestId('backtest-page').locator('.bt-side').screenshot({ path: '/tmp/keel-e2e-run-refusal.png' });

    // Optimize refuses the same box under its own button, saying whose box it is; Run's message stays its own.
    await optimize.click();
    const searchMessage = page.getByTestId('bt-search-error');
    await expect.poll(() => searchMessage.textContent()).toBe('fast: a whole number from 1 to 1000 (in the backtest form above)');
    expect(await before(optimize, searchMessage)).toBe(true);
    expect(await fast.getAttribute('aria-invalid')).toBe('true');
    expect(await range.getAttribute('aria-invalid')).toBeNull();

    // Optimize's own box, marked in the Optimize form; typing in the run form clears both refusals and marks.
    await fast.fill('10');
    expect(await page.getByTestId('bt-run-error').count()).toBe(0);
    expect(await searchMessage.count()).toBe(0);
    expect(await fast.getAttribute('aria-invalid')).toBeNull();
    await range.fill('five');
    await optimize.click();
    await expect.poll(() => searchMessage.textContent()).toBe('fast: write from:to:step (5:50:5) or values (5|10|20)');
    expect(await range.getAttribute('aria-invalid')).toBe('true');
    expect(await range.getAttribute('aria-describedby')).toBe('bt-search-error');
    expect(await fast.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByTestId('bt-run-error').count()).toBe(0);
    await range.fill('5:20:5');
    expect(await range.getAttribute('aria-invalid')).toBeNull();

    // The engine's refusal of dates holding no candles: beside the button pressed, each.
    await page.getByTestId('bt-from').fill('2030-01-01');
    await page.getByTestId('bt-to').fill('2030-02-01');
    await runButton.click();
    await expect.poll(() => message.textContent()).toMatch(/^no candles of local:BTC\/USDT:1h from 2030-01-01/);
    expect(await before(runButton, message)).toBe(true);
    expect(await searchMessage.count()).toBe(0);
    expect(await inView(message)).toBe(true);
    await optimize.click();
    await expect.poll(() => searchMessage.textContent()).toMatch(/^no candles of local:BTC\/USDT:1h from 2030-01-01/);
    expect(await page.locator('[data-testid="bt-runs"] tbody tr').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the custom risk mode', () => {
  it('asks for a position %, refuses it missing or out of range, and runs as keel backtest --mode custom --position-pct 40', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await runForm(page);
    const pct = page.getByTestId('bt-position-pct');
    expect(await pct.count()).toBe(0);
    await page.getByTestId('bt-mode').selectOption('custom');
    await pct.waitFor();

    const message = page.getByTestId('bt-run-error');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => message.textContent()).toBe(`position %: the custom mode sizes each entry at this percent of equity; give ${POSITION_PCT_VALID} (keel backtest --position-pct)`);
    expect(await pct.getAttribute('aria-invalid')).toBe('true');
    for (const bad of ['0', '150']) {
      await pct.fill(bad);
      await page.getByTestId('bt-run').click();
      await expect.poll(() => message.textContent()).toBe(`position %: give ${POSITION_PCT_VALID}`);
    }
    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    expect(await rows.count()).toBe(0);

    // 40%, beside moderate to compare.
    await pct.fill('40');
    await page.getByTestId('bt-compare-mode-moderate').check();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    for (const r of await rows.all()) await expect.poll(() => r.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    const labels = await rows.locator('td.bt-label').allTextContents();
    expect(labels.sort()).toEqual(['sma-cross fast=10 slow=30 · custom 40%', 'sma-cross fast=10 slow=30 · moderate']);
    const customRow = rows.filter({ has: page.locator('td.bt-label', { hasText: 'custom 40%' }) });
    const moderateRow = rows.filter({ has: page.locator('td.bt-label', { hasText: 'moderate' }) });

    type CliRun = { metrics: Record<string, number | null> };
    const cli = await backtestJson<CliRun>(keel.dataDir, 'custom-40.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', FROM, '--to', TO, '--mode', 'custom', '--position-pct', '40', '--capital', '10000', '--fee', '0.1']);
    const shown = async (row: Locator, key: string) => {
      const v = await row.locator(`td[data-metric="${key}"]`).getAttribute('data-value');
      return v === '' || v === null ? null : Number(v);
    };
    for (const key of ['totalReturnPct', 'maxDrawdownPct', 'trades', 'winRatePct', 'sharpe']) {
      expect({ [key]: await shown(customRow, key) }).toEqual({ [key]: cli.metrics[key] });
    }
    // Its own run, not moderate's under another name.
    expect(await shown(customRow, 'totalReturnPct')).not.toBe(await shown(moderateRow, 'totalReturnPct'));

    // The comparison heads its column with the position %.
    const matrix = page.getByTestId('bt-matrix');
    await matrix.waitFor();
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['Strategy', 'moderate', 'custom 40%']);
    await page.screenshot({ path: '/tmp/keel-e2e-custom-mode.png' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
