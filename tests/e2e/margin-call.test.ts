// The margin call in Chromium against `keel serve`, on a replay of made-up BTC/USDT minutes whose price
// more than doubles: the paper account switched to Margin sells 0.2 BTC short at 40,000 (8,000 USDT of its
// 10,000), and the risk panel shows how much of the margin it uses ("Margin used", margin level 2.25),
// which it did not before the short. As the price climbs the margin level falls (90,000 / price), and at
// 1.1 the risk room pulls the kill switch with flatten: the kill switch says "margin call: ...", the short
// is bought back and the gauge is gone. Screenshot: /tmp/keel-margin-call.png.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importCsv } from './support/keel-cli.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;
let page: Page;
let problems: string[];

const MINUTE = 60_000;
const START = Date.UTC(2022, 0, 1);
/** The replay's history (REPLAY_HISTORY), then minutes at 40,000 to short in, then the climb, then the top. */
const HISTORY = 500;
const FLAT = 40;
const CLIMB = 60;
const TOP = 300;

/** 1m candles around 40,000 (a few dollars either way), then +1,000 a minute to 100,000, where they stay. */
function madeUpMinutes(): string {
  const lines = ['timestamp,open,high,low,close,volume'];
  let close = 40_000;
  for (let i = 0; i < HISTORY + FLAT + CLIMB + TOP; i++) {
    const open = close;
    const climb = i - (HISTORY + FLAT);
    close = climb < 0 ? 40_000 + Math.round(10 * Math.sin(i)) : Math.min(100_000, 41_000 + climb * 1_000);
    const stamp = new Date(START + i * MINUTE).toISOString().replace('T', ' ').replace('Z', '000');
    lines.push(`${stamp},${open},${Math.max(open, close) + 5},${Math.min(open, close) - 5},${close},${1000 + (i % 7)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  keel = await openKeel({
    prepare: async (dataDir) => {
      const csv = path.join(dataDir, 'made-up-btc-1m.csv');
      await writeFile(csv, madeUpMinutes());
      await importCsv(dataDir, csv, 'BTC/USDT', '1m');
    },
  });
  ({ page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } }));
  await page.goto(keel.url);
  await page.locator('[data-testid="chart"] canvas').first().waitFor();
});

afterAll(() => keel?.close());

describe('the margin call', () => {
  const gauge = () => page.getByTestId('risk-gauges').locator('li[title="margin-call"]');
  const short = () => page.locator('[data-testid="position-row"][data-ledger="user"]');
  const lastPrice = async () => Number((await page.getByTestId('last-price').textContent())!.replace(/[^\d.]/g, ''));

  it('a short on the margin account shows how much of the margin it uses, which nothing did before', async () => {
    await page.getByTestId('dock-tab-positions').click();
    await expect.poll(() => page.getByTestId('account-kind').getAttribute('data-kind')).toBe('spot');
    await page.getByTestId('account-kind-margin').click();
    await expect.poll(() => page.getByTestId('account-kind').getAttribute('data-kind')).toBe('margin');
    await expect.poll(() => page.getByTestId('risk-gauges').locator('li').count()).toBeGreaterThanOrEqual(10);
    expect(await gauge().count()).toBe(0);

    // Played slowly (a minute every 6 s) while the short is sold in the minutes at 40,000.
    await page.getByTestId('replay-speed').selectOption('10');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    await expect.poll(lastPrice, { timeout: 10_000 }).toBeLessThan(40_100);
    await page.getByTestId('ticket-side-sell').click();
    await page.getByTestId('ticket-type').selectOption('market');
    await page.getByTestId('ticket-qty').fill('0.2');
    const preview = page.getByTestId('ticket-preview');
    await expect.poll(async () => `${await preview.getAttribute('data-state')}: ${await preview.textContent()}`, { timeout: 10_000 }).toMatch(/^ok/);
    await page.getByTestId('ticket-submit').click();
    await expect.poll(() => page.getByTestId('ticket-outcome').getAttribute('data-kind')).toBe('placed');
    await expect.poll(() => short().getAttribute('data-qty'), { timeout: 15_000 }).toBe('-0.2');

    // 8,000 USDT owed against 18,000 of assets (less the fee): margin level 2.25, 44 % of the margin used.
    await expect.poll(() => gauge().count(), { timeout: 10_000 }).toBe(1);
    expect(await gauge().locator('.risk-gauge-label').textContent()).toBe('Margin used');
    const text = (await gauge().locator('.risk-gauge-text').textContent())!;
    expect(text).toMatch(/^margin level \d+\.\d\d; every position is closed at 1\.1$/);
    expect(Number(/^margin level ([\d.]+)/.exec(text)![1])).toBeGreaterThan(2.2);
    expect(Number(/^margin level ([\d.]+)/.exec(text)![1])).toBeLessThanOrEqual(2.25);
    expect(await page.getByTestId('risk-status').textContent()).toMatch(/^Armed/);
    expect(problems).toEqual([]);
  });

  it('as the price climbs past 81,800 the margin level reaches 1.1: the kill switch closes every position, saying "margin call"', async () => {
    await page.getByTestId('replay-speed').selectOption('1000');
    await expect
      .poll(() => page.getByTestId('risk-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Kill switch engaged \(margin-call\): margin call: the margin level fell to 1(\.\d+)? \([\d.,]+ USDT of assets against [\d.,]+ USDT owed on shorts\), at or below the liquidation level of 1\.1; every position is being closed, as a margin venue would/);
    // Bought back: flat, and nothing owed, so no gauge.
    await expect.poll(async () => Number(await short().getAttribute('data-qty')), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => gauge().count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('risk-log').textContent()).toMatch(/kill switch engaged via margin-call: margin call: /);
    await page.screenshot({ path: '/tmp/keel-margin-call.png' });
    expect(problems).toEqual([]);
  });
});
