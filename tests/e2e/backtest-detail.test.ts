// A trader with hours and minutes of BTC/USDT stored asks the backtest page to fill inside the hours from
// the minutes, with slippage, and sees what `keel backtest --detail 1m --slippage 5` prints for the same run:
// the figures, and the notes saying the minutes are another price than the hours (a perpetual's trades
// under its mark price). A series with no finer bars stored offers none; a bad slippage says what is valid.
// A portfolio of BTC and ETH with 1m detail is refused while ETH has no minutes stored, naming ETH, and once
// they are imported runs with the figures `keel backtest --portfolio --detail 1m` prints. A run on 4h bars made
// from the stored hours gives what `keel backtest --timeframe 4h` prints over the same journal.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { backtestJson, importCsv } from './support/keel-cli.ts';
import { btcMinuteCsv, keelBin, repoRoot } from './support/paths.ts';

const run = promisify(execFile);

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'btc-1m', 'eth-1h'] });
});

afterAll(() => keel?.close());

describe('fills inside bars from finer stored bars, on the backtest page', () => {
  it('runs with 1m detail and slippage and shows the numbers and notes keel backtest --detail 1m prints', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2022-01-02', to: '2022-01-30', mode: 'aggressive' });
    await page.getByTestId('bt-param-fast').fill('12');
    await page.getByTestId('bt-param-slow').fill('40');
    await page.getByTestId('bt-stop-loss').fill('1');
    await page.getByTestId('bt-take-profit').fill('1.5');
    // The hours' market has minutes stored: they are offered, the bar's own path first.
    const detail = page.getByTestId('bt-detail');
    expect(await detail.locator('option').allTextContents()).toEqual(["bar's own path", 'from 1m bars']);
    await page.getByTestId('bt-slippage').fill('-2');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toContain('slippage: slippage in basis points per fill, from 0 to below 1000 (10 = 0.1%)');
    await page.getByTestId('bt-slippage').fill('5');
    await detail.selectOption('1m');
    await page.getByTestId('bt-run').click();

    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: 'sma-cross fast=12 slow=40 · aggressive · fills on 1m' }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const json = path.join(keel.dataDir, 'detail.json');
    await run(
      process.execPath,
      [keelBin, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2022-01-02', '--to', '2022-01-30', '--mode', 'aggressive', '--stop-loss', '1', '--take-profit', '1.5', '--slippage', '5', '--detail', '1m', '--monte-carlo', '1000', '--data-dir', keel.dataDir, '--json', json],
      { cwd: repoRoot, timeout: 90_000 },
    );
    const cli = JSON.parse(await readFile(json, 'utf8')) as { metrics: Record<string, number | null>; notes: string[] };
    const cell = (metric: string) => row.first().locator(`td[data-metric="${metric}"]`).getAttribute('data-value');
    expect(cli.metrics.trades).toBeGreaterThan(0);
    expect(Number(await cell('totalReturnPct'))).toBe(cli.metrics.totalReturnPct);
    expect(Number(await cell('trades'))).toBe(cli.metrics.trades);
    await row.first().locator('td.bt-label').click();
    await page.getByTestId('bt-tab-notes').click();
    await expect.poll(() => page.locator('[data-testid="bt-notes"] li').allTextContents()).toEqual(cli.notes);
    expect(cli.notes.join('\n')).toMatch(/the 1m detail disagrees with \d+ of the 1h bars it covers/);

    // The minutes themselves have nothing finer: a line under the box says so, and the run goes on the bar's own path.
    await page.getByTestId('bt-series').selectOption('local:BTC/USDT:1m');
    await expect.poll(() => detail.isDisabled()).toBe(true);
    expect(await detail.locator('option').allTextContents()).toEqual(["bar's own path"]);
    expect(await page.getByTestId('bt-detail-none').textContent()).toBe('No finer bars of this market stored');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fills a portfolio inside every market\'s hours once each has minutes stored, as keel backtest --portfolio --detail 1m does', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    const form = { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2022-01-02', to: '2022-01-30', mode: 'aggressive' } as const;
    const fill = async () => {
      await fillBacktestForm(page, keel.url, form);
      await page.getByTestId('bt-stop-loss').fill('1');
      await page.getByTestId('bt-compare-series-local:ETH/USDT:1h').check();
      await page.getByTestId('bt-portfolio').check();
      await page.getByTestId('bt-detail').selectOption('1m');
    };
    await fill();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toContain('fills inside bars from 1m detail need 1m candles of every market the runs trade, and ETH/USDT on local has none stored');
    // The Optimize form says the same before a search is asked for.
    expect(await page.getByTestId('bt-search-markets').textContent()).toContain('ETH/USDT on local has none stored');

    // ETH's minutes: the BTC perpetual's scaled to ETH's price of the time, imported beside the running app.
    const [head, ...rows] = (await readFile(btcMinuteCsv, 'utf8')).trim().split('\n');
    const ethFile = path.join(keel.dataDir, 'eth-1m.csv');
    await writeFile(ethFile, [head, ...rows.map((l) => l.split(',').map((v, i) => (i >= 1 && i <= 4 ? (Number(v) * 0.08).toFixed(3) : v)).join(','))].join('\n') + '\n');
    await importCsv(keel.dataDir, ethFile, 'ETH/USDT', '1m');
    await fill();
    expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT + ETH/USDT 1h as one portfolio (one account), filling inside bars from 1m bars; every entry with stop-loss 1%');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: '· fills on 1m' }) }).filter({ has: page.locator('td[data-field="series"]', { hasText: 'BTC/USDT + ETH/USDT 1h' }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const cli = await backtestJson<{ metrics: Record<string, number | null>; fills: { ts: number; symbol: string; exit?: string }[]; notes: string[] }>(keel.dataDir, 'portfolio-detail.json', [
      ...['--strategy', 'sma-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--portfolio', '--detail', '1m', '--stop-loss', '1'],
      ...['--from', form.from, '--to', form.to, '--mode', 'aggressive', '--monte-carlo', '1000'],
    ]);
    // Stops filled at minutes inside the hours, in both markets.
    const stops = cli.fills.filter((f) => f.exit === 'stop-loss');
    expect(new Set(stops.map((f) => f.symbol))).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    const cell = (metric: string) => row.first().locator(`td[data-metric="${metric}"]`).getAttribute('data-value');
    expect(Number(await cell('totalReturnPct'))).toBe(cli.metrics.totalReturnPct);
    expect(Number(await cell('trades'))).toBe(cli.metrics.trades);
    await row.first().locator('td.bt-label').click();
    await page.getByTestId('bt-tab-notes').click();
    await expect.poll(() => page.locator('[data-testid="bt-notes"] li').allTextContents()).toEqual(cli.notes);
    expect(cli.notes.some((n) => n.startsWith('ETH/USDT: the 1m detail'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs on 4h bars made from the stored hours, filling inside them from the stored hours, as keel backtest --timeframe 4h --detail 1h does', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2022-06-30', mode: 'aggressive' });
    const timeframe = page.getByTestId('bt-timeframe');
    expect((await timeframe.locator('option').allTextContents()).slice(0, 3)).toEqual(['1h (as stored)', '2h (from 1h)', '4h (from 1h)']);
    await timeframe.selectOption('4h');
    // Finer than 4h: the stored hours are offered as detail too.
    expect(await page.getByTestId('bt-detail').locator('option').allTextContents()).toEqual(["bar's own path", 'from 1m bars', 'from 1h bars']);
    await page.getByTestId('bt-detail').selectOption('1h');
    await page.getByTestId('bt-stop-loss').fill('2');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td[data-field="series"]', { hasText: 'BTC/USDT 4h' }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const cli = await backtestJson<{ metrics: Record<string, number | null>; source: string }>(keel.dataDir, 'four-hours.json', [
      ...['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '4h', '--detail', '1h', '--stop-loss', '2'],
      ...['--from', '2021-01-01', '--to', '2022-06-30', '--mode', 'aggressive', '--monte-carlo', '1000'],
    ]);
    expect(cli.source).toContain('local:BTC/USDT:4h (resampled from 1h)');
    const cell = (metric: string) => row.first().locator(`td[data-metric="${metric}"]`).getAttribute('data-value');
    expect(cli.metrics.trades).toBeGreaterThan(5);
    expect(Number(await cell('totalReturnPct'))).toBe(cli.metrics.totalReturnPct);
    expect(Number(await cell('trades'))).toBe(cli.metrics.trades);
    // Another series keeps the timeframe chosen when it makes it, and takes its own again when it does not.
    await page.getByTestId('bt-series').selectOption('local:BTC/USDT:1m');
    expect(await timeframe.inputValue()).toBe('4h');
    await timeframe.selectOption('3m');
    await page.getByTestId('bt-series').selectOption('local:ETH/USDT:1h');
    expect(await timeframe.inputValue()).toBe('1h');
    expect(problems).toEqual([]);
    await context.close();
  });
});
