// A trader asks how sma-cross does trading BTC and ETH together from one account: on the backtest page they
// tick ETH/USDT under "Also run, to compare", then "Trade the markets as one portfolio", and one run starts
// (not one per market). It is named by both markets, its figures are those `keel backtest --symbol
// BTC/USDT,ETH/USDT --portfolio` prints for the same run, its Trades tab lists what each market did (fills,
// closed trades, P&L, its own buy and hold, as the CLI's portfolio.markets) with a price chart per market
// carrying that market's fills, and its equity is drawn beside the equal-weight basket it is measured against.
// It is not taken for a run on BTC in the "Across markets" tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { backtestReport, cliTable } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'eth-1h'] });
});

afterAll(() => keel?.close());

type CliMarket = { symbol: string; bars: number; fills: number; trades: number; pnl: number; buyHoldReturnPct: number | null };
type CliPortfolio = {
  metrics: Record<string, number | null>;
  fills: { symbol?: string; ts: number }[];
  trades: { symbol?: string }[];
  portfolio: { markets: CliMarket[] };
};

/** `keel backtest --portfolio` over both stored markets, as the page's run was asked for: its JSON, and what it printed. */
async function cliPortfolio(): Promise<{ report: CliPortfolio; out: string }> {
  return backtestReport<CliPortfolio>(keel.dataDir, 'portfolio.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--portfolio', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'moderate', '--capital', '10000', '--fee', '0.1']);
}

