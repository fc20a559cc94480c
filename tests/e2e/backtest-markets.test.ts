// A trader who tuned sma-cross on BTC asks whether it holds on ETH: on the backtest page they tick ETH/USDT
// and ema-cross under "Also run, to compare", start four runs in one click, and the "Across markets" tab
// lays them out strategy by market, each market with its own buy and hold, with the figures `keel
// backtest --symbol BTC/USDT,ETH/USDT` prints for the same runs, the markets where each beat buy and hold counted,
// and the returns drawn as bars beside each market's buy and hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { backtestJson } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h', 'eth-1h'] });
});

afterAll(() => keel?.close());

type CliRun = { strategy: string; symbol: string; metrics: Record<string, number> };

/** `keel backtest` of both strategies on both stored markets in one command, as the page's runs were asked for. */
async function cliRuns(): Promise<CliRun[]> {
  return (await backtestJson<{ runs: CliRun[] }>(keel.dataDir, 'markets.json', ['--strategy', 'sma-cross,ema-cross', '--symbol', 'BTC/USDT,ETH/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'moderate', '--capital', '10000', '--fee', '0.1'])).runs;
}

describe('the backtest page across markets', () => {
  it('runs strategies on two stored markets in one click and compares them market by market, as keel backtest does on each', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2022-12-31', mode: 'moderate' });
    await page.getByTestId('bt-compare-strategy-ema-cross').check();
    // The form's own series is not offered again; the other stored one is.
    expect(await page.getByTestId('bt-compare-series-local:BTC/USDT:1h').count()).toBe(0);
    await page.getByTestId('bt-compare-series-local:ETH/USDT:1h').check();
    expect(await page.getByTestId('bt-run').textContent()).toBe('Run 4 backtests');
    await page.getByTestId('bt-run').click();

    await expect.poll(() => page.getByTestId('bt-tab-markets').getAttribute('aria-selected')).toBe('true');
    const table = page.getByTestId('bt-markets');
    await expect.poll(() => table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-series')))).toEqual([null, 'local:BTC/USDT:1h', 'local:ETH/USDT:1h', null]);
    await expect.poll(() => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['sma-cross fast=10 slow=30 · moderate', 'ema-cross fast=12 slow=26 · moderate']);
    await expect.poll(() => table.locator('td[data-status="done"]').count(), { timeout: 120_000 }).toBe(4);
    expect(await page.getByTestId('bt-tab-markets').textContent()).toBe('Across markets2');
    // Both markets over 2021 and 2022: nothing to warn of about their stretches.
    expect(await page.getByTestId('bt-markets-spans').count()).toBe(0);

    const all = await cliRuns();
    expect(all).toHaveLength(4);
    const cli = { 'BTC/USDT': all.filter((r) => r.symbol === 'BTC/USDT'), 'ETH/USDT': all.filter((r) => r.symbol === 'ETH/USDT') };
    const holds: number[] = [];
    for (const [symbol, runs] of Object.entries(cli)) {
      const series = `local:${symbol}:1h`;
      const hold = Number(await table.locator(`th[data-series="${series}"] [data-field="buyHoldReturnPct"]`).getAttribute('data-value'));
      expect({ symbol, hold }).toEqual({ symbol, hold: runs[0]!.metrics.buyHoldReturnPct });
      holds.push(hold);
      for (const r of runs) {
        const cell = table.locator(`tr[data-row^="${r.strategy} "] td[data-series="${series}"]`);
        for (const key of ['totalReturnPct', 'maxDrawdownPct', 'sharpe']) {
          const v = Number(await cell.locator(`span[data-field="${key}"]`).getAttribute('data-value'));
          expect({ run: `${r.strategy} ${symbol}`, [key]: v }).toEqual({ run: `${r.strategy} ${symbol}`, [key]: r.metrics[key] });
        }
        // Marked where it beat that market's buy and hold.
        expect(await cell.evaluate((td) => td.classList.contains('is-beat'))).toBe(r.metrics.totalReturnPct! > hold);
      }
    }
    // Two markets that moved differently: their own buy and hold each.
    expect(holds[0]).not.toBe(holds[1]);

    // The tally of each row, from the CLI's figures.
    for (const strategy of ['sma-cross', 'ema-cross']) {
      const mine = Object.values(cli).map((runs) => runs.find((r) => r.strategy === strategy)!.metrics);
      const tally = table.locator(`tr[data-row^="${strategy} "] td.bt-holds`);
      expect(await tally.getAttribute('data-beat')).toBe(String(mine.filter((m) => m.totalReturnPct! > m.buyHoldReturnPct!).length));
      expect(await tally.getAttribute('data-positive')).toBe(String(mine.filter((m) => m.totalReturnPct! > 0).length));
      expect(await tally.textContent()).toMatch(/^beat B&H \d\/2 · made money \d\/2$/);
    }

    // The bars: one per run at its return, a buy-and-hold line per market, and a bar is a run.
    const bars = page.getByTestId('bt-market-bars');
    const drawn = await bars.locator('rect.bt-bar').evaluateAll((rs) => rs.map((r) => ({ ret: Number(r.getAttribute('data-return')), h: Number(r.getAttribute('height')) })));
    expect(drawn.map((d) => d.ret).sort()).toEqual(Object.values(cli).flatMap((runs) => runs.map((r) => r.metrics.totalReturnPct)).sort());
    expect(drawn.every((d) => d.h >= 1)).toBe(true);
    expect((await bars.getByTestId('bt-market-hold').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))))).sort()).toEqual([...holds].sort());
    // Each market's buy-and-hold figure is written clear of the bars: no bar's box runs through its text's.
    const crossed = await bars.locator('[data-series]').evaluateAll((groups) =>
      groups.flatMap((g) => {
        const text = g.querySelector('[data-testid="bt-market-hold"] text')?.getBoundingClientRect();
        if (!text) return [];
        return [...g.querySelectorAll('rect.bt-bar')].map((r) => r.getBoundingClientRect()).filter((b) => b.left < text.right && b.right > text.left && b.top < text.bottom && b.bottom > text.top).map(() => g.getAttribute('data-series'));
      }),
    );
    expect(crossed).toEqual([]);
    const bar = bars.locator('rect.bt-bar').last();
    const runId = (await bar.getAttribute('data-run-id'))!;
    await bar.click();
    await expect.poll(() => page.locator(`[data-testid="bt-runs"] tr[data-run-id="${runId}"]`).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: '/tmp/keel-e2e-markets.png' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
