// With nothing imported, the chart explains how to import candles instead of showing an empty grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectPageProblems, launchChromium } from './support/browser.ts';
import { tempDataDir } from './support/keel-cli.ts';
import { startKeelServe, type KeelServe } from './support/keel-serve.ts';
import { assertRendererBuilt } from './support/paths.ts';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let keel: KeelServe;
let browser: Browser;

beforeAll(async () => {
  assertRendererBuilt();
  data = await tempDataDir();
  keel = await startKeelServe(data.dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await keel?.stop();
  await data?.remove();
});

describe('an empty journal', () => {
  it('explains keel import and offers nothing to replay', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(keel.url);
    const empty = page.getByTestId('no-series');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('keel import FILE --symbol BTC/USDT --timeframe 1m');
    expect(await page.getByTestId('replay-toggle').isDisabled()).toBe(true);
    expect(await page.getByTestId('candle-count').textContent()).toBe('0');
    expect(await page.getByTestId('last-price').textContent()).toBe('—');
    expect(problems).toEqual([]);
    await context.close();
  });
});
