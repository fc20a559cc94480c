// With nothing imported, the chart explains how to import candles instead of showing an empty grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel();
});

afterAll(() => keel?.close());

describe('an empty journal', () => {
  it('explains keel import and offers nothing to replay', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1280, height: 800 } });
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
