// A trader with an empty journal and a candle file on disk, in the browser page `keel serve` serves: on the
// backtest page, Import file… takes the file's path (no Browse… here: a browser cannot tell a picked file's
// path), reads the symbol from its name and the timeframe from its candles, says what it stored, selects the
// new series in the form (and the chart's market picker lists it), and a backtest runs on it to the end.
// A path with no file, and a file with a broken line, say what is wrong in the dialog and store nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeel, type KeelApp } from './support/keel-app.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const BARS = 2000;

let keel: KeelApp;
let dir: string;

/** Hourly ETH candles swinging on a slow wave, so a moving-average cross trades; line `broken` (1-based) has its high below its low. */
function waveCsv(broken?: number): string {
  const lines = ['timestamp,open,high,low,close,volume'];
  let open = 100;
  for (let i = 0; i < BARS; i++) {
    const close = Math.round((100 + 20 * Math.sin(i / 40) + 3 * Math.sin(i / 7)) * 100) / 100;
    const [high, low] = lines.length + 1 === broken ? [Math.min(open, close) - 2, Math.max(open, close) + 2] : [Math.max(open, close) + 1, Math.min(open, close) - 1];
    lines.push(`${T0 + i * HOUR},${open},${high},${low},${close},${10 + (i % 5)}`);
    open = close;
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'keel-e2e-import-'));
  keel = await openKeel();
});

afterAll(async () => {
  await keel?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('importing a file from the backtest page', () => {
  it('stores the file, selects its series and backtests on it', async () => {
    const file = path.join(dir, 'binance_ETHUSDT_1h_2024.csv');
    await writeFile(file, waveCsv());
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await page.getByTestId('no-series').waitFor();
    await page.getByTestId('backtest-nav').click();
    await page.getByTestId('backtest-page').waitFor();
    expect(await page.getByTestId('bt-series').inputValue()).toBe('');

    await page.getByTestId('bt-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    // A browser page cannot learn where a picked file lives: the path is typed.
    expect(await page.getByTestId('import-browse').count()).toBe(0);
    await page.getByTestId('import-path').fill(file);
    expect(await page.getByTestId('import-symbol').getAttribute('placeholder')).toBe('ETH/USDT, from the file name');
    await page.getByTestId('import-submit').click();

    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toBe('stored 2,000 candles of ETH/USDT 1h (local) from 2024-01-01 00:00 to 2024-03-24 07:00 UTC');
    expect(await page.getByTestId('import-sources').textContent()).toBe("symbol from the file name · timeframe from the candles' spacing · csv: timestamp,open,high,low,close,volume; time in epoch ms");
    expect(await page.getByTestId('bt-series').inputValue()).toBe('local:ETH/USDT:1h');
    // A new series: nothing held before, so no word of mixing.
    expect(await page.getByTestId('import-joined').count()).toBe(0);
    await page.getByTestId('import-close').click();
    expect(await dialog.count()).toBe(0);

    // The same file again: the series held its candles, every one replaced, and the dialog says what it held.
    await page.getByTestId('bt-import').click();
    await page.getByTestId('import-path').fill(file);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-joined').textContent()).toBe(
      "the series already held 2,000 candles (2024-01-01 to 2024-03-24), 2,000 of them replaced by the file's candles at the same times; it now holds 2,000. A file of another market under the same name mixes with them: give an exchange (or another symbol) to keep it apart",
    );
    await page.getByTestId('import-close').click();

    await page.getByTestId('bt-strategy').selectOption('sma-cross');
    await page.getByTestId('bt-param-fast').fill('10');
    await page.getByTestId('bt-param-slow').fill('30');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-1"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(Number(await row.locator('td[data-metric="trades"]').getAttribute('data-value'))).toBeGreaterThan(5);
    expect(await row.locator('td[data-metric="finalEquity"]').getAttribute('data-value')).not.toBe('');

    // The chart's market picker, under the page, lists the new series too.
    await page.getByTestId('backtest-nav').click();
    await expect.poll(() => page.locator('[data-testid="symbol-select"] option').allTextContents()).toContain('ETH/USDT · local');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says what is wrong with a path that holds no file, and with a broken line, and stores nothing', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await page.getByTestId('backtest-nav').click();
    await page.getByTestId('backtest-page').waitFor();
    await expect.poll(() => page.getByTestId('bt-series').inputValue()).toBe('local:ETH/USDT:1h');
    await page.getByTestId('bt-import').click();

    const missing = path.join(dir, 'BTCUSDT_1h.csv');
    await page.getByTestId('import-path').fill(missing);
    await page.getByTestId('import-submit').click();
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(`${missing}: no such file`);

    const broken = path.join(dir, 'SOLUSDT_1h.csv');
    await writeFile(broken, waveCsv(1500));
    await page.getByTestId('import-path').fill(broken);
    expect(await error.count()).toBe(0);
    await page.getByTestId('import-submit').click();
    await error.waitFor();
    expect(await error.textContent()).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 1500: high [\\d.]+ is below the (open|close|low) [\\d.]+( and the (close|low) [\\d.]+)*: a bar's high is its highest price$`));
    expect(await page.getByTestId('import-result').count()).toBe(0);

    await page.keyboard.press('Escape');
    expect(await page.getByTestId('import-dialog').count()).toBe(0);
    expect(await page.locator('[data-testid="bt-series"] option').allTextContents()).toEqual(['local:ETH/USDT:1h']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
