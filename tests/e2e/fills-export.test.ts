// "Export CSV" on the Fills tab, in Chromium against `keel serve` with real BTC/USDT minutes replayed: two
// paper trades placed from the ticket (a buy, then a sell of part of it) are saved as the file the browser
// downloads, one row each, oldest first, their sides and quantities as exact text, and that file is
// `keel journal export --what fills --account paper`'s, byte for byte. Screenshot: /tmp/keel-fills-export.png.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { keelBin, repoRoot } from './support/paths.ts';

const run = promisify(execFile);

let keel: KeelApp;
let page: Page;
let problems: string[];

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
  ({ page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } }));
});

afterAll(() => keel?.close());

const previewOk = async () => {
  const state = await page.getByTestId('ticket-preview').getAttribute('data-state');
  return state === 'ok' ? 'ok' : `${state}: ${await page.getByTestId('ticket-preview').textContent()}`;
};

async function trade(side: 'buy' | 'sell', qty: string): Promise<void> {
  await page.getByTestId(`ticket-side-${side}`).click();
  await page.getByTestId('ticket-type').selectOption('market');
  await page.getByTestId('ticket-qty').fill(qty);
  await expect.poll(previewOk, { timeout: 10_000 }).toBe('ok');
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByTestId('ticket-outcome').textContent()).toMatch(new RegExp(`^Placed ${side.toUpperCase()} MKT ${qty.replace('.', '\\.')} `));
}

describe('exporting the Fills tab', () => {
  it("saves every fill of the account the tab shows as keel journal export's CSV", async () => {
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await page.getByTestId('dock-tab-fills').click();
    // No fill yet: nothing to export.
    await expect.poll(() => page.getByTestId('fills-export').isDisabled()).toBe(true);

    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    await trade('buy', '0.025');
    await expect.poll(() => page.getByTestId('fill-row').count(), { timeout: 10_000 }).toBe(1);
    await trade('sell', '0.01');
    await expect.poll(() => page.getByTestId('fill-row').count(), { timeout: 10_000 }).toBe(2);
    await page.getByTestId('replay-toggle').click();
    // The prices the tab shows, newest first, to find in the file.
    const shownPrices = await page.getByTestId('fill-price').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fills-export').click()]);
    expect(download.suggestedFilename()).toBe('keel-fills-paper.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = csv.split('\r\n').slice(0, -1).map((line) => line.split(','));
    expect(header).toEqual(['time', 'time_ms', 'account', 'seq', 'id', 'order_id', 'client_order_id', 'symbol', 'side', 'price', 'qty', 'notional', 'fee', 'fee_asset', 'interest', 'liquidity', 'ledger', 'origin', 'tag']);
    const col = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(2);
    // Oldest first: the buy, then the sell; quantities as the exact decimal text, not 0.025000000000000001.
    expect(rows.map((r) => [r[col('account')], r[col('symbol')], r[col('side')], r[col('qty')], r[col('liquidity')]])).toEqual([
      ['paper', 'BTC/USDT', 'buy', '0.025', 'taker'],
      ['paper', 'BTC/USDT', 'sell', '0.01', 'taker'],
    ]);
    expect(rows.map((r) => r[col('price')])).toEqual([...shownPrices].reverse());
    await expect.poll(() => page.getByTestId('fills-export-saved').textContent()).toContain('2 fills of paper saved as keel-fills-paper.csv');
    await page.screenshot({ path: '/tmp/keel-fills-export.png' });

    // The CLI writes the same file for the same account, beside the running app.
    const out = path.join(keel.dataDir, 'fills-paper.csv');
    await run(process.execPath, [keelBin, 'journal', 'export', '--what', 'fills', '--account', 'paper', '--out', out, '--data-dir', keel.dataDir], { cwd: repoRoot, timeout: 60_000 });
    expect(csv).toBe(await readFile(out, 'utf8'));
    expect(problems).toEqual([]);
  });
});
