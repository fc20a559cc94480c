// A user opens the backtest page in Chromium against `keel serve`, runs sma-cross over a stored series,
// watches it finish, and sees the same numbers `keel backtest --json` prints for the same run (its Monte
// Carlo bands too) and saves the report `--html` writes; the
// equity and drawdown charts are drawn, and a second run lands beside the first. Then a parameter search
// ranks its sets as `keel backtest --optimize` does, and its best set runs from the table. Last, a
// walk-forward gives the folds, efficiency and out-of-sample return `keel backtest --walk-forward` gives,
// draws its stitched out-of-sample equity, and one fold's winner runs from its row; the two searches are
// then listed side by side. Last, two strategies in two risk modes start in one click and are compared
// strategies × modes, with the figures of the CLI's matrix; after a restart the runs are all there again.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { METRIC_ROWS } from '../../electron/backtest/summary-table.ts';
import { cliTable } from './support/keel-cli.ts';
import { expectSetsRankedAsCli } from './support/search-sets.ts';
import { holdableAnswers, type AnswerHold } from './support/held-answer.ts';
import { keelBin, repoRoot } from './support/paths.ts';

const run = promisify(execFile);
const SCREENSHOT = '/tmp/keel-e2e-backtest.png';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

/**
 * A new page on the backtest form: sma-cross over the stored BTC/USDT 1h, 2021 to 2022, in `mode`. `before`
 * runs on the page before it opens Keel (to route its bridge).
 */
async function backtestForm(mode: 'conservative' | 'moderate' | 'aggressive', before?: (page: Page) => Promise<void>) {
  const tab = await keel.newPage({ viewport: { width: 1440, height: 900 } });
  const { page } = tab;
  await before?.(page);
  await page.goto(keel.url);
  await page.getByTestId('backtest-nav').click();
  await page.getByTestId('backtest-page').waitFor();
  await page.getByTestId('bt-strategy').selectOption('sma-cross');
  await expect.poll(() => page.getByTestId('bt-series').inputValue()).toBe('local:BTC/USDT:1h');
  await page.getByTestId('bt-from').fill('2021-01-01');
  await page.getByTestId('bt-to').fill('2022-12-31');
  await page.getByTestId('bt-mode').selectOption(mode);
  return tab;
}

/** keel backtest on the app's journal (the run the form made, from the command line) and its --json report. */
async function cliReport<T>(name: string, args: readonly string[]): Promise<T> {
  const json = path.join(keel.dataDir, `${name}.json`);
  await run(process.execPath, [keelBin, 'backtest', ...args, '--data-dir', keel.dataDir, '--json', json], { cwd: repoRoot, timeout: 90_000 });
  return JSON.parse(await readFile(json, 'utf8')) as T;
}

