// A trader tunes sma-cross for BTC and ETH traded together from one account: on the backtest page they tick
// ETH/USDT and "Trade the markets as one portfolio", and the Optimize form says it searches both markets as
// one portfolio. The search's sets are portfolio runs: ranked and scored as `keel backtest --symbol
// BTC/USDT,ETH/USDT --portfolio --optimize` ranks them, named by both markets in the Optimization tab and in
// the list of searches. "Run" on a set runs it as it was searched, over both markets from one account, even
// after the portfolio was unticked in the form. Weighted 3 to 1, the search scores its sets as `--weights
// 3,1` does. A walk-forward walks the portfolio too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { expectSetsRankedAsCli } from './support/search-sets.ts';
import { backtestJson } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'eth-1h'] });
});

afterAll(() => keel?.close());

/** Three months of hours on each market, and two sets: a search of a few seconds. */
const FROM = '2021-01-01';
const TO = '2021-03-31';
const GRID = 'fast=5|10,slow=30';
const MARKETS = 'BTC/USDT + ETH/USDT 1h';

type CliSearch = { optimization: { warnings: string[]; ranked: { params: Record<string, number>; score: number | null }[]; outOfSample: { score: number | null } } };

/** `keel backtest --portfolio --optimize` over both stored markets (with `--weights` when given), as the page's search was asked for. */
async function cliSearch(weights?: string): Promise<CliSearch['optimization']> {
  const weighted = weights === undefined ? [] : ['--weights', weights];
  return (await backtestJson<CliSearch>(keel.dataDir, `portfolio-search${weights === undefined ? '' : '-weighted'}.json`, ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--portfolio', ...weighted, '--from', FROM, '--to', TO, '--mode', 'moderate', '--optimize', 'grid', '--grid', GRID, '--objective', 'return', '--holdout', '25'])).optimization;
}

/** The backtest form on BTC with ETH ticked beside it as one portfolio, and the Optimize form's ranges. */
async function portfolioSearchForm(page: Page): Promise<void> {
  await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'moderate' });
  await page.getByTestId('bt-compare-series-local:ETH/USDT:1h').check();
  // Ticked only to compare runs, the other market is not searched.
  expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT 1h alone (tick the portfolio to search the ticked markets with it)');
  await page.getByTestId('bt-portfolio').check();
  expect(await page.getByTestId('bt-search-markets').textContent()).toBe(`Searches ${MARKETS} as one portfolio (one account)`);
  await page.getByTestId('bt-range-fast').fill('5|10');
  await page.getByTestId('bt-range-slow').fill('30');
  await page.getByTestId('bt-search-objective').selectOption('return');
}

describe('the backtest page searching a portfolio', () => {
  it('searches parameters over two markets from one account as keel backtest --portfolio --optimize does, and runs a set as it was searched', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await portfolioSearchForm(page);
    await page.getByTestId('bt-search-run').click();

    const search = page.getByTestId('bt-search');
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await search.locator('.bt-detail-head').textContent()).toContain(`sma-cross · ${MARKETS} · moderate · 2 sets (grid) · maximizing return`);

    // Every set a portfolio run, ranked and scored as the CLI ranks the same search.
    const cli = await cliSearch();
    expect(cli.ranked).toHaveLength(2);
    await expectSetsRankedAsCli(page, cli);
    const rows = page.locator('[data-testid="bt-search-sets"] tbody tr');
    expect(Number(await page.getByTestId('bt-search-oos').getAttribute('data-score'))).toBe(cli.outOfSample.score);
    expect(await page.getByTestId('bt-search-warning').allTextContents()).toEqual(cli.warnings);
    await page.screenshot({ path: '/tmp/keel-e2e-portfolio-search.png', fullPage: true });

    // The trader unticks the portfolio, then runs the best set: it still runs over both markets, as searched.
    await page.getByTestId('bt-portfolio').uncheck();
    const best = cli.ranked[0]!.params;
    await rows.first().getByTestId('bt-run-set').click();
    const runRow = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: `sma-cross fast=${best.fast} slow=${best.slow} · moderate` }) });
    await expect.poll(() => runRow.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await runRow.count()).toBe(1);
    expect(await runRow.locator('td[data-field="series"]').textContent()).toBe(MARKETS);
    expect(await page.getByTestId('bt-param-fast').inputValue()).toBe(String(best.fast));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('searches a portfolio split 3 to 1 as keel backtest --portfolio --weights 3,1 --optimize does', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await portfolioSearchForm(page);
    await page.getByTestId('bt-weight-local:BTC/USDT:1h').fill('3');
    await page.getByTestId('bt-weight-local:ETH/USDT:1h').fill('1');
    expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT 75% + ETH/USDT 25% 1h as one portfolio (one account)');
    await page.getByTestId('bt-search-run').click();
    const search = page.getByTestId('bt-search');
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    // Scored as the CLI scores the same weighted search, which the weights changed (they are not ignored).
    const [cli, even] = await Promise.all([cliSearch('3,1'), cliSearch()]);
    expect(cli.ranked.map((r) => r.score)).not.toEqual(even.ranked.map((r) => r.score));
    await expectSetsRankedAsCli(page, cli);
    expect(Number(await page.getByTestId('bt-search-oos').getAttribute('data-score'))).toBe(cli.outOfSample.score);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('walks forward anchored over the portfolio, and lists both searches by their markets', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await portfolioSearchForm(page);
    await page.getByTestId('bt-search-walk').check();
    await page.getByTestId('bt-search-folds').fill('2');
    await page.getByTestId('bt-search-anchored').check();
    await page.getByTestId('bt-search-run').click();

    const search = page.locator('[data-testid="bt-search"][data-walk-forward]');
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await search.getAttribute('data-walk-forward')).toBe('2');
    expect(await search.locator('.bt-detail-head').textContent()).toContain(`sma-cross · ${MARKETS} · moderate · walk-forward: 2 folds × 2 sets (grid), anchored (in sample from the first bar; the first fold's 3× out of sample)`);
    // Each fold's winner is one of the two sets, run out of sample with a return.
    const folds = page.locator('[data-testid="bt-wf-folds"] tbody tr');
    expect(await folds.count()).toBe(2);
    for (const fold of await folds.all()) {
      expect(await fold.getAttribute('data-params')).toMatch(/^fast=(5|10) slow=30$/);
      expect(await fold.getAttribute('data-oos-return')).toMatch(/^-?\d/);
    }
    expect(await page.getByTestId('bt-wf-return').getAttribute('data-value')).toMatch(/^-?\d/);
    // Anchored: both folds' in-sample stretches start on the portfolio's first day.
    const stretches = await folds.locator('td:nth-child(2)').allTextContents();
    for (const s of stretches) expect(s).toMatch(/^\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/);
    const starts = stretches.map((t) => t.split(' to ')[0]);
    expect(starts).toEqual([starts[0], starts[0]]);

    // This session's searches (the previous tests' too), each named by both markets, not by BTC alone.
    const listed = page.locator('[data-testid="bt-searches"] tbody tr');
    await expect.poll(() => listed.count()).toBe(3);
    expect(await listed.locator('td[data-field="series"]').allTextContents()).toEqual([`${MARKETS} · moderate`, `BTC/USDT 75% + ETH/USDT 25% 1h · moderate`, `${MARKETS} · moderate`]);
    await page.screenshot({ path: '/tmp/keel-e2e-portfolio-walk-forward.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
