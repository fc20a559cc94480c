// A trader compares a strategy on BTC and on ETH at 4h bars, made from the 1h candles both are stored as:
// the ETH tick under "Also run, to compare" reads as the run it adds (4h, from 1h), not as the stored 1h
// series. They come back to the page later: the page fetches only the newest six runs' whole results, and
// the runs table's Monte Carlo drawdown (DD p95) still reads for the older ones, from the runs list itself.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'eth-1h'] });
});

afterAll(() => keel?.close());

describe('the runs table of many runs', () => {
  it("names a ticked market at the form's timeframe and keeps every run's DD p95 once the page is opened again", async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2021-06-30', mode: 'moderate' });
    // Re-armed a week after a drawdown kill: without it ETH's January drawdown (taking over a daily-loss pull)
    // ends its runs after one trade, too few for a Monte Carlo, whose DD p95 this test reads.
    await page.getByTestId('bt-rearm').fill('7');
    const eth = page.locator('label.bt-chip', { has: page.getByTestId('bt-compare-series-local:ETH/USDT:1h') });
    expect((await eth.textContent())!.trim()).toBe('ETH/USDT 1h');
    await page.getByTestId('bt-timeframe').selectOption('4h');
    // The run it adds trades 4h bars, rolled up from the stored 1h candles: the tick says so.
    expect((await eth.textContent())!.trim()).toBe('ETH/USDT 4h (from 1h)');

    await page.getByTestId('bt-compare-strategy-ema-cross').check();
    await page.getByTestId('bt-compare-mode-aggressive').check();
    await eth.getByRole('checkbox').check();
    expect(await page.getByTestId('bt-run').textContent()).toBe('Run 8 backtests');
    // The journal's disk full for the last of them (as another program sees the file): that row says it is not kept.
    const db = new Database(join(keel.dataDir, 'journal.sqlite'));
    db.exec("CREATE TRIGGER full_runs BEFORE INSERT ON backtest_runs WHEN NEW.seq = 8 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    await page.getByTestId('bt-run').click();
    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    await expect.poll(() => rows.count()).toBe(8);
    await expect.poll(() => page.locator('[data-testid="bt-runs"] tbody tr[data-status="done"]').count(), { timeout: 180_000 }).toBe(8);
    db.exec('DROP TRIGGER full_runs');
    db.close();
    expect(await rows.locator('td[data-field="series"]').allTextContents()).toContain('ETH/USDT 4h');
    expect(await page.getByTestId('bt-not-kept').allTextContents()).toEqual(['not kept: the journal could not keep it (database or disk is full), so it is listed only until Keel closes']);
    expect(await page.locator('tr[data-run-id="bt-8"]').getByTestId('bt-not-kept').count()).toBe(1);

    // Opened again: the newest six results are fetched, the two oldest runs' are not, and their DD p95 still reads.
    await page.goto(keel.url);
    await page.getByTestId('backtest-nav').click();
    await expect.poll(() => rows.count()).toBe(8);
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('6');
    const cells = rows.locator('td[data-mc="resample-dd-p95"]');
    const read = () => cells.evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-value'), td.textContent]));
    await expect.poll(async () => (await read()).filter(([v, text]) => v === '' || text === '').length).toBe(0);
    for (const [value, text] of await read()) {
      expect(Number(value)).toBeGreaterThan(0);
      expect(text).toMatch(/^[\d,]+\.\d\d%$/);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