describe('the backtest page', () => {
  it('runs a backtest from the UI and shows the numbers keel backtest --json prints', async () => {
    // The engine's answer to a report can be held back, to click its Cancel meanwhile (below).
    let answers!: AnswerHold;
    const { context, page, problems } = await backtestForm('conservative', async (p) => {
      answers = await holdableAnswers(p);
    });
    await page.getByTestId('bt-param-fast').fill('12');
    await page.getByTestId('bt-param-slow').fill('40');
    await page.getByTestId('bt-capital').fill('25000');
    await page.getByTestId('bt-fee').fill('0.1');
    // Monte Carlo bands come with every run (1,000 simulations unless told otherwise); this run asks for 2,000.
    expect(await page.getByTestId('bt-monte-carlo').inputValue()).toBe('1000');
    await page.getByTestId('bt-monte-carlo').fill('2000');
    await page.getByTestId('bt-run').click();

    const row = page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-1"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    // The tabs are measured with the counts the run's result gives them (it is fetched once the run is done).
    await expect.poll(() => page.getByTestId('bt-tab-drawdowns').textContent()).toMatch(/^Drawdowns\d+$/);
    // The eight result tabs keep one line each: at 1280 px all of them fit (they wrapped to two lines at 1280
    // and 1366 once runs gave them counts), and narrower the bar scrolls rather than wrapping them.
    const tabs = () => page.locator('.bt-tabs .tab').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ right: r.right, height: r.height })));
    const barRight = () => page.locator('.bt-tabs').evaluate((e) => e.getBoundingClientRect().right);
    await page.setViewportSize({ width: 1280, height: 720 });
    const at1280 = await tabs();
    expect(at1280).toHaveLength(8);
    expect(Math.max(...at1280.map((t) => t.height))).toBeLessThan(32);
    expect(at1280.at(-1)!.right).toBeLessThanOrEqual(await barRight());
    await page.setViewportSize({ width: 900, height: 720 });
    expect(Math.max(...(await tabs()).map((t) => t.height))).toBeLessThan(32);
    await page.setViewportSize({ width: 1440, height: 900 });
    const ui: Record<string, number | null> = {};
    for (const cell of await row.locator('td[data-metric]').all()) {
      const v = await cell.getAttribute('data-value');
      ui[(await cell.getAttribute('data-metric'))!] = v === '' || v === null ? null : Number(v);
    }

    const json = path.join(keel.dataDir, 'cli.json');
    const html = path.join(keel.dataDir, 'cli.html');
    const tradesCsv = path.join(keel.dataDir, 'cli-trades.csv');
    const { stdout } = await run(
      process.execPath,
      [keelBin, 'backtest', '--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'conservative', '--capital', '25000', '--fee', '0.1', '--data-dir', keel.dataDir, '--json', json, '--html', html, '--trades-csv', tradesCsv, '--monte-carlo', '2000'],
      { cwd: repoRoot, timeout: 90_000 },
    );
    type Band = { p5: number; p50: number; p95: number };
    const cli = JSON.parse(await readFile(json, 'utf8')) as {
      metrics: Record<string, number | null>;
      notes: string[];
      halts: unknown[];
      drawdowns: { peakTs: number; troughTs: number; recoveredTs: number | null; depthPct: number; days: number }[];
      fills: { ts: number }[];
      trades: { entryPrice: number; exitPrice: number; pnl: number; entryTs: number; exitTs: number }[];
      monteCarlo: { runs: number; trades: number; actual: Record<string, number>; reorder: Record<string, Band>; resample: Record<string, Band> };
    };
    expect(Object.keys(ui).length).toBeGreaterThan(10);
    for (const [k, v] of Object.entries(ui)) expect({ [k]: v }).toEqual({ [k]: cli.metrics[k] });
    // And each reads as the CLI's summary prints it, to the letter: the drawdown's duration, every percent and ratio.
    const summary = new Map(cliTable(stdout, '').filter((r) => r.length === 2) as [string, string][]);
    const texts: Record<string, string | undefined> = {};
    const clis: Record<string, string | undefined> = {};
    for (const [label, key] of METRIC_ROWS) {
      if (!(key in ui)) continue;
      texts[key] = (await row.locator(`td[data-metric="${key}"]`).textContent()) ?? undefined;
      clis[key] = summary.get(label) ?? summary.get(`${label} (USDT)`) ?? summary.get(`${label.slice(0, -1)}, USDT)`);
    }
    expect(Object.keys(texts).length).toBe(Object.keys(ui).length);
    expect(texts).toEqual(clis);

    // The run's whole report saves from its row: the page keel backtest --html writes, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('bt-report-html').click()]);
    expect(download.suggestedFilename()).toBe('keel-bt-1-sma-cross-fast12-slow40-BTCUSDT-1h-conservative.html');
    expect(await readFile((await download.path())!, 'utf8')).toBe(await readFile(html, 'utf8'));
    // While the report was made the buttons said so and waited; with the file handed over they are back.
    await expect.poll(() => row.getByTestId('bt-report-html').textContent()).toBe('HTML');
    expect(await row.getByTestId('bt-report-json').isEnabled()).toBe(true);
    expect(await row.getByTestId('bt-report-cancel').count()).toBe(0);
    // Its trades as CSV, the file keel backtest --trades-csv writes.
    const [csv] = await Promise.all([page.waitForEvent('download'), row.getByTestId('bt-report-csv').click()]);
    expect(csv.suggestedFilename()).toBe('keel-bt-1-sma-cross-fast12-slow40-BTCUSDT-1h-conservative-trades.csv');
    expect(await readFile((await csv.path())!, 'utf8')).toBe(await readFile(tradesCsv, 'utf8'));
    await expect.poll(() => row.getByTestId('bt-report-csv').textContent()).toBe('CSV');
    // A report cancelled while it is made: no file, no error, and the buttons are back. The engine's answer
    // waits until Cancel is clicked, as on a slow machine: made in a second here, the report was at times
    // done, and its Cancel gone, before the click got there (the engine stops it; had it been made first,
    // the page saves nothing either, tests/unit/renderer/backtest-save-report.test.ts).
    let downloads = 0;
    page.on('download', () => downloads++);
    answers.hold('backtest.report');
    await row.getByTestId('bt-report-json').click();
    await row.getByTestId('bt-report-cancel').click();
    answers.release();
    await expect.poll(() => row.getByTestId('bt-report-json').textContent()).toBe('JSON');
    expect(await row.getByTestId('bt-report-cancel').count()).toBe(0);
    expect(await page.getByTestId('bt-error').count()).toBe(0);
    // The next file is the next report asked for: a file of the cancelled one would have come before it (the
    // test hears of a download a moment after the page starts it, so a count taken as the buttons came back
    // could miss one).
    const [next] = await Promise.all([page.waitForEvent('download'), row.getByTestId('bt-report-csv').click()]);
    expect(next.suggestedFilename()).toBe('keel-bt-1-sma-cross-fast12-slow40-BTCUSDT-1h-conservative-trades.csv');
    expect(downloads).toBe(1);
    await expect.poll(() => row.getByTestId('bt-report-csv').textContent()).toBe('CSV');

    // The curves are drawn (one run ticked), on canvases.
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('1');
    expect(await page.locator('[data-testid="bt-charts"] canvas').count()).toBeGreaterThan(1);

    // Each pull of the kill switch is marked on the equity line (the last one is why the curve runs flat).
    expect(cli.halts.length).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('bt-charts').getAttribute('data-halts'))).toBe(cli.halts.length);
    expect(await page.getByTestId('bt-charts').textContent()).toContain('kill switch pulled');

    // The run's notes (the kill switch, refused orders) and its round trips, as the CLI's report has them.
    expect(cli.notes.length).toBeGreaterThan(0);
    await page.getByTestId('bt-tab-notes').click();
    await expect.poll(() => page.locator('[data-testid="bt-notes"] li').allTextContents()).toEqual(cli.notes);
    // The drawdown breach stopped new entries for the rest of the run: the page says when and how much of
    // it, as keel backtest's hint does (each naming its own way to re-arm).
    const hint = /^hint: the kill switch stayed engaged from (\S+) to the end, (\d+)% of the run/m.exec(stdout);
    expect(hint).not.toBeNull();
    expect(await page.getByTestId('bt-halted-hint').textContent()).toContain(`The kill switch stayed engaged from ${hint![1]} to the end, ${hint![2]}% of the run without a new entry.`);
    // And the HTML report (the app's saved page is keel backtest's, byte for byte, as checked above) says so under its notes, naming both ways on.
    expect(await readFile(html, 'utf8')).toContain(`<div class="warn" data-hint>hint: the kill switch stayed engaged from ${hint![1]} to the end, ${hint![2]}% of the run without a new entry; keel backtest --rearm-after DAYS (in the app, &#34;Re-arm after drawdown kill&#34; in the backtest form)`);
    // Its worst drawdowns, as the JSON lists them: the first as deep as the max drawdown in the runs table.
    await page.getByTestId('bt-tab-drawdowns').click();
    const drawdownRows = page.locator('[data-testid="bt-drawdowns"] tbody tr');
    await expect.poll(() => drawdownRows.count()).toBe(cli.drawdowns.length);
    const shown = await drawdownRows.evaluateAll((trs) => trs.map((tr) => ({ peakTs: Number(tr.dataset.peak), troughTs: Number(tr.dataset.trough), recoveredTs: tr.dataset.recovered === '' ? null : Number(tr.dataset.recovered), depthPct: Number(tr.dataset.depth), days: Number(tr.dataset.days) })));
    expect(shown).toEqual(cli.drawdowns);
    expect(cli.drawdowns[0]!.depthPct).toBe(cli.metrics.maxDrawdownPct);
    expect(await page.getByTestId('bt-tab-drawdowns').textContent()).toBe(`Drawdowns${cli.drawdowns.length}`);
    // Each cell as keel backtest's "Worst drawdowns" table prints it, to the letter (the depth a positive percent there and here).
    const ddTexts = await drawdownRows.evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent)));
    expect(ddTexts).toEqual(cliTable(stdout, 'Worst drawdowns').slice(1));
    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.getAttribute('data-count')).toBe(String(cli.trades.length));
    // The slow average's 39-bar warm-up and the bar before it (the side the averages were on) were read from
    // the bars before 2021, as keel backtest read them.
    expect(await page.getByTestId('bt-warm-up').getAttribute('data-value')).toBe('40');
    expect(await page.getByTestId('bt-warm-up').textContent()).toBe("The indicators read the 40 bars before the range first (the strategy's warm-up), so it could trade from the range's first bar.");
    // Those 40 bars are drawn before the range on the price chart, shaded, the lines carried back over the
    // bars they had a value at: the SMA 12 over 29 of them, the SMA 40 over the last (its first value).
    const price = page.getByTestId('bt-price');
    await expect.poll(() => price.getAttribute('data-lead-in-status'), { timeout: 30_000 }).toBe('ready');
    expect([await price.getAttribute('data-lead-in'), await price.getAttribute('data-lead-in-points'), await price.getAttribute('data-lead-in-lines')]).toEqual(['40', '40', '30']);
    expect(await page.getByTestId('bt-lead-in').textContent()).toBe("Shaded, in grey: the 40 bars before the range its indicators read first; the run trades from the range's first bar.");
    // Every fill is an arrow on the run's price line.
    await expect.poll(() => page.getByTestId('bt-price').getAttribute('data-marks')).toBe(String(cli.fills.length));
    expect(await page.locator('[data-testid="bt-price"] canvas').count()).toBeGreaterThan(0);
    // The strategy's two averages are drawn over the price, named above it as the saved report names them.
    const legend = (at: string) => page.locator(`[data-testid="bt-indicators"] [data-indicator]`).evaluateAll((els, a) => els.map((e) => `${(e as HTMLElement).dataset.indicator} ${(e as HTMLElement).dataset[a]}`), at);
    expect(await legend('overlay')).toEqual(['SMA 12 true', 'SMA 40 true']);
    const reportHtml = await readFile(html, 'utf8');
    // The saved report shades the same 40 bars before the range, named in the app's words.
    expect(reportHtml).toContain(`<p class="sub" data-lead-in="40">Shaded, in grey: the 40 bars before the range its indicators read first; the run trades from the range&#39;s first bar.</p>`);
    expect([...reportHtml.matchAll(/data-indicator="([^"]+)"/g)].map((m) => `${m[1]} true`)).toEqual(await legend('overlay'));
    expect(await page.getByTestId('bt-price').getAttribute('data-panes')).toBe('1');
    for (const points of await legend('points')) expect(Number(points.split(' ').at(-1))).toBeGreaterThan(1000);
    const rows = trades.locator('tbody tr');
    expect(await rows.count()).toBe(cli.trades.length);
    for (const [i, t] of [[0, cli.trades[0]!], [cli.trades.length - 1, cli.trades.at(-1)!]] as const) {
      expect(Number(await rows.nth(i).getAttribute('data-entry-price'))).toBe(t.entryPrice);
      expect(Number(await rows.nth(i).getAttribute('data-exit-price'))).toBe(t.exitPrice);
      expect(Number(await rows.nth(i).getAttribute('data-pnl'))).toBe(t.pnl);
    }

    // A click on a trade opens it up close: every hour from 30 bars before its entry to 30 after its exit
    // (half its length when longer), as candles with the two averages, its fills and its neighbours' marked.
    // Near the range's start it would reach back into the 39 bars the averages read first, drawn set apart
    // and named under the chart (tests/unit/renderer/backtest-lead-in.test.ts); these trades are further in.
    const HOUR = 3_600_000;
    const START = Date.UTC(2021, 0, 1);
    const tradeChart = page.getByTestId('bt-trade-chart');
    const expectUpClose = async (k: number) => {
      const t = cli.trades[k]!;
      const pad = Math.max(30, Math.ceil((t.exitTs - t.entryTs) / HOUR / 2)) * HOUR;
      const from = Math.max(t.entryTs - pad, START - 39 * HOUR);
      const to = Math.min(t.exitTs + pad, Date.UTC(2022, 11, 31, 23));
      await expect.poll(() => tradeChart.getAttribute('data-status')).toBe('ready');
      expect(await tradeChart.getAttribute('data-trade')).toBe(String(k + 1));
      expect([Number(await tradeChart.getAttribute('data-from')), Number(await tradeChart.getAttribute('data-to')), Number(await tradeChart.getAttribute('data-bars'))]).toEqual([from, to, (to - from) / HOUR + 1]);
      expect(Number(await tradeChart.getAttribute('data-marks'))).toBe(cli.fills.filter((f) => f.ts >= from && f.ts <= to).length);
      const before = Math.max(0, (START - from) / HOUR);
      expect(Number(await tradeChart.getAttribute('data-lead-in'))).toBe(before);
      expect(await tradeChart.getByTestId('bt-trade-lead-in').allTextContents()).toEqual(before === 0 ? [] : [`Shaded, in grey: the ${before} bars before the range its indicators read first; the run trades from the range's first bar.`]);
      expect(await tradeChart.locator('[data-indicator]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.indicator))).toEqual(['SMA 12', 'SMA 40']);
      expect(await tradeChart.locator('canvas').count()).toBeGreaterThan(0);
    };
    await rows.nth(3).click();
    await expectUpClose(3);
    expect(await rows.nth(3).getAttribute('aria-selected')).toBe('true');
    // From the keyboard too; the close button puts it away.
    await rows.nth(5).focus();
    await page.keyboard.press('Enter');
    await expectUpClose(5);
    await tradeChart.getByTestId('bt-trade-close').click();
    expect(await tradeChart.count()).toBe(0);
    expect(await rows.nth(5).getAttribute('aria-selected')).toBe('false');

    // Sorted by P&L with a header click: the best trade first, then the worst first, then the trades' order
    // again; each row keeps its number in the run, and opens that trade.
    const pnls = () => rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.pnl)));
    const byPnl = cli.trades.map((t) => t.pnl);
    await page.getByTestId('bt-sort-pnl').click();
    expect(await pnls()).toEqual([...byPnl].sort((a, b) => b - a));
    await page.getByTestId('bt-sort-pnl').click();
    expect(await pnls()).toEqual([...byPnl].sort((a, b) => a - b));
    const worst = byPnl.indexOf(Math.min(...byPnl));
    expect(await rows.first().locator('td').first().textContent()).toBe(String(worst + 1));
    await rows.first().click();
    await expectUpClose(worst);
    await tradeChart.getByTestId('bt-trade-close').click();
    await page.getByTestId('bt-sort-pnl').click();
    expect(await pnls()).toEqual(byPnl);

    // The Monte Carlo tab: the bands `keel backtest --monte-carlo 2000 --json` writes (seed 1 by default), under
    // both methods, each with its bar; beside Max DD in the runs table, the resampled drawdown's 95th percentile.
    await page.getByTestId('bt-tab-montecarlo').click();
    const mc = page.getByTestId('bt-mc');
    await expect.poll(() => mc.getAttribute('data-run-id')).toBe('bt-1');
    expect([await mc.getAttribute('data-runs'), await mc.getAttribute('data-trades')]).toEqual(['2000', String(cli.monteCarlo.trades)]);
    const bands = mc.getByTestId('bt-mc-row');
    expect(await bands.count()).toBe(4);
    for (const band of await bands.all()) {
      const method = (await band.getAttribute('data-method')) as 'reorder' | 'resample';
      const metric = (await band.getAttribute('data-metric'))!;
      const shown = { p5: Number(await band.getAttribute('data-p5')), p50: Number(await band.getAttribute('data-p50')), p95: Number(await band.getAttribute('data-p95')) };
      expect({ [`${method} ${metric}`]: shown }).toEqual({ [`${method} ${metric}`]: cli.monteCarlo[method][metric] });
      expect(Number(await band.getAttribute('data-actual'))).toBe(cli.monteCarlo.actual[metric]);
      // The bar says its numbers in words, as the table prints them.
      expect(await band.locator('[role="img"]').getAttribute('aria-label')).toContain(`95th percentile ${(await band.locator('td').nth(3).textContent())!}`);
      // Its numbers as keel backtest --monte-carlo prints the same band, to the letter.
      const printed = cliTable(stdout, 'Monte Carlo (').find((c) => c[0] === `${metric === 'returnPct' ? 'return' : 'max drawdown'}, trades ${method === 'reorder' ? 'reordered' : 'resampled'}`);
      expect(await band.locator('td').evaluateAll((tds) => tds.slice(1, 5).map((td) => td.textContent))).toEqual(printed!.slice(1));
    }
    expect(await mc.locator('.bt-mc-bar .bt-mc-band').count()).toBe(4);
    // A trade open at the end is left out of the bands, and said so, as keel backtest says it.
    expect(await mc.getByTestId('bt-mc-open-left-out').count()).toBe(stdout.includes('still open at the end') ? 1 : 0);
    expect(Number(await row.locator('td[data-mc="resample-dd-p95"]').getAttribute('data-value'))).toBe(cli.monteCarlo.resample.maxDrawdownPct!.p95);
    await page.getByTestId('bt-tab-curves').click();

    // A second run, another strategy, lands beside the first.
    await page.getByTestId('bt-strategy').selectOption('rsi-reversion');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-2"]').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('2');
    // A key above the charts names each line and its market, as the runs table does (the lines' titles on
    // the price axis stacked over the curves and left out the market): both on one market, said once.
    const keys = page.locator('[data-testid="bt-curve-keys"] li[data-run-id]');
    expect(await keys.count()).toBe(2);
    for (const key of await keys.all()) {
      const runRow = page.locator(`[data-testid="bt-runs"] tr[data-run-id="${await key.getAttribute('data-run-id')}"]`);
      expect(await key.textContent()).toBe(await runRow.locator('td.bt-label').textContent());
      expect(await page.getByTestId('bt-curve-keys-market').textContent()).toBe(`all on ${await runRow.locator('td[data-field="series"]').textContent()}:`);
    }
    // The equity and drawdown charts' price axes are one width, so their time axes line up (the equity
    // axis's 25,000.00 is wider than the drawdown's -8.40%, and a fall sat off its drawdown below).
    const axisWidths = () => page.locator('[data-testid="bt-charts"] .bt-chart').evaluateAll((charts) => charts.map((c) => (c.querySelector('tr td:last-child') as HTMLElement).offsetWidth));
    await expect.poll(async () => new Set(await axisWidths()).size).toBe(1);
    // The runs table's column names stay above its rows when it scrolls.
    expect(await page.locator('[data-testid="bt-runs"] thead th').first().evaluate((th) => getComputedStyle(th).position)).toBe('sticky');
    // Its trades are the ones listed now; a click on the first run's row lists that run's again.
    await page.getByTestId('bt-tab-trades').click();
    await expect.poll(() => trades.getAttribute('data-run-id')).toBe('bt-2');
    // Its RSI is no price: it gets a pane of its own under the price line, with the levels the strategy buys and sells at.
    await expect.poll(() => legend('overlay')).toEqual(['RSI 14 false']);
    expect(await page.getByTestId('bt-price').getAttribute('data-panes')).toBe('2');
    expect(await legend('levels')).toEqual(['RSI 14 30 70']);
    expect(await page.getByTestId('bt-indicators').textContent()).toBe('RSI 14 at 30 / 70 (below)');
    await page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-1"] td.bt-label').click();
    await expect.poll(() => trades.getAttribute('data-run-id')).toBe('bt-1');
    expect(await rows.count()).toBe(cli.trades.length);
    // Without a mouse too: Enter on a run's row lists its trades (a row took no focus, so only the newest run's could be read).
    await page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-2"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => trades.getAttribute('data-run-id')).toBe('bt-2');
    // Space on its chart checkbox is the checkbox's: it hides the curves, and opens no run.
    await page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-1"] input[type="checkbox"]').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('1');
    expect(await trades.getAttribute('data-run-id')).toBe('bt-2');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('2');

    // A parameter out of range is refused with its range, and nothing starts.
    await page.getByTestId('bt-param-period').fill('1');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toContain('period: a whole number from 2 to 500');
    // Said where it can be read: the message sat under the Optimize form, and was left below the side
    // column's fold, so the click on Run backtest seemed to do nothing. Now under Run backtest, in view.
    const errorInSight = () =>
      page.getByTestId('bt-run-error').evaluate((el) => {
        const r = el.getBoundingClientRect();
        const side = el.closest('.bt-side')!.getBoundingClientRect();
        return r.top >= side.top && r.bottom <= Math.min(side.bottom, window.innerHeight);
      });
    await expect.poll(errorInSight).toBe(true);
    expect(await page.locator('[data-testid="bt-runs"] tbody tr').count()).toBe(2);
    // So is a Monte Carlo count that is not a whole number of simulations in range.
    await page.getByTestId('bt-param-period').fill('14');
    await page.getByTestId('bt-monte-carlo').fill('2.5');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toContain('Monte Carlo runs: a whole number of simulations from 0 (none) to 100,000');
    expect(await page.locator('[data-testid="bt-runs"] tbody tr').count()).toBe(2);

    await page.screenshot({ path: SCREENSHOT });
    // Back to the terminal with runs drawn: the page's charts go without taking the window with them
    // (removing a removed chart's curves threw, and the window went blank), and back again.
    await page.getByTestId('backtest-nav').click();
    await page.getByTestId('trading-dock').waitFor();
    await page.getByTestId('backtest-nav').click();
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('2');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('searches parameters from the UI, ranks them as keel backtest --optimize does, and runs the best', async () => {
    const { context, page, problems } = await backtestForm('aggressive');
    // The form offers ranges around the defaults; these are the user's.
    expect(await page.getByTestId('bt-range-fast').inputValue()).toBe('5:20:5');
    await page.getByTestId('bt-range-fast').fill('5:15:5');
    await page.getByTestId('bt-range-slow').fill('20|30|40');
    // The objectives listed in words, as the score columns head them ("Sharpe", "profit factor"), not "sharpe", "profit-factor".
    expect(await page.getByTestId('bt-search-objective').locator('option').allTextContents()).toEqual(['Sharpe', 'Sortino', 'return', 'CAGR', 'Calmar', 'profit factor', 'expectancy']);
    await page.getByTestId('bt-search-objective').selectOption('return');
    await page.getByTestId('bt-search-run').click();

    const search = page.getByTestId('bt-search');
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const json = path.join(keel.dataDir, 'search.json');
    const { stdout } = await run(
      process.execPath,
      [keelBin, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'aggressive', '--optimize', 'grid', '--grid', 'fast=5:15:5,slow=20|30|40', '--objective', 'return', '--holdout', '25', '--data-dir', keel.dataDir, '--json', json],
      { cwd: repoRoot, timeout: 90_000 },
    );
    const cli = (JSON.parse(await readFile(json, 'utf8')) as { optimization: { warnings: string[]; ranked: { params: Record<string, number>; score: number }[]; outOfSample: { score: number } } }).optimization;
    expect(await search.getAttribute('data-sets')).toBe(String(cli.ranked.length));
    await expectSetsRankedAsCli(page, cli);
    expect(Number(await page.getByTestId('bt-search-oos').getAttribute('data-score'))).toBe(cli.outOfSample.score);
    expect(await page.getByTestId('bt-search-warning').allTextContents()).toEqual(cli.warnings);
    // Two parameters varied: every set is a cell of the heat map.
    expect(await page.getByTestId('bt-heatmap').getAttribute('data-cells')).toBe(String(cli.ranked.length));
    // The scores, drawdowns and trade counts read as the CLI prints them: its ranking, then its grid.
    const ranking = cliTable(stdout, 'Optimization (').filter((c) => c.length === 5 && c[0]!.startsWith('fast='));
    // The days searched and held out as the table's title and its "best, out of sample" row name them.
    const inSample = /in sample: (\S+ to \S+),/.exec(stdout.split('\n').find((l) => l.startsWith('Optimization ('))!)![1]!;
    expect(await search.locator('.bt-detail-head').textContent()).toContain(` · searched ${inSample}`);
    const heldOut = /^best, out of sample \((\S+ to \S+),/.exec(cliTable(stdout, 'Optimization (').find((c) => c[0]!.startsWith('best, out of sample'))![0]!)![1]!;
    expect(await page.getByTestId('bt-search-oos').textContent()).toContain(` on the held-out ${heldOut} (`);
    expect(ranking).toHaveLength(cli.ranked.length);
    const sets = await page.locator('[data-testid="bt-search-sets"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // The app's columns: #, parameters, score, Sharpe, Max DD, Win rate, Trades; the CLI's: params, score, return, max DD, trades.
    expect(sets.map((c) => [c[1]!.replaceAll(' ', ','), c[2], c[4], c[6]])).toEqual(ranking.map((c) => [c[0], c[1], c[3], c[4]]));
    const grid = await page.locator('[data-testid="bt-heatmap"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(grid).toEqual(cliTable(stdout, 'Return by fast').slice(1));
    // The objective named in words, in the app's heat map as in the printed one's title, not by its --objective name.
    expect(await page.getByTestId('bt-heatmap').locator('p.bt-hint').first().textContent()).toBe('Return by fast (down) and slow (across); green is best.');
    expect(stdout).toContain('\nReturn by fast (down) and slow (across), in sample; green is best');

    // The best set runs as a backtest of its own, over all the bars, beside the others.
    const best = cli.ranked[0]!.params;
    await page.getByTestId('bt-run-set').first().click();
    const label = `sma-cross fast=${best.fast} slow=${best.slow} · aggressive`;
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: label }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await page.getByTestId('bt-param-fast').inputValue()).toBe(String(best.fast));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('walks forward from the UI, with the folds, efficiency and return keel backtest --walk-forward gives, and runs a fold\'s winner', async () => {
    const { context, page, problems } = await backtestForm('moderate');
    await page.getByTestId('bt-range-fast').fill('5:15:5');
    await page.getByTestId('bt-range-slow').fill('20|30|40');
    await page.getByTestId('bt-search-objective').selectOption('return');
    // Walking forward replaces the holdout: its field gives way to the folds and the in-sample ratio.
    await page.getByTestId('bt-search-walk').check();
    expect(await page.getByTestId('bt-search-holdout').count()).toBe(0);
    expect(await page.getByTestId('bt-search-is-ratio').inputValue()).toBe('3');
    await page.getByTestId('bt-search-folds').fill('3');
    await page.getByTestId('bt-search-run').click();

    const search = page.getByTestId('bt-search');
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    const json = path.join(keel.dataDir, 'walk.json');
    const { stdout } = await run(
      process.execPath,
      [keelBin, 'backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'moderate', '--optimize', 'grid', '--grid', 'fast=5:15:5,slow=20|30|40', '--objective', 'return', '--walk-forward', '3', '--is-ratio', '3', '--data-dir', keel.dataDir, '--json', json],
      { cwd: repoRoot, timeout: 90_000 },
    );
    type CliFold = { params: Record<string, number>; inSampleScore: number | null; outOfSampleScore: number | null; inSampleMetrics: { totalReturnPct: number }; outOfSampleMetrics: { totalReturnPct: number } };
    const cli = (JSON.parse(await readFile(json, 'utf8')) as { walkForward: { efficiency: number | null; outOfSampleReturnPct: number; warnings: string[]; folds: CliFold[] } }).walkForward;
    const attr = (v: number | null) => (v === null ? '' : String(v));
    expect(await search.getAttribute('data-walk-forward')).toBe('3');
    const rows = page.locator('[data-testid="bt-wf-folds"] tbody tr');
    expect(await rows.count()).toBe(cli.folds.length);
    for (const [i, f] of cli.folds.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-params')).toBe(`fast=${f.params.fast} slow=${f.params.slow}`);
      expect(await row.getAttribute('data-is-score')).toBe(attr(f.inSampleScore));
      expect(await row.getAttribute('data-oos-score')).toBe(attr(f.outOfSampleScore));
      expect(await row.getAttribute('data-is-return')).toBe(attr(f.inSampleMetrics.totalReturnPct));
      expect(await row.getAttribute('data-oos-return')).toBe(attr(f.outOfSampleMetrics.totalReturnPct));
      // Both stretches as UTC days.
      expect(await row.locator('td').nth(1).textContent()).toMatch(/^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    }
    expect(await rows.first().locator('td').nth(1).textContent()).toMatch(/^2021-01-01 to /);
    expect(await rows.last().locator('td').nth(2).textContent()).toMatch(/ to 2022-12-31$/);
    expect(await page.getByTestId('bt-wf-efficiency').getAttribute('data-value')).toBe(attr(cli.efficiency));
    expect(Number(await page.getByTestId('bt-wf-return').getAttribute('data-value'))).toBe(cli.outOfSampleReturnPct);
    // The texts as keel backtest's Walk-forward table prints them, to the letter: each fold's days, IS and
    // OOS score, IS and OOS return (the app's columns in the table's order), the stitched out-of-sample
    // return, and the efficiency (or why there is none) in its title.
    const printed = cliTable(stdout, 'Walk-forward (');
    const printedFolds = printed.filter((c) => /^\d+$/.test(c[0]!));
    expect(printedFolds).toHaveLength(cli.folds.length);
    // The score columns headed as the printed table heads them, by the objective (the app said "IS score", the CLI "IS return" twice).
    expect(await page.locator('[data-testid="bt-wf-folds"] thead th').allTextContents()).toEqual(['Fold', 'In sample', 'Out of sample', 'Parameters', 'IS score (return)', 'OOS score (return)', 'IS return', 'OOS return', '']);
    expect(printed.find((c) => c[0] === 'fold')!.slice(4, 6)).toEqual(['IS score (return)', 'OOS score (return)']);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [1, 2, 4, 5, 6, 7].map((k) => (tr as HTMLTableRowElement).cells[k]!.textContent)))).toEqual(printedFolds.map((c) => [c[1], c[2], c[4], c[5], c[6], c[7]]));
    expect(await page.getByTestId('bt-wf-return').textContent()).toBe(printed.find((c) => c[0] === 'all')!.at(-1));
    expect(stdout).toContain(`efficiency ${(await page.getByTestId('bt-wf-efficiency').textContent())!})`);
    expect(cli.warnings.length).toBeGreaterThan(0);
    expect(await page.getByTestId('bt-search-warning').allTextContents()).toEqual(cli.warnings);

    // The stitched out-of-sample equity is drawn, one line and one mark per fold.
    const chart = page.getByTestId('bt-wf-chart');
    expect(await chart.getAttribute('data-folds')).toBe('3');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(1000);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(await chart.textContent()).toContain('F1…F3');
    await page.screenshot({ path: '/tmp/keel-e2e-walk-forward.png' });

    // The second fold's winner runs as a backtest of its own over all the bars.
    const before = await page.locator('[data-testid="bt-runs"] tbody tr').count();
    const winner = cli.folds[1]!.params;
    await page.getByTestId('bt-wf-run-fold').nth(1).click();
    const label = `sma-cross fast=${winner.fast} slow=${winner.slow} · moderate`;
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: label }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await page.locator('[data-testid="bt-runs"] tbody tr').count()).toBe(before + 1);
    expect(await page.getByTestId('bt-param-fast').inputValue()).toBe(String(winner.fast));
    expect(await page.getByTestId('bt-param-slow').inputValue()).toBe(String(winner.slow));

    // The session's two searches side by side (this walk-forward, then the grid search before it); a
    // click shows either, and a reload keeps the list (it is the engine's).
    await page.getByTestId('bt-tab-search').click();
    const searches = page.locator('[data-testid="bt-searches"] tbody tr');
    const compare = async () => {
      await expect.poll(() => searches.count()).toBe(2);
      expect(await page.getByTestId('bt-tab-search').locator('.tab-count').textContent()).toBe('2');
      const walk = searches.nth(0);
      expect(await walk.getAttribute('data-run-id')).toBe('opt-2');
      expect(await walk.locator('td').nth(3).textContent()).toBe('walk-forward · 3 folds, grid');
      // The last fold's winner, said so (it is not a best over the whole walk-forward).
      expect(await walk.locator('td[data-field="params"]').textContent()).toBe(`fast=${cli.folds.at(-1)!.params.fast} slow=${cli.folds.at(-1)!.params.slow} (last fold)`);
      expect(Number(await walk.locator('td[data-field="oos-return"]').getAttribute('data-value'))).toBe(cli.outOfSampleReturnPct);
      expect(await walk.locator('td[data-field="outcome"]').textContent()).toBe(cli.warnings.length === 1 ? '1 warning' : `${cli.warnings.length} warnings`);
      expect(await searches.nth(1).getAttribute('data-run-id')).toBe('opt-1');
      expect(await searches.nth(1).locator('td').nth(3).textContent()).toBe('grid · fast=5:15:5,slow=20|30|40');
    };
    await compare();
    await searches.nth(1).click();
    await expect.poll(() => search.getAttribute('data-sets')).toBe('9');
    expect(await search.getAttribute('data-walk-forward')).toBeNull();
    expect(await page.getByTestId('bt-heatmap').getAttribute('data-cells')).toBe('9');
    expect(await searches.nth(1).getAttribute('aria-selected')).toBe('true');
    await searches.nth(0).click();
    await expect.poll(() => search.getAttribute('data-walk-forward')).toBe('3');
    // The hash (#backtest) brings the reload back to this page.
    await page.reload();
    await page.getByTestId('backtest-page').waitFor();
    await page.getByTestId('bt-tab-search').click();
    await compare();
    await page.screenshot({ path: '/tmp/keel-e2e-searches.png' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('re-arms a drawdown kill some days later when the form asks, as keel backtest --rearm-after does', async () => {
    const { context, page, problems } = await backtestForm('conservative');
    await page.getByTestId('bt-param-fast').fill('12');
    await page.getByTestId('bt-param-slow').fill('40');
    await page.getByTestId('bt-capital').fill('25000');
    // Empty is never, as live; a bad count says what is valid and starts nothing.
    expect(await page.getByTestId('bt-rearm').getAttribute('placeholder')).toBe('never');
    const before = await page.locator('[data-testid="bt-runs"] tbody tr').count();
    await page.getByTestId('bt-rearm').fill('0');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toContain('re-arm after: whole days from 1 to 365');
    expect(await page.locator('[data-testid="bt-runs"] tbody tr').count()).toBe(before);
    await page.getByTestId('bt-rearm').fill('5');
    await page.getByTestId('bt-run').click();

    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: 'sma-cross fast=12 slow=40 · conservative · re-arm 5d' }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const cli = await cliReport<{ metrics: Record<string, number | null>; halts: { to: number | null }[]; notes: string[] }>('rearm', ['--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'conservative', '--capital', '25000', '--rearm-after', '5']);
    const cell = (metric: string) => row.first().locator(`td[data-metric="${metric}"]`).getAttribute('data-value');
    expect(Number(await cell('totalReturnPct'))).toBe(cli.metrics.totalReturnPct);
    expect(Number(await cell('trades'))).toBe(cli.metrics.trades);
    // Every drawdown pull is re-armed, so none runs to the end of the curve; the notes say so.
    expect(cli.halts.length).toBeGreaterThan(0);
    expect(cli.halts.every((h) => h.to !== null)).toBe(true);
    await row.first().locator('td.bt-label').click();
    await page.getByTestId('bt-tab-notes').click();
    await expect.poll(() => page.locator('[data-testid="bt-notes"] li').allTextContents()).toEqual(cli.notes);
    expect(cli.notes.join('\n')).toMatch(/5 days later \(after a drawdown breach\)/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('closes the positions at each loss-limit breach when the form asks, as keel backtest --limits closeOnLossLimit=true does', async () => {
    const { context, page, problems } = await backtestForm('moderate');
    await page.getByTestId('bt-param-fast').fill('12');
    await page.getByTestId('bt-param-slow').fill('40');
    // A capital of its own, so only this run has it.
    await page.getByTestId('bt-capital').fill('30000');
    const box = page.getByTestId('bt-close-on-loss');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.locator('form.bt-form').first().screenshot({ path: '/tmp/keel-e2e-close-on-loss-form.png' });
    await page.getByTestId('bt-run').click();

    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: 'sma-cross fast=12 slow=40 · moderate · closes at loss limit' }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const cli = await cliReport<{ metrics: Record<string, number | null>; trades: { exitTag?: string }[]; notes: string[] }>('close-on-loss', ['--strategy', 'sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'moderate', '--capital', '30000', '--limits', 'closeOnLossLimit=true']);
    const cell = (metric: string) => row.first().locator(`td[data-metric="${metric}"]`).getAttribute('data-value');
    expect(Number(await cell('totalReturnPct'))).toBe(cli.metrics.totalReturnPct);
    expect(Number(await cell('maxDrawdownPct'))).toBe(cli.metrics.maxDrawdownPct);
    // Each daily-loss pull sold the position it found; the notes say so, as the CLI's do.
    expect(cli.trades.filter((t) => t.exitTag === 'kill switch').length).toBeGreaterThan(2);
    await row.first().locator('td.bt-label').click();
    await page.getByTestId('bt-tab-notes').click();
    await expect.poll(() => page.locator('[data-testid="bt-notes"] li').allTextContents()).toEqual(cli.notes);
    expect(cli.notes.join('\n')).toContain('every open position is closed at the next price (closeOnLossLimit)');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('compares strategies across risk modes in one click, with the figures keel backtest --strategy a,b --mode x,y prints', async () => {
    const { context, page, problems } = await backtestForm('conservative');
    // A capital of its own, so only these runs share the comparison.
    await page.getByTestId('bt-capital').fill('20000');
    await page.getByTestId('bt-compare-strategy-ema-cross').check();
    await page.getByTestId('bt-compare-mode-aggressive').check();
    // The form's own strategy and mode are not offered again.
    expect(await page.getByTestId('bt-compare-strategy-sma-cross').count()).toBe(0);
    expect(await page.getByTestId('bt-compare-mode-conservative').count()).toBe(0);
    expect(await page.getByTestId('bt-run').textContent()).toBe('Run 4 backtests');
    await page.getByTestId('bt-run').click();

    // The comparison opens and fills in as the runs end (past the cores they wait queued).
    await expect.poll(() => page.getByTestId('bt-tab-compare').getAttribute('aria-selected')).toBe('true');
    const matrix = page.getByTestId('bt-matrix');
    await expect.poll(() => matrix.locator('th').allTextContents()).toEqual(['Strategy', 'conservative', 'aggressive']);
    await expect.poll(() => matrix.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-strategy')))).toEqual(['sma-cross fast=10 slow=30', 'ema-cross fast=12 slow=26']);
    await expect.poll(() => matrix.locator('td[data-status="done"]').count(), { timeout: 90_000 }).toBe(4);
    expect(await page.getByTestId('bt-tab-compare').textContent()).toBe('By strategy & mode4');

    const cli = await cliReport<{ runs: { strategy: string; mode: string; metrics: Record<string, number | null> }[] }>('compare', ['--strategy', 'sma-cross,ema-cross', '--mode', 'conservative,aggressive', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--capital', '20000', '--fee', '0.1']);
    expect(cli.runs).toHaveLength(4);
    for (const r of cli.runs) {
      const cell = matrix.locator(`tr[data-strategy^="${r.strategy} "] td[data-mode="${r.mode}"]`);
      for (const key of ['totalReturnPct', 'maxDrawdownPct', 'sharpe']) {
        const v = await cell.locator(`span[data-field="${key}"]`).getAttribute('data-value');
        expect({ run: `${r.strategy} ${r.mode}`, [key]: Number(v) }).toEqual({ run: `${r.strategy} ${r.mode}`, [key]: r.metrics[key] });
      }
      // The better mode of each strategy is the one marked.
      const twin = cli.runs.find((x) => x.strategy === r.strategy && x.mode !== r.mode)!;
      expect(await cell.evaluate((td) => td.classList.contains('is-best'))).toBe(r.metrics.totalReturnPct! >= twin.metrics.totalReturnPct!);
    }

    // Under it, the same runs as points, return (up) against max drawdown (across), buy and hold dashed.
    const plot = page.getByTestId('bt-riskreturn');
    const dots = await plot.locator('g.bt-rr-point').evaluateAll((gs) => gs.map((g) => ({ ret: Number(g.getAttribute('data-return')), dd: Number(g.getAttribute('data-drawdown')), cy: Number(g.getAttribute('data-cy')), cx: Number(g.getAttribute('data-cx')), box: { width: (g as SVGGElement).getBBox().width, height: (g as SVGGElement).getBBox().height } })));
    expect(dots.map((d) => [d.ret, d.dd]).sort()).toEqual(cli.runs.map((r) => [r.metrics.totalReturnPct, r.metrics.maxDrawdownPct]).sort());
    const byReturn = [...dots].sort((a, b) => b.ret - a.ret);
    const byDrawdown = [...dots].sort((a, b) => a.dd - b.dd);
    // Drawn where they belong: more return is higher, more drawdown further right, and every marker has a size.
    for (let i = 1; i < dots.length; i++) {
      expect(byReturn[i]!.cy).toBeGreaterThanOrEqual(byReturn[i - 1]!.cy);
      expect(byDrawdown[i]!.cx).toBeGreaterThanOrEqual(byDrawdown[i - 1]!.cx);
    }
    expect(dots.every((d) => d.box.width > 5 && d.box.height > 5)).toBe(true);
    await expect.poll(() => plot.getByTestId('bt-rr-hold').textContent()).toMatch(/^buy & hold -?[\d,]+\.\d\d%$/);

    // A cell is a run: clicking it selects that run in the table.
    const cell = matrix.locator('tr[data-strategy^="ema-cross "] td[data-mode="aggressive"]');
    const runId = (await cell.getAttribute('data-run-id'))!;
    await cell.click();
    await expect.poll(() => page.locator(`[data-testid="bt-runs"] tr[data-run-id="${runId}"]`).getAttribute('aria-selected')).toBe('true');
    expect(await plot.locator(`g.bt-rr-point[data-run-id="${runId}"]`).getAttribute('class')).toContain('is-selected');
    // Conservative and aggressive size apart (50 % and all of equity): nothing to explain.
    expect(await page.getByTestId('bt-matrix-alike').count()).toBe(0);
    // sma-cross in moderate too: it takes all of equity per entry as aggressive does, the same run, and the page says why.
    await page.getByTestId('bt-mode').selectOption('moderate');
    for (const box of ['bt-compare-strategy-ema-cross', 'bt-compare-mode-aggressive', 'bt-compare-mode-conservative']) {
      const el = page.getByTestId(box);
      if ((await el.count()) > 0 && (await el.isChecked())) await el.uncheck();
    }
    expect(await page.getByTestId('bt-run').textContent()).toBe('Run backtest');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => matrix.locator('th').allTextContents()).toEqual(['Strategy', 'conservative', 'moderate', 'aggressive']);
    await expect.poll(() => matrix.locator('tr[data-strategy^="sma-cross "] td[data-mode="moderate"]').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const sma = (mode: string) => matrix.locator(`tr[data-strategy^="sma-cross "] td[data-mode="${mode}"] span[data-field="totalReturnPct"]`).getAttribute('data-value');
    expect(await sma('moderate')).toBe(await sma('aggressive'));
    await expect
      .poll(() => page.getByTestId('bt-matrix-alike').allTextContents())
      .toEqual([
        'sma-cross fast=10 slow=30: moderate and aggressive made the same run: each sizes an entry at its risk per trade over the 2% stop an entry without its own is counted at (2% / 2% and 3% / 2%), and the account holds no more than its cash, so each took all of it. A stop-loss wider than 2% sizes them apart: an SL % of 4 sizes them at 50% and 75% of equity.',
      ]);
    await page.screenshot({ path: '/tmp/keel-e2e-compare.png' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('queues a search started while another runs, and cancels either', async () => {
    const { context, page, problems } = await backtestForm('moderate');
    // Five thousand random sets over two years of hours: still running when the next is started.
    await page.getByTestId('bt-search-method').selectOption('random');
    await page.getByTestId('bt-search-trials').fill('5000');
    await page.getByTestId('bt-range-fast').fill('2:50');
    await page.getByTestId('bt-range-slow').fill('20:400');
    await page.getByTestId('bt-search-run').click();
    const search = page.getByTestId('bt-search');
    await expect.poll(() => search.getAttribute('data-status')).toBe('running');
    expect(await page.getByTestId('bt-search-run').textContent()).toBe('Optimize next');

    await page.getByTestId('bt-search-method').selectOption('grid');
    await page.getByTestId('bt-range-fast').fill('5:15:5');
    await page.getByTestId('bt-range-slow').fill('20|30|40');
    await page.getByTestId('bt-search-run').click();
    await expect.poll(() => search.getAttribute('data-status')).toBe('queued');
    expect(await page.getByTestId('bt-search-progress').textContent()).toContain('queued, after the search running now');
    const rows = page.locator('[data-testid="bt-searches"] tbody tr');
    await expect.poll(() => rows.evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.getAttribute('data-status')))).toEqual(['queued', 'running']);
    expect(await rows.first().locator('td[data-field="outcome"]').textContent()).toBe('queued, after the search running now');

    // The queued one ends at once; then the running one, picked in the list.
    await page.getByTestId('bt-search-cancel').click();
    await expect.poll(() => search.getAttribute('data-status')).toBe('cancelled');
    await rows.nth(1).click();
    await expect.poll(() => search.getAttribute('data-status')).toBe('running');
    await page.getByTestId('bt-search-cancel').click();
    await expect.poll(() => rows.evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.getAttribute('data-status'))), { timeout: 30_000 }).toEqual(['cancelled', 'cancelled']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the runs and searches again after Keel restarts, an old run\'s result loading when it is clicked', async () => {
    const before = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await before.page.goto(keel.url);
    await before.page.getByTestId('backtest-nav').click();
    const rows = before.page.locator('[data-testid="bt-runs"] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(8);
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-run-id'), tr.getAttribute('data-status'), tr.querySelector('td[data-metric="totalReturnPct"]')?.getAttribute('data-value') ?? null, tr.querySelector('td[data-mc="resample-dd-p95"]')?.getAttribute('data-value') ?? null]));
    // Newest first, as runs are added during the session (the engine lists them oldest first): the newest are the ones drawn and listed.
    const ids = listed.map(([id]) => Number(id!.slice(3)));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    // The Monte Carlo drawdown (DD p95) reads for more runs than the six whose results the page fetched: it comes with the list.
    expect(listed.filter(([, status, , dd]) => status === 'done' && dd !== '').length).toBeGreaterThan(6);
    await before.page.getByTestId('bt-tab-search').click();
    const searchRows = (p: typeof before.page) => p.locator('[data-testid="bt-searches"] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-run-id'), tr.getAttribute('data-status')]));
    await expect.poll(async () => (await searchRows(before.page)).length).toBe(4);
    const searches = await searchRows(before.page);
    await before.context.close();

    await keel.stop();
    await keel.start();
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await page.getByTestId('backtest-nav').click();
    const again = page.locator('[data-testid="bt-runs"] tbody tr');
    await expect.poll(() => again.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-run-id'), tr.getAttribute('data-status'), tr.querySelector('td[data-metric="totalReturnPct"]')?.getAttribute('data-value') ?? null, tr.querySelector('td[data-mc="resample-dd-p95"]')?.getAttribute('data-value') ?? null]))).toEqual(listed);
    // The searches too (the grid, the walk-forward, the two cancelled ones).
    await page.getByTestId('bt-tab-search').click();
    await expect.poll(() => searchRows(page)).toEqual(searches);
    await page.getByTestId('bt-tab-curves').click();
    // The oldest run (its result not loaded with the page): clicked, its trades are listed.
    const oldest = again.last();
    await oldest.locator('td.bt-label').click();
    await expect.poll(() => oldest.getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('bt-tab-trades').click();
    await expect.poll(() => page.getByTestId('bt-tab-trades').textContent()).toMatch(/^Trades\d+$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
