// The trading dock on a laptop's window, in Chromium against `keel serve` with real BTC/USDT minutes
// replayed: at 1280 px (and 1440) the fills and the positions tables show every column without scrolling
// sideways, and the account line's kind, equity, open and net P&L are all in view, none clipped. So do the
// Orders tab's open and expired orders (with the venue's reason under an expired one). A visual review found
// the Fees and tag columns cut off at 1440 px, the account line's Open and Net past the dock's edge at 1280,
// and the Orders table 4 px past the dock at 1440 once it listed expired orders. Screenshots go to
// /tmp/keel-dock-1280-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;
let page: Page;
let problems: string[];

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
  ({ page, problems } = await keel.newPage({ viewport: { width: 1280, height: 800 } }));
});

afterAll(() => keel?.close());

const previewOk = async () => {
  const state = await page.getByTestId('ticket-preview').getAttribute('data-state');
  return state === 'ok' ? 'ok' : `${state}: ${await page.getByTestId('ticket-preview').textContent()}`;
};

async function trade(side: 'buy' | 'sell', qty: string, tag: string): Promise<void> {
  await page.getByTestId(`ticket-side-${side}`).click();
  await page.getByTestId('ticket-type').selectOption('market');
  await page.getByTestId('ticket-qty').fill(qty);
  await page.getByTestId('ticket-tag').fill(tag);
  await expect.poll(previewOk, { timeout: 10_000 }).toBe('ok');
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByTestId('ticket-outcome').textContent()).toMatch(new RegExp(`^Placed ${side.toUpperCase()} MKT ${qty.replace('.', '\\.')} `));
}

/** Places a buy limit at `price` with the time in force given; resolves once the ticket reports it placed. */
async function buyLimit(qty: string, price: string, tif: 'GTC' | 'IOC', tag: string): Promise<void> {
  await page.getByTestId('ticket-side-buy').click();
  await page.getByTestId('ticket-type').selectOption('limit');
  await page.getByTestId('ticket-qty').fill(qty);
  await page.getByTestId('ticket-price').fill(price);
  await page.getByTestId('ticket-tif').selectOption(tif);
  await page.getByTestId('ticket-tag').fill(tag);
  await expect.poll(previewOk, { timeout: 10_000 }).toBe('ok');
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByTestId('ticket-outcome').textContent()).toMatch(new RegExp(`BUY LMT ${qty.replace('.', '\\.')} `));
}

/** How far the open tab's table reaches past the dock's visible width (0 or less: it fits). */
const overflow = () =>
  page.locator('.trading-dock .dock-body').evaluate((body) => {
    const table = body.querySelector('table');
    return Math.max(body.scrollWidth - body.clientWidth, table ? table.scrollWidth - table.clientWidth : 0);
  });

/**
 * Each of the account line's items that a trader must see, with how much of it is cut: by the viewport, by
 * the dock, or by the line's own box (it hides what it has no room for). All zero when all are in view.
 */
const accountCuts = () =>
  page.getByTestId('account-summary').evaluate((line) => {
    const dock = line.closest('.trading-dock')!.getBoundingClientRect();
    const box = line.getBoundingClientRect();
    const right = Math.min(window.innerWidth, dock.right, box.right);
    const left = Math.max(0, dock.left, box.left);
    const cut: Record<string, number> = {};
    for (const id of ['account-kind-tag', 'account-equity', 'account-upnl', 'account-net']) {
      const el = line.querySelector(`[data-testid="${id}"]`);
      const item = el?.closest('.acct-item') ?? el;
      const r = item?.getBoundingClientRect();
      cut[id] = !r || r.width === 0 ? Infinity : Math.max(0, Math.ceil(r.right - right), Math.ceil(left - r.left));
    }
    return cut;
  });

const allInView = { 'account-kind-tag': 0, 'account-equity': 0, 'account-upnl': 0, 'account-net': 0 };

describe('the trading dock on a laptop', () => {
  it('fits the fills, the positions, the orders and the account line at 1280 and 1440 px', async () => {
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    // Tags as traders write them, one long enough to need the room a narrow dock does not have.
    await trade('buy', '0.05', 'first entry');
    await trade('buy', '0.1234', 'breakout above the weekly high on volume');
    await trade('sell', '0.02', 'trim');
    // A bid 6 % under the market (inside the 10 % fat-finger limit) rests; an immediate-or-cancel one there
    // expires at once, with the reason.
    const last = Number((await page.getByTestId('last-price').textContent())!.replace(/[^\d.]/g, ''));
    const far = String(Math.round(last * 0.94));
    await buyLimit('0.01', far, 'GTC', 'deep bid for a flush');
    await buyLimit('0.01', far, 'IOC', 'probe the book');
    await expect.poll(() => page.getByTestId('ticket-outcome').getAttribute('data-status'), { timeout: 10_000 }).toBe('expired');
    await page.getByTestId('replay-toggle').click();
    await page.getByTestId('dock-tab-fills').click();
    await expect.poll(() => page.getByTestId('fill-row').count(), { timeout: 10_000 }).toBe(3);

    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 900 });
      await page.getByTestId('dock-tab-fills').click();
      await expect.poll(overflow, { message: `fills table at ${width} px` }).toBeLessThanOrEqual(0);
      // Side, price, quantity, fee and time are columns of their own, each with something in it.
      const fill = page.getByTestId('fill-row').first();
      for (const id of ['fill-time', 'fill-side', 'fill-price', 'fill-qty', 'fill-fee']) expect((await fill.getByTestId(id).boundingBox())?.width ?? 0, id).toBeGreaterThan(10);
      expect(await page.getByTestId('fill-tag').allTextContents()).toEqual(['trim', 'breakout above the weekly high on volume', 'first entry']);
      if (width === 1280) await page.screenshot({ path: '/tmp/keel-dock-1280-fills.png' });

      await page.getByTestId('dock-tab-positions').click();
      await expect.poll(() => page.getByTestId('position-row').count()).toBe(1);
      await expect.poll(overflow, { message: `positions table at ${width} px` }).toBeLessThanOrEqual(0);
      await expect.poll(accountCuts, { message: `account line at ${width} px` }).toEqual(allInView);
      if (width === 1280) await page.screenshot({ path: '/tmp/keel-dock-1280-positions.png' });

      await page.getByTestId('dock-tab-orders').click();
      await expect.poll(() => page.getByTestId('open-order-count').textContent()).toBe('1');
      await expect.poll(() => page.getByTestId('ended-order-row').getAttribute('data-status')).toBe('expired');
      await expect.poll(overflow, { message: `orders table at ${width} px` }).toBeLessThanOrEqual(0);
      // The reason reads whole within the table, and the open order's Cancel is in view at the right.
      expect(await page.getByTestId('ended-order-reason').textContent()).toMatch(/immediate-or-cancel buy limit at [\d,.]+ could not fill/);
      const dock = (await page.locator('.trading-dock .dock-body').boundingBox())!;
      const action = (await page.locator('[data-testid="orders-blotter"] tbody tr').first().locator('.row-actions').boundingBox())!;
      expect(action.x + action.width, `open order's actions at ${width} px`).toBeLessThanOrEqual(dock.x + dock.width + 0.5);
      await page.screenshot({ path: `/tmp/keel-dock-${width}-orders.png` });
    }
    expect(problems).toEqual([]);
  });
});
