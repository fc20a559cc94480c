// A trader wants to know whether sma-cross earns on the way down too. On the backtest page they pick
// Direction "Long and short" (the form says shorts are sold on a margin account with 1× collateral) and run
// it on the stored BTC/USDT 1h over 2021: the run is named "long+short", and its Trades tab counts the
// closed trades by side, a long and a short row that add up to the run's closed trades and their P&L, with
// the figures `keel backtest --direction both --json` writes for the same stored data; the trade list
// names each trade's side, some of them short. A "Short only" run then lists short trades only. A short
// run with Borrow % / year at 10 (the box comes with the shorts) is named with its rate, and the borrow
// interest its runs-table cell, its Trades tab and its trades show is what `keel backtest --borrow-rate 10
// --json` charges for the same stored data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sideBreakdown } from '../../shared/backtest/sides.ts';
import { formatMoney } from '../../renderer/src/lib/format.ts';
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
const SCREENSHOT = '/tmp/keel-e2e-shorts.png';

type CliTrade = { side: 'long' | 'short'; closed: boolean; pnl: number; returnPct: number; interest?: number };
type CliRun = { metrics: Record<string, number | null>; trades: CliTrade[] };

/** `keel backtest --direction D --json` over the stored series (at --borrow-rate R when given), as the page's run was asked for. */
function cli(direction: 'both' | 'short', borrowRate?: number): Promise<CliRun> {
  const rate = borrowRate === undefined ? [] : ['--borrow-rate', String(borrowRate)];
  return backtestJson<CliRun>(keel.dataDir, `shorts-${direction}${borrowRate ?? ''}.json`, ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', FROM, '--to', TO, '--mode', 'conservative', '--capital', '10000', '--fee', '0.1', '--direction', direction, ...rate]);
}

const num = (v: string | null) => Number(v);

describe('the backtest page trading short', () => {
  it('runs sma-cross long and short, and counts its trades by side as keel backtest --direction both --json does', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'conservative' });
    // Long only unless told otherwise, with nothing to say about margin.
    expect(await page.getByTestId('bt-direction').inputValue()).toBe('long');
    expect(await page.getByTestId('bt-direction').locator('option').allTextContents()).toEqual(['Long only', 'Short only', 'Long and short']);
    expect(await page.getByTestId('bt-direction-hint').count()).toBe(0);
    await page.getByTestId('bt-direction').selectOption({ label: 'Long and short' });
    expect(await page.getByTestId('bt-direction-hint').textContent()).toBe('Shorts are sold on a margin account with 1× collateral.');
    expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT 1h, long and short');
    await page.getByTestId('bt-run').click();

    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    const row = rows.first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await row.locator('td.bt-label').textContent()).toBe('sma-cross fast=10 slow=30 · conservative · long+short');
    const runId = (await row.getAttribute('data-run-id'))!;
    const closedTrades = num(await row.locator('td[data-metric="trades"]').getAttribute('data-value'));

    const both = await cli('both');
    expect(closedTrades).toBe(both.metrics['trades']);

    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.getAttribute('data-run-id')).toBe(runId);
    expect(await trades.locator('.bt-detail-head').textContent()).toBe('sma-cross fast=10 slow=30 · conservative · long+short · BTC/USDT 1h');

    // The Sides table: a long and a short row, adding up to the run's closed trades.
    const sides = page.getByTestId('bt-sides');
    await sides.waitFor();
    expect(await sides.locator('thead th').allTextContents()).toEqual(['Side', 'Trades', 'Win rate', 'Total P&L', 'Avg P&L', 'Avg return', 'Profit factor']);
    expect(await sides.locator('tbody tr').evaluateAll((els) => els.map((el) => el.getAttribute('data-side')))).toEqual(['long', 'short']);
    const shown = await sides.locator('tbody tr').evaluateAll((els) =>
      els.map((el) => {
        const v = (f: string) => Number(el.querySelector(`td[data-field="${f}"]`)!.getAttribute('data-value'));
        return { side: el.getAttribute('data-side'), trades: v('trades'), winRatePct: v('winRatePct'), pnl: v('pnl'), avgPnl: v('avgPnl'), avgReturnPct: v('avgReturnPct'), profitFactor: v('profitFactor') };
      }),
    );
    expect(shown.every((s) => s.trades > 0)).toBe(true);
    expect(shown[0]!.trades + shown[1]!.trades).toBe(closedTrades);

    // Every trade is listed (fewer than the page's cap): the sides' P&L is the closed trades' P&L, to the cent.
    expect(Number(await trades.getAttribute('data-count'))).toBe(both.trades.length);
    const listed = trades.locator('table.bt-trades tbody tr');
    const rowsShown = await listed.evaluateAll((els) => els.map((el) => ({ side: el.getAttribute('data-side'), pnl: Number(el.getAttribute('data-pnl')), closed: el.getAttribute('data-exit') !== 'open' })));
    expect(rowsShown).toHaveLength(both.trades.length);
    const closedPnl = rowsShown.filter((t) => t.closed).reduce((n, t) => n + t.pnl, 0);
    expect(Math.abs(shown[0]!.pnl + shown[1]!.pnl - closedPnl)).toBeLessThan(0.01);
    // The list names each trade's side, some of them short, as the CLI's trades do.
    expect(rowsShown.map((t) => t.side)).toEqual(both.trades.map((t) => t.side));
    expect(rowsShown.filter((t) => t.side === 'short').length).toBeGreaterThan(0);
    expect(await listed.locator('td[data-field="side"]').allTextContents()).toEqual(both.trades.map((t) => t.side));

    // The same figures as the CLI's trades by side (sideBreakdown over `keel backtest --direction both --json`).
    const expected = sideBreakdown(both.trades);
    expect(shown.map((s) => [s.side, s.trades])).toEqual(expected.map((s) => [s.side, s.trades]));
    shown.forEach((s, i) => {
      const e = expected[i]!;
      for (const key of ['winRatePct', 'pnl', 'avgPnl', 'avgReturnPct', 'profitFactor'] as const) expect({ [key]: s[key] }).toEqual({ [key]: expect.closeTo(e[key], 6) });
    });

    await sides.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs sma-cross short only, and lists short trades only', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'conservative' });
    await page.getByTestId('bt-direction').selectOption('short');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: /^sma-cross fast=10 slow=30 · conservative · short$/ }) });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const runId = (await row.getAttribute('data-run-id'))!;
    await row.locator('td.bt-label').click();

    const short = await cli('short');
    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.getAttribute('data-run-id')).toBe(runId);
    const sides = await page.getByTestId('bt-sides').locator('tbody tr').evaluateAll((els) => els.map((el) => [el.getAttribute('data-side'), Number(el.querySelector('td[data-field="trades"]')!.getAttribute('data-value'))]));
    expect(sides).toEqual([['short', short.metrics['trades']]]);
    const listed = await trades.locator('table.bt-trades tbody tr').evaluateAll((els) => els.map((el) => el.getAttribute('data-side')));
    expect(listed.length).toBe(short.trades.length);
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(new Set(['short']));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs sma-cross short at a 10 % borrow rate: its borrow interest is what keel backtest --borrow-rate 10 --json charges', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'conservative' });
    // The box comes with the shorts: a long-only run borrows nothing.
    const rate = page.getByTestId('run-borrow-rate');
    expect(await rate.count()).toBe(0);
    await page.getByTestId('bt-direction').selectOption('short');
    expect(await rate.inputValue()).toBe('0');
    expect(await rate.locator('xpath=..').getAttribute('title')).toMatch(/^What a short pays on the coins it borrows, percent a year, from 0 to 1000: 5 is 5% a year, and Binance's 0.01% a day is 3.65/);
    // A rate Keel does not take is refused with what is valid, and nothing runs.
    await rate.fill('2000');
    const runs = page.locator('[data-testid="bt-runs"] tbody tr');
    const before = await runs.count();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toBe('borrow rate: what a short pays on what it borrowed, percent a year from 0 to 1000 (5 is 5% a year, 0.01% a day is 3.65)');
    expect(await runs.count()).toBe(before);
    await rate.fill('10');
    expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT 1h, short only, borrowing at 10% a year');
    await page.getByTestId('bt-run').click();

    const row = runs.filter({ has: page.locator('td.bt-label', { hasText: /^sma-cross fast=10 slow=30 · conservative · short · borrow 10%\/yr$/ }) });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const runId = (await row.getAttribute('data-run-id'))!;
    await row.locator('td.bt-label').click();
    const paid = await cli('short', 10);
    const expected = paid.metrics['borrowInterest']!;
    expect(expected).toBeGreaterThan(0);

    // Beside the fees in the runs table, as the engine counted it.
    const head = await page.getByTestId('bt-runs').locator('thead th').allTextContents();
    expect(head.indexOf('Borrow interest')).toBe(head.indexOf('Fees') + 1);
    const cell = row.locator('td[data-metric="borrowInterest"]');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(expected, 6);
    expect(await cell.textContent()).toBe(formatMoney(Number(await cell.getAttribute('data-value'))));

    // The Trades tab says it under the run's name, and each short's own is listed beside its fees.
    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.getAttribute('data-run-id')).toBe(runId);
    expect(await trades.locator('.bt-detail-head').textContent()).toBe('sma-cross fast=10 slow=30 · conservative · short · borrow 10%/yr · BTC/USDT 1h');
    const line = page.getByTestId('bt-borrow-interest');
    expect(Number(await line.getAttribute('data-value'))).toBeCloseTo(expected, 6);
    expect(await line.textContent()).toMatch(/^Borrow interest [\d,]+\.\d\d at 10% a year, beside [\d,]+\.\d\d in fees$/);
    const listed = trades.locator('table.bt-trades');
    const headers = await listed.locator('thead th').allTextContents();
    expect(headers.indexOf('Interest')).toBe(headers.indexOf('Fees') + 1);
    const interest = await listed.locator('tbody td[data-field="interest"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-value')));
    expect(interest).toHaveLength(paid.trades.length);
    interest.forEach((v, i) => expect({ i, v: v === '' ? undefined : Number(v) }).toEqual({ i, v: paid.trades[i]!.interest === undefined ? undefined : expect.closeTo(paid.trades[i]!.interest!, 8) }));
    const sum = paid.trades.reduce((n, t) => n + (t.interest ?? 0), 0);
    expect(sum).toBeCloseTo(expected, 6);

    await line.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/keel-e2e-borrow.png' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