describe('the backtest page trading a portfolio', () => {
  it('runs a strategy over two markets from one account and shows what keel backtest --portfolio prints', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2022-12-31', mode: 'moderate' });
    // A portfolio needs another market beside the form's: the box waits for one to be ticked.
    expect(await page.getByTestId('bt-portfolio').isDisabled()).toBe(true);
    await page.getByTestId('bt-compare-series-local:ETH/USDT:1h').check();
    expect(await page.getByTestId('bt-run').textContent()).toBe('Run 2 backtests');
    await page.getByTestId('bt-portfolio').check();
    // Both markets in one run.
    expect(await page.getByTestId('bt-run').textContent()).toBe('Run backtest');
    await page.getByTestId('bt-run').click();

    const rows = page.locator('[data-testid="bt-runs"] tbody tr');
    const row = rows.first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await rows.count()).toBe(1);
    expect(await row.locator('td[data-field="series"]').textContent()).toBe('BTC/USDT + ETH/USDT 1h');

    const { report: cli, out } = await cliPortfolio();
    expect(cli.portfolio.markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    // The run's figures: its return and drawdown, and the basket's buy and hold it is measured against.
    for (const key of ['totalReturnPct', 'maxDrawdownPct', 'buyHoldReturnPct']) {
      const v = await row.locator(`td[data-metric="${key}"]`).getAttribute('data-value');
      expect({ [key]: v === '' || v === null ? null : Number(v) }).toEqual({ [key]: cli.metrics[key] });
    }

    // Its equity beside the equal-weight basket, drawn dashed and named.
    await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe('1');
    expect(Number(await page.getByTestId('bt-charts').getAttribute('data-basket'))).toBeGreaterThan(1);
    expect(await page.getByTestId('bt-basket-legend').textContent()).toContain('equal-weight basket');
    await page.screenshot({ path: '/tmp/keel-e2e-portfolio-curves.png' });

    // What each market did inside the one account, as the CLI's portfolio.markets.
    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.locator('.bt-detail-head').textContent()).toBe('sma-cross fast=10 slow=30 · moderate · BTC/USDT + ETH/USDT 1h');
    const table = page.getByTestId('bt-portfolio-markets');
    expect(await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-symbol')))).toEqual(['BTC/USDT', 'ETH/USDT']);
    for (const m of cli.portfolio.markets) {
      const shown: Record<string, number | null> = {};
      for (const key of ['fills', 'trades', 'pnl', 'buyHoldReturnPct'] as const) {
        const v = await table.locator(`tr[data-symbol="${m.symbol}"] td[data-field="${key}"]`).getAttribute('data-value');
        shown[key] = v === '' || v === null ? null : Number(v);
      }
      expect({ [m.symbol]: shown }).toEqual({ [m.symbol]: { fills: m.fills, trades: m.trades, pnl: m.pnl, buyHoldReturnPct: m.buyHoldReturnPct } });
      // Both markets traded: each one's line has arrows to show.
      expect(m.fills).toBeGreaterThan(0);
    }

    // The table as keel backtest's Portfolio table prints it, cell by cell: each market's, its bars too, then "all".
    const printed = cliTable(out, 'Portfolio (');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Market', 'Weight', 'Bars', 'Fills', 'Trades', 'P&L', 'Buy & hold']);
    expect(await table.locator('tbody tr, tfoot tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))).toEqual(printed.slice(1));
    expect(printed.at(-1)![0]).toBe('all');

    // A price chart per market, each with that market's fills and no other's.
    const charts = trades.getByTestId('bt-price');
    await expect.poll(() => charts.evaluateAll((els) => els.map((el) => el.getAttribute('data-symbol')))).toEqual(['BTC/USDT', 'ETH/USDT']);
    for (const m of cli.portfolio.markets) {
      const chart = trades.locator(`[data-testid="bt-price"][data-symbol="${m.symbol}"]`);
      expect({ [m.symbol]: Number(await chart.getAttribute('data-marks')) }).toEqual({ [m.symbol]: cli.fills.filter((f) => f.symbol === m.symbol).length });
      expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
      // The strategy's averages over that market's own prices: at the end of 2022 BTC traded near 16,500 and ETH near 1,200.
      const lines = await chart.locator('[data-indicator]').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.indicator, Number((e as HTMLElement).dataset.last)] as const));
      expect(lines.map(([label]) => label)).toEqual(['SMA 10', 'SMA 30']);
      const [lo, hi] = m.symbol === 'BTC/USDT' ? [15_000, 18_000] : [1_000, 1_400];
      for (const [label, v] of lines) expect({ [`${m.symbol} ${label}`]: v > lo && v < hi }).toEqual({ [`${m.symbol} ${label}`]: true });
    }

    // Every round trip listed with its market.
    expect(await trades.getAttribute('data-count')).toBe(String(cli.trades.length));
    expect(await trades.locator('table.bt-trades thead th').nth(1).textContent()).toBe('Market');
    const listed = await trades.locator('table.bt-trades tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-symbol')));
    expect(listed).toEqual(cli.trades.map((t) => t.symbol));
    // An ETH trade opened up close is drawn from ETH's bars, with ETH's fills in the stretch and none of BTC's.
    const eth = listed.indexOf('ETH/USDT');
    await trades.locator('table.bt-trades tbody tr').nth(eth).click();
    const tradeChart = page.getByTestId('bt-trade-chart');
    await expect.poll(() => tradeChart.getAttribute('data-status')).toBe('ready');
    const [from, to] = [Number(await tradeChart.getAttribute('data-from')), Number(await tradeChart.getAttribute('data-to'))];
    expect(Number(await tradeChart.getAttribute('data-marks'))).toBe(cli.fills.filter((f) => f.symbol === 'ETH/USDT' && f.ts >= from && f.ts <= to).length);
    expect(Number(await tradeChart.getAttribute('data-marks'))).toBeGreaterThanOrEqual(2);
    expect(await tradeChart.textContent()).toContain(`Trade ${eth + 1} · long · ETH/USDT`);

    // One account over both markets is not a run on BTC: "Across markets" has nothing to count.
    expect(await page.getByTestId('bt-tab-markets').textContent()).toBe('Across markets');
    await page.screenshot({ path: '/tmp/keel-e2e-portfolio.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
