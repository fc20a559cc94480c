// A trader trades BTC and ETH together from one account but wants three times as much in BTC: on the backtest
// page they tick ETH/USDT and "Trade the markets as one portfolio", and a weight box appears beside each market
// (BTC first, the form's series), each showing its share: 50% while both are empty. They give BTC 3 and ETH 1
// and read 75% and 25%; a weight of 0 is refused in amber beside the boxes, and Run then starts nothing. The
// run is named by its markets with their shares, its figures are those `keel backtest --portfolio --weights 3,1`
// prints for the same run, its basket (the buy and hold it is measured against) holds the same 75/25, and its
// Trades tab shows each market's weight beside what it did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { backtestJson } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'eth-1h'] });
});

afterAll(() => keel?.close());

const FROM = '2021-01-01';
const TO = '2021-12-31';
const BTC_BOX = 'bt-weight-local:BTC/USDT:1h';
const ETH_BOX = 'bt-weight-local:ETH/USDT:1h';

type CliMarket = { symbol: string; weight: number; fills: number; trades: number; pnl: number; buyHoldReturnPct: number | null };
type CliPortfolio = { metrics: Record<string, number | null>; portfolio: { markets: CliMarket[] } };

/** `keel backtest --portfolio --weights 3,1` over both stored markets, as the page's run was asked for. */
async function cliWeighted(): Promise<CliPortfolio> {
  return backtestJson<CliPortfolio>(keel.dataDir, 'portfolio-weights.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--portfolio', '--weights', '3,1', '--from', FROM, '--to', TO, '--mode', 'moderate', '--capital', '10000', '--fee', '0.1']);
}

const numberOf = (v: string | null) => (v === '' || v === null ? null : Number(v));

describe('the backtest page weighing a portfolio', () => {
  it('splits one account 3 to 1 between two markets and shows what keel backtest --portfolio --weights 3,1 prints', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'moderate' });
    await page.getByTestId('bt-compare-series-local:ETH/USDT:1h').check();
    // No boxes until the markets are one portfolio: separate runs have no account to split.
    expect(await page.getByTestId('bt-weights').count()).toBe(0);
    await page.getByTestId('bt-portfolio').check();

    // Both empty: equal shares, the box's placeholder saying what an empty one counts as.
    const share = (box: string) => page.getByTestId(box.replace('bt-weight-', 'bt-weight-share-')).textContent();
    expect(await page.getByTestId('bt-weights').locator('input').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual([BTC_BOX, ETH_BOX]);
    expect(await page.getByTestId(BTC_BOX).getAttribute('placeholder')).toBe('1');
    expect([await share(BTC_BOX), await share(ETH_BOX)]).toEqual(['50%', '50%']);

    // A weight the engine would refuse, said beside the boxes in amber; Run sends nothing.
    await page.getByTestId(BTC_BOX).fill('3');
    await page.getByTestId(ETH_BOX).fill('0');
    const refusal = 'weights: 0 for ETH/USDT is not a number above 0 and at most 1,000,000; weights are relative (60,40 or 3,2)';
    expect(await page.getByTestId('bt-weights-problem').textContent()).toBe(refusal);
    expect(await page.getByTestId('bt-weights-problem').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(224, 168, 74)');
    expect(await page.getByTestId('bt-search-markets').getAttribute('data-problem')).toBe('true');
    await page.getByTestId('bt-run').click();
    await expect.poll(() => page.getByTestId('bt-run-error').textContent()).toBe(refusal);
    expect(await page.locator('[data-testid="bt-runs"] tbody tr').count()).toBe(0);

    // 3 and 1: three quarters of the account in BTC.
    await page.getByTestId(ETH_BOX).fill('1');
    expect(await page.getByTestId('bt-weights-problem').count()).toBe(0);
    // The refusal was of the weights as they were: mending them clears it.
    expect(await page.getByTestId('bt-run-error').count()).toBe(0);
    expect([await share(BTC_BOX), await share(ETH_BOX)]).toEqual(['75%', '25%']);
    expect(await page.getByTestId('bt-search-markets').textContent()).toBe('Searches BTC/USDT 75% + ETH/USDT 25% 1h as one portfolio (one account)');
    await page.screenshot({ path: '/tmp/keel-e2e-portfolio-weights-form.png' });
    await page.getByTestId('bt-run').click();

    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    const row = rows.first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await rows.count()).toBe(1);
    expect(await row.locator('td[data-field="series"]').textContent()).toBe('BTC/USDT 75% + ETH/USDT 25% 1h');

    const cli = await cliWeighted();
    expect(cli.portfolio.markets.map((m) => [m.symbol, m.weight])).toEqual([
      ['BTC/USDT', 0.75],
      ['ETH/USDT', 0.25],
    ]);
    for (const key of ['totalReturnPct', 'maxDrawdownPct', 'sharpe', 'buyHoldReturnPct']) {
      const v = numberOf(await row.locator(`td[data-metric="${key}"]`).getAttribute('data-value'));
      expect({ [key]: v }).toEqual({ [key]: cli.metrics[key] });
    }
    // The basket holds the same weights: its buy and hold is three quarters BTC's and a quarter ETH's.
    const [btc, eth] = cli.portfolio.markets;
    expect(cli.metrics['buyHoldReturnPct']).toBeCloseTo(0.75 * btc!.buyHoldReturnPct! + 0.25 * eth!.buyHoldReturnPct!, 6);

    // Its equity beside that basket, named by its weights.
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('1');
    expect(Number(await page.getByTestId('bt-charts').getAttribute('data-basket'))).toBeGreaterThan(1);
    expect(await page.getByTestId('bt-basket-legend').textContent()).toContain("basket in the run's weights (BTC/USDT 75%, ETH/USDT 25%)");

    // Each market's weight beside what it did, as the CLI's portfolio.markets.
    await page.getByTestId('bt-tab-trades').click();
    const table = page.getByTestId('bt-portfolio-markets');
    await table.waitFor();
    expect(await table.locator('thead th').nth(1).textContent()).toBe('Weight');
    for (const m of cli.portfolio.markets) {
      const tr = table.locator(`tr[data-symbol="${m.symbol}"]`);
      expect(await tr.locator('td[data-field="weight"]').textContent()).toBe(m.symbol === 'BTC/USDT' ? '75%' : '25%');
      const shown: Record<string, number | null> = {};
      for (const key of ['weight', 'fills', 'trades', 'pnl', 'buyHoldReturnPct'] as const) shown[key] = numberOf(await tr.locator(`td[data-field="${key}"]`).getAttribute('data-value'));
      expect({ [m.symbol]: shown }).toEqual({ [m.symbol]: { weight: m.weight, fills: m.fills, trades: m.trades, pnl: m.pnl, buyHoldReturnPct: m.buyHoldReturnPct } });
    }
    await page.screenshot({ path: '/tmp/keel-e2e-portfolio-weights.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
