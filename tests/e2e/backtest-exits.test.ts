// A trader wants every sma-cross entry protected: on the backtest page they type 2 in Stop-loss % and 4 in
// Take-profit % beside the fee. A stop of 0 or 150 is refused under the boxes in amber, in the engine's
// words, and Run and Optimize then start nothing. With 2 and 4 the run is named with its exits, its figures
// are those `keel backtest --stop-loss 2 --take-profit 4 --json` writes for the same stored data, and its
// Trades tab says why each trade ended: an Exits table (stop-loss, take-profit, signal) with the same counts
// as the CLI's trades, and an Exit column beside each trade. The Optimize form searches the exits too (0 is
// none), ranking the sets as `keel backtest --grid stopLossPct=0|2|4,takeProfitPct=0|4` does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldText, holdTimeText } from '../../shared/backtest/hold-time.ts';
import { STOP_LOSS_VALID } from '../../shared/backtest/run-exits.ts';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { expectSetsRankedAsCli } from './support/search-sets.ts';
import { backtestJson, backtestReport, cliTable } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

const FROM = '2021-01-01';
const TO = '2021-12-31';
const SCREENSHOT = '/tmp/exits-page.png';

type CliRun = { metrics: Record<string, number | null>; trades: { exit?: string; exitTag?: string; entryTs: number; exitTs: number }[] };

/** `keel backtest --stop-loss 2 --take-profit 4` over the stored series, as the page's run was asked for. */
function cliWithExits(): Promise<{ report: CliRun; out: string }> {
  return backtestReport<CliRun>(keel.dataDir, 'exits.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', FROM, '--to', TO, '--mode', 'conservative', '--capital', '10000', '--fee', '0.1', '--stop-loss', '2', '--take-profit', '4']);
}

/** How many trades ended for each reason. */
function countByExit(exits: readonly (string | null | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of exits) out[e ?? 'none'] = (out[e ?? 'none'] ?? 0) + 1;
  return out;
}

const numberOf = (v: string | null) => (v === '' || v === null ? null : Number(v));

