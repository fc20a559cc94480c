// A user switches markets and timeframes. Keel starts on the simulated market (as it does without a
// network), so the chart opens on it with its order book and trades; the user then picks a stored
// series, whose missing timeframe falls back to the nearest stored one, and another simulated symbol
// and timeframe, which the engine switches to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { createBridgeClient, type SocketLike } from '../../shared/bridge/client.ts';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../shared/bridge/protocol.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

const SCREENSHOT = '/tmp/keel-e2e-chart-markets.png';

/** An element as the page sees it (the tests type-check without the DOM library). */
interface Attributed {
  getAttribute(name: string): string | null;
}

let keel: KeelApp;

// This test wants the simulated market.
beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m', 'eth-1h'], env: { KEEL_MARKET: 'simulated' } });
});

afterAll(() => keel?.close());

const status = (page: Page) => page.getByTestId('chart-toolbar').getByTestId('data-status').getAttribute('data-level');
const price = async (page: Page) => Number((await page.getByTestId('last-price').textContent())?.replace(/,/g, ''));
const drawnOverlays = (page: Page) => page.evaluate(() => (globalThis as unknown as { __keelChartBench?: { stats(): { priceLines: number; markers: number } } }).__keelChartBench?.stats());
const ready = (page: Page) => expect.poll(() => page.getByTestId('chart').getAttribute('data-phase'), { timeout: 20_000 }).toBe('ready');

describe('switching markets and timeframes', () => {
  it('opens on the engine’s market, then switches to a stored series and to another simulated symbol and timeframe', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);

    // The engine's active market: simulated BTC/USDT 1m, labelled SIMULATED, with its book and trades.
    const picker = page.getByTestId('symbol-select');
    await expect.poll(() => picker.inputValue(), { timeout: 20_000 }).toBe('simulated|simulated|BTC/USDT');
    await ready(page);
    expect(await page.getByTestId('timeframe').textContent()).toBe('1m');
    await expect.poll(() => status(page)).toBe('simulated');
    await expect.poll(() => page.getByTestId('book-bid').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('watch-row').count()).toBe(3);
    const groups = await picker.locator('optgroup').evaluateAll((els) => els.map((e) => (e as unknown as Attributed).getAttribute('label')));
    expect(groups).toContain('Simulated');
    expect(groups).toContain('Stored · local');
    await page.screenshot({ path: SCREENSHOT });

    // A stored series: ETH/USDT has no 1m candles stored, so the chart takes its nearest timeframe, 1h.
    await picker.selectOption('stored|local|ETH/USDT');
    await expect.poll(() => page.getByTestId('timeframe').textContent()).toBe('1h');
    await ready(page);
    await expect.poll(() => status(page)).toBe('stored');
    expect(await page.locator('.legend-symbol').textContent()).toBe('ETH/USDT');
    expect(await page.getByTestId('candle-count').textContent()).toBe('20,000');
    expect(await page.getByTestId('timeframe-1m').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('book-empty').count()).toBe(1);
    const ethPrice = await price(page);
    expect(ethPrice).toBeGreaterThan(100);
    expect(ethPrice).toBeLessThan(10_000);

    // Back to the simulated market, another symbol, then another timeframe: the engine switches, the chart follows.
    await picker.selectOption('simulated|simulated|SOL/USDT');
    await expect.poll(() => page.locator('.legend-symbol').textContent()).toBe('SOL/USDT');
    expect(await page.getByTestId('timeframe').textContent()).toBe('1h');
    await page.getByTestId('timeframe-15m').click();
    await expect.poll(() => page.getByTestId('timeframe').textContent()).toBe('15m');
    await ready(page);
    await expect.poll(() => status(page)).toBe('simulated');
    await expect.poll(() => page.locator('[data-testid="watch-row"].is-selected').getAttribute('data-symbol')).toBe('SOL/USDT');
    const solPrice = await price(page);
    expect(solPrice).toBeGreaterThan(1);
    expect(solPrice).not.toBe(ethPrice);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws open orders and the position as price lines and the fill as an arrow on its bar', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await ready(page);
    await page.getByTestId('symbol-select').selectOption('simulated|simulated|BTC/USDT');
    await expect.poll(() => page.locator('.legend-symbol').textContent()).toBe('BTC/USDT');
    await ready(page);

    // Orders come from another client (the ticket is another panel's business); the chart follows the engine's events.
    const socket = new WebSocket(`ws://${new URL(keel.origin).host}${BRIDGE_PATH}?${TOKEN_PARAM}=${keel.token}`, { origin: keel.origin });
    const client = createBridgeClient(socket as unknown as SocketLike);
    await client.ready;
    try {
      // The book stream's first snapshot may still be on its way (a busy machine): ask until there is one.
      let bid = Number.NaN;
      await expect
        .poll(
          async () => {
            bid = (await client.commands['market.book']({})).book?.bids[0]?.[0] ?? Number.NaN;
            return bid > 0;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' });
      const limit = await client.commands['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.02', price: String(Math.floor(bid * 0.99)) });
      const overlays = () => drawnOverlays(page);
      // The market order fills on the simulated market's next tick, which a busy machine can hold back for seconds.
      await expect.poll(overlays, { timeout: 30_000 }).toMatchObject({ priceLines: 2, markers: 1 });
      await page.screenshot({ path: '/tmp/keel-e2e-chart-trades.png' });
      await client.commands['trading.cancel']({ orderId: limit.id });
      await expect.poll(overlays, { timeout: 30_000 }).toMatchObject({ priceLines: 1, markers: 1 });
    } finally {
      client.close();
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('after a replay of a stored series, returns to the market the engine went back to', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await expect.poll(() => page.getByTestId('symbol-select').inputValue(), { timeout: 20_000 }).toMatch(/^simulated\|/);
    await ready(page);
    const engineMarket = await page.getByTestId('symbol-select').inputValue();

    await page.getByTestId('symbol-select').selectOption('stored|local|BTC/USDT');
    await expect.poll(() => status(page)).toBe('stored');
    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => status(page)).toBe('replay');
    // The test before bought BTC/USDT on the simulated market today: no replayed 2022 bar carries that
    // fill's arrow (the chart library would draw it on the replay's newest bar, as if it had filled there).
    await expect.poll(() => drawnOverlays(page)).toMatchObject({ priceLines: 1 });
    await page.waitForTimeout(1_500);
    expect((await drawnOverlays(page))?.markers).toBe(0);
    await page.getByTestId('replay-stop').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('idle');
    await expect.poll(() => page.getByTestId('symbol-select').inputValue(), { timeout: 10_000 }).toBe(engineMarket);
    await expect.poll(() => status(page)).toBe('simulated');

    expect(problems).toEqual([]);
    await context.close();
  });
});
