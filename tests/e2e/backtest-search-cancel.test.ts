// A trader starts a long grid search on the backtest page, watches it climb, and cancels it partway: the sets
// it already scored stay on the page, ranked best first, under a line that says how many of the planned sets
// ran and that the ranking is over those only, and the search says its best was never run on the held-out
// bars (no out-of-sample score is shown for it). In the list of searches the cancelled one keeps its best set
// and says how far it got. A walk-forward cancelled in its second fold keeps the first, saying how many of the
// planned folds ran; its set in the list is marked as the last fold's winner. A search Keel's closing cut
// short says so in its row after a restart, with how far it had got, every row's outcome whole at 1440 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

describe('the backtest page cancelling a search', () => {
  it('keeps the sets a grid search cancelled midway ran, ranked and labelled as partial', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2022-12-31', mode: 'moderate' });
    await page.getByTestId('bt-search-objective').selectOption('return');
    const search = page.getByTestId('bt-search');
    // A small search first, so the list of searches (shown from two on) compares the two.
    await page.getByTestId('bt-range-fast').fill('5|10');
    await page.getByTestId('bt-range-slow').fill('30');
    await page.getByTestId('bt-search-run').click();
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    // 49 × 35 = 1,715 sets over two years of hours, a quarter held out: cancelled once a tenth have run.
    await page.getByTestId('bt-range-fast').fill('2:50');
    await page.getByTestId('bt-range-slow').fill('60:400:10');
    await page.getByTestId('bt-search-run').click();
    const percent = async () => Number(/(\d+)%/.exec((await page.getByTestId('bt-search-progress').textContent().catch(() => '')) ?? '')?.[1] ?? 0);
    await expect.poll(percent, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(10);
    await page.getByTestId('bt-search-cancel').click();

    await expect.poll(() => search.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(() => search.getAttribute('data-partial'), { timeout: 30_000 }).toMatch(/^\d+\/1715$/);
    const ran = Number((await search.getAttribute('data-partial'))!.split('/')[0]);
    expect(ran).toBeGreaterThanOrEqual(150);
    expect(ran).toBeLessThanOrEqual(1715);
    expect(await search.getAttribute('data-sets')).toBe(String(ran));
    expect(await page.getByTestId('bt-search-partial').textContent()).toBe(`Cancelled after ${ran.toLocaleString('en-US')} of 1,715 sets: ranked over those only.`);
    // The best of those was not run on the held-out bars: said, and no out-of-sample score is shown for it.
    expect(await page.getByTestId('bt-search-oos').count()).toBe(0);
    expect(await page.getByTestId('bt-search-warning').allTextContents()).toContain(`the search was cancelled after ${ran} of 1715 sets, before its best was run on the held-out bars: nothing checks it out of sample, and it is the best of only the ${ran} sets that ran`);
    // The heat map's blank cells are the pairs the cancel left unrun, not pairs the strategy refuses. The sets end
    // in whole chunks of the workers, which can be whole rows of the grid: then no pair of its rows and columns is
    // blank, and no key is shown (the CI once cancelled on such a boundary).
    const blankCells = await page.locator('[data-testid="bt-heatmap"] td.is-blank').count();
    if (blankCells > 0) expect(await page.getByTestId('bt-heatmap-blanks').textContent()).toBe("– not tried: the search was cancelled before it (or the strategy's rules refuse the pair)");
    else expect(await page.getByTestId('bt-heatmap-blanks').count()).toBe(0);
    // The sets it ran, ranked best first (the table lists the best 100).
    const rows = page.locator('[data-testid="bt-search-sets"] tbody tr');
    expect(await rows.count()).toBe(Math.min(100, ran));
    const scores = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-score')))).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const best = await rows.first().getAttribute('data-params');
    await page.screenshot({ path: '/tmp/keel-e2e-search-cancel.png' });

    // In the list: the cancelled search with the best of what it ran, and how far it got.
    const searches = page.locator('[data-testid="bt-searches"] tbody tr');
    await expect.poll(() => searches.count()).toBe(2);
    const cut = searches.first();
    expect(await cut.getAttribute('data-status')).toBe('cancelled');
    expect(await cut.locator('td[data-field="params"]').textContent()).toBe(best);
    expect(await cut.locator('td[data-field="out-of-sample"]').textContent()).toBe('–');
    expect(await cut.locator('td[data-field="outcome"]').textContent()).toBe(`cancelled after ${ran.toLocaleString('en-US')} of 1,715 sets`);
    // Picking the finished search and back shows the cancelled one's sets again.
    await searches.nth(1).click();
    await expect.poll(() => search.getAttribute('data-status')).toBe('done');
    await cut.click();
    await expect.poll(() => search.getAttribute('data-partial')).toBe(`${ran}/1715`);

    // A walk-forward of ten folds cancelled in its second: the first fold stays, with how many of the ten ran.
    await page.getByTestId('bt-search-walk').check();
    await page.getByTestId('bt-search-folds').fill('10');
    await page.getByTestId('bt-range-slow').fill('60:200:10');
    await page.getByTestId('bt-search-run').click();
    await expect.poll(percent, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(12);
    await page.getByTestId('bt-search-cancel').click();
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(() => search.getAttribute('data-partial'), { timeout: 30_000 }).toMatch(/^\d+\/10$/);
    const folds = Number((await search.getAttribute('data-partial'))!.split('/')[0]);
    expect(folds).toBeGreaterThanOrEqual(1);
    expect(folds).toBeLessThan(10);
    expect(await search.getAttribute('data-walk-forward')).toBe(String(folds));
    expect(await page.locator('[data-testid="bt-wf-folds"] tbody tr').count()).toBe(folds);
    expect(await page.getByTestId('bt-search-partial').textContent()).toBe(`Cancelled after ${folds} of 10 folds: summed up over those only.`);
    await expect.poll(() => searches.count()).toBe(3);
    const walk = searches.first();
    expect(await walk.locator('td[data-field="outcome"]').textContent()).toBe(`cancelled after ${folds} of 10 folds`);
    // Its set is the last fold's winner, and says so.
    const lastFold = await page.locator('[data-testid="bt-wf-folds"] tbody tr').last().getAttribute('data-params');
    expect(await walk.locator('td[data-field="params"]').textContent()).toBe(`${lastFold} (last fold)`);
    await page.screenshot({ path: '/tmp/keel-e2e-walk-forward-cancel.png' });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('says in the row, after a restart, that Keel closing cancelled a search and how far it had got', async () => {
    const { context, page } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2022-12-31', mode: 'moderate' });
    await page.getByTestId('bt-search-objective').selectOption('return');
    const search = page.getByTestId('bt-search');
    // Five thousand random sets over two years of hours: still running when Keel closes.
    await page.getByTestId('bt-search-method').selectOption('random');
    await page.getByTestId('bt-search-trials').fill('5000');
    await page.getByTestId('bt-range-fast').fill('2:50');
    await page.getByTestId('bt-range-slow').fill('20:400');
    await page.getByTestId('bt-search-run').click();
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 30_000 }).toBe('running');
    const percent = async () => Number(/(\d+)%/.exec((await page.getByTestId('bt-search-progress').textContent().catch(() => '')) ?? '')?.[1] ?? 0);
    await expect.poll(percent, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    const newest = page.locator('[data-testid="bt-searches"] tbody tr').first();
    await expect.poll(() => newest.getAttribute('data-status')).toBe('running');
    const runId = await newest.getAttribute('data-run-id');
    await context.close();

    await keel.stop();
    await keel.start();
    const after = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await after.page.goto(keel.url);
    await after.page.getByTestId('backtest-nav').click();
    await after.page.getByTestId('bt-tab-search').click();
    const row = after.page.locator(`[data-testid="bt-searches"] tbody tr[data-run-id="${runId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
    // Not a bare "cancelled", nor only in a tooltip: how far, and why, in the row itself.
    const outcome = row.locator('td[data-field="outcome"]');
    expect(await outcome.textContent()).toMatch(/^cancelled at \d+%: Keel closed$/);
    expect(await outcome.getAttribute('title')).toBe('Keel was closed while this optimization ran');
    // Shown below the list (the newest search), its heading says the same.
    await row.click();
    await expect.poll(() => after.page.locator('[data-testid="bt-search"] .bt-detail-head').textContent()).toMatch(/ · cancelled at \d+%: Keel closed$/);
    // Neither in red nor in amber as a failure: Keel closing is no one's fault, said in the page's muted grey.
    const reason = after.page.getByTestId('bt-search-reason');
    expect(await reason.textContent()).toBe('Keel was closed while this optimization ran');
    const grey = await after.page.locator('.bt-hint').first().evaluate((p) => getComputedStyle(p).color);
    expect([await reason.evaluate((p) => getComputedStyle(p).color), await outcome.evaluate((td) => getComputedStyle(td).color)]).toEqual([grey, grey]);
    // At 1440 px every row's outcome ("cancelled after 7 of 10 folds", "cancelled at 3%: Keel closed") is whole
    // inside the list: wrapped, not cut off at the page's right edge behind a sideways scroll.
    const clipped = await after.page.getByTestId('bt-searches').evaluate((table) => {
      const edge = Math.min(table.parentElement!.getBoundingClientRect().right, window.innerWidth);
      return [...table.querySelectorAll('td[data-field="outcome"]')].filter((td) => td.getBoundingClientRect().right > edge + 0.5).map((td) => td.textContent);
    });
    expect(clipped).toEqual([]);
    await after.page.screenshot({ path: '/tmp/keel-e2e-search-keel-closed.png' });
    expect(after.problems).toEqual([]);
    await after.context.close();
  }, 180_000);
});