describe('the backtest page with a stop-loss and a take-profit', () => {
  it('refuses a bad stop, then runs with 2% and 4% and shows what keel backtest --stop-loss 2 --take-profit 4 writes', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'conservative' });
    // Empty boxes: no exits, as before.
    expect(await page.getByTestId('bt-stop-loss').getAttribute('placeholder')).toBe('none');
    expect(await page.getByTestId('bt-exits-problem').count()).toBe(0);

    // A stop the engine would refuse, said under the boxes in amber; Run and Optimize send nothing.
    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    await page.getByTestId('bt-take-profit').fill('4');
    for (const bad of ['0', '150']) {
      await page.getByTestId('bt-stop-loss').fill(bad);
      const refusal = `stop-loss ${bad}: ${STOP_LOSS_VALID}`;
      expect(await page.getByTestId('bt-exits-problem').textContent()).toBe(refusal);
      expect(await page.getByTestId('bt-exits-problem').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(224, 168, 74)');
      expect(await page.getByTestId('bt-search-markets').getAttribute('data-problem')).toBe('true');
      await page.getByTestId('bt-run').click();
      await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toBe(refusal);
      await page.getByTestId('bt-search-run').click();
      // Under Optimize, saying the box is the run form's.
      await expect.poll(() => page.getByTestId('bt-search-error').textContent()).toBe(`${refusal} (in the backtest form above)`);
      expect(await rows.count()).toBe(0);
    }
    await page.getByTestId('bt-exits-problem').screenshot({ path: '/tmp/keel-e2e-exits-refused.png' });
    expect(await page.getByTestId('bt-searches').count()).toBe(0);
    expect(await page.getByTestId('bt-search').count()).toBe(0);

    await page.getByTestId('bt-stop-loss').fill('2');
    expect(await page.getByTestId('bt-exits-problem').count()).toBe(0);
    expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT 1h; every entry with stop-loss 2% · take-profit 4%');
    await page.getByTestId('bt-run').click();

    const row = rows.first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await rows.count()).toBe(1);
    expect(await row.locator('td.bt-label').textContent()).toBe('sma-cross fast=10 slow=30 · conservative · SL 2% TP 4%');

    const { report: cli, out } = await cliWithExits();
    for (const key of ['totalReturnPct', 'maxDrawdownPct', 'trades', 'winRatePct', 'sharpe', 'maxLossStreak', 'avgTradeDays']) {
      const v = numberOf(await row.locator(`td[data-metric="${key}"]`).getAttribute('data-value'));
      expect({ [key]: v }).toEqual({ [key]: cli.metrics[key] });
    }
    // The time in a trade reads as the CLI's summary prints it.
    expect(await row.locator('td[data-metric="avgTradeDays"]').textContent()).toBe(holdTimeText(cli.metrics['avgTradeDays'] ?? null));
    await page.getByTestId('bt-runs').screenshot({ path: '/tmp/keel-e2e-exits-runs.png' });
    const cliCounts = countByExit(cli.trades.map((t) => t.exit));
    // The exits did something: trades ended at the stop and at the target, others on the strategy's signal.
    expect(cliCounts['stop-loss']).toBeGreaterThan(0);
    expect(cliCounts['take-profit']).toBeGreaterThan(0);

    // The Trades tab: the run's heading with its exits in words, the Exits table, and an Exit per trade.
    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.locator('.bt-detail-head').textContent()).toBe('sma-cross fast=10 slow=30 · conservative · BTC/USDT 1h · stop-loss 2% · take-profit 4%');
    const exits = page.getByTestId('bt-exits');
    await exits.waitFor();
    expect(await exits.locator('thead th').allTextContents()).toEqual(['Exit', 'Trades', 'Win rate', 'Total P&L', 'Avg P&L', 'Avg return']);
    const shown: Record<string, number> = {};
    for (const tr of await exits.locator('tbody tr').all()) shown[(await tr.getAttribute('data-reason'))!] = Number(await tr.locator('td[data-field="trades"]').getAttribute('data-value'));
    expect(shown).toEqual(cliCounts);
    // Each row reads as the CLI's Exits table prints it: the win rate to two decimals, every figure to the letter.
    const exitRows = await exits.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(exitRows).toEqual(cliTable(out, 'Exits (').slice(1));
    // Every trade is listed (fewer than the page's cap), each with why it ended.
    expect(Number(await trades.getAttribute('data-count'))).toBe(cli.trades.length);
    // Each says how long it was held: the first trade's entry to exit.
    const first = cli.trades[0]!;
    expect(await trades.locator('table.bt-trades tbody tr').first().locator('td[data-field="held"]').textContent()).toBe(heldText(first.entryTs, first.exitTs));
    const listed = trades.locator('table.bt-trades tbody tr');
    expect(await trades.locator('table.bt-trades thead th').last().textContent()).toBe('Exit');
    expect(countByExit(await listed.evaluateAll((els) => els.map((el) => el.getAttribute('data-exit'))))).toEqual(cliCounts);
    // The Exit column names the strategy's own exits by their tag (sma-cross sells on "cross down").
    const cliLabels = countByExit(cli.trades.map((t) => t.exitTag ?? t.exit));
    expect(cliLabels['cross down']).toBe(cliCounts.signal);
    expect(countByExit(await listed.locator('td[data-field="exit"]').allTextContents())).toEqual(cliLabels);
    // The price chart marks each stop-loss's and take-profit's fill apart, in its exit's colour.
    expect(Number(await trades.getByTestId('bt-price').getAttribute('data-exit-marks'))).toBe(cliCounts['stop-loss']! + cliCounts['take-profit']!);

    await exits.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('searches the stop-loss and take-profit from the Optimize form as keel backtest --grid does, and runs the best set with its exits', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'conservative' });
    await page.getByTestId('bt-range-fast').fill('10');
    await page.getByTestId('bt-range-slow').fill('30');
    await page.getByTestId('bt-range-stopLossPct').fill('0|2|4');
    await page.getByTestId('bt-range-takeProfitPct').fill('0|4');
    await page.getByTestId('bt-search-objective').selectOption('return');
    await page.getByTestId('bt-search-run').click();
    const search = page.getByTestId('bt-search');
    await expect.poll(() => search.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    type CliSearch = { optimization: { ranked: { params: Record<string, number>; score: number }[] } };
    const cli = (
      await backtestJson<CliSearch>(keel.dataDir, 'exit-search.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', FROM, '--to', TO, '--mode', 'conservative', '--optimize', 'grid', '--grid', 'fast=10,slow=30,stopLossPct=0|2|4,takeProfitPct=0|4', '--objective', 'return', '--holdout', '25'])
    ).optimization;
    // Six sets: no stop, 2 % and 4 %, each with and without a 4 % target, ranked as the CLI ranks them.
    expect(cli.ranked).toHaveLength(6);
    await expectSetsRankedAsCli(page, cli);
    // The exits are the two things varied: every set is a cell of the heat map.
    expect(await page.getByTestId('bt-heatmap').getAttribute('data-cells')).toBe('6');

    // The best set runs over all the bars with its exits as the run's (0: none).
    const best = cli.ranked[0]!.params;
    await page.getByTestId('bt-run-set').first().click();
    const tag = [best.stopLossPct! > 0 ? `SL ${best.stopLossPct}%` : '', best.takeProfitPct! > 0 ? `TP ${best.takeProfitPct}%` : ''].filter(Boolean).join(' ');
    const label = `sma-cross fast=10 slow=30 · conservative${tag ? ` · ${tag}` : ''}`;
    // The whole label: the first test's run ("… · SL 2% TP 4%") also contains "… · SL 2%".
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    await expect.poll(() => row.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await row.first().locator('td.bt-label').textContent()).toBe(label);
    const exitFlags = [...(best.stopLossPct! > 0 ? ['--stop-loss', String(best.stopLossPct)] : []), ...(best.takeProfitPct! > 0 ? ['--take-profit', String(best.takeProfitPct)] : [])];
    const whole = await backtestJson<CliRun>(keel.dataDir, 'exit-best.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', FROM, '--to', TO, '--mode', 'conservative', ...exitFlags]);
    expect(numberOf(await row.first().locator('td[data-metric="totalReturnPct"]').getAttribute('data-value'))).toBe(whole.metrics.totalReturnPct);
    expect(problems).toEqual([]);
    await context.close();
  });
});
