// Orders and positions outlive `keel serve`: a position opened and a limit order placed from the
// ticket are there again, with the same ids, after the server is stopped and started on the same data
// directory, and the fills history still lists the fill. Screenshot: /tmp/keel-trading-restart.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

// No market source at start-up (openKeel's default: no network, no simulated market): the only prices are the replay's.
beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
});

afterAll(() => keel?.close());

const num = (text: string | null) => parseFloat((text ?? '').replace(/[,+\s]/g, ''));
const previewOk = async (page: Page) => {
  const state = await page.getByTestId('ticket-preview').getAttribute('data-state');
  return state === 'ok' ? 'ok' : `${state}: ${await page.getByTestId('ticket-preview').textContent()}`;
};

async function open(url: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.locator('[data-testid="chart"] canvas').first().waitFor();
  return { page, problems, close: () => context.close() };
}

async function place(page: Page, t: { type: string; qty: string; price?: string }): Promise<void> {
  await page.getByTestId('ticket-type').selectOption(t.type);
  await page.getByTestId('ticket-qty').fill(t.qty);
  if (t.price) await page.getByTestId('ticket-price').fill(t.price);
  await expect.poll(() => previewOk(page), { timeout: 10_000 }).toBe('ok');
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByTestId('ticket-outcome').textContent()).toMatch(new RegExp(`^Placed BUY ${t.type === 'market' ? 'MKT' : 'LMT'} ${t.qty.replace('.', '\\.')} `));
}

describe('trading across a restart', () => {
  it('keeps the open order, the position and the fills when keel serve restarts on the same data', async () => {
    const first = await open(keel.url);
    const page = first.page;
    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');

    await place(page, { type: 'market', qty: '0.02' });
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-ledger="user"]');
    await expect.poll(() => position.getByTestId('position-qty').textContent(), { timeout: 10_000 }).toBe('0.02');
    const last = num(await page.getByTestId('last-price').textContent());
    await place(page, { type: 'limit', qty: '0.01', price: String(Math.round(last * 0.95)) });
    await page.getByTestId('dock-tab-orders').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(1);
    const orderId = await page.getByTestId('order-row').getAttribute('data-order-id');
    const orderPrice = await page.getByTestId('order-price').textContent();
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    expect(first.problems).toEqual([]);
    await first.close();

    // Stop Keel (SIGTERM: the journal closes cleanly) and start it again on the same directory.
    await keel.stop();
    await keel.start();
    const second = await open(keel.url);
    const again = second.page;

    const restored = again.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-ledger="user"]');
    await expect.poll(() => restored.getByTestId('position-qty').textContent(), { timeout: 10_000 }).toBe('0.02');
    expect(num(await again.getByTestId('account-equity').textContent())).toBeGreaterThan(9_000);

    await again.getByTestId('dock-tab-orders').click();
    await expect.poll(() => again.getByTestId('order-row').count()).toBe(1);
    expect(await again.getByTestId('order-row').getAttribute('data-order-id')).toBe(orderId);
    expect(await again.getByTestId('order-price').textContent()).toBe(orderPrice);
    expect(await again.getByTestId('order-status').textContent()).toBe('Open');
    await again.screenshot({ path: '/tmp/keel-trading-restart.png' });

    await again.getByTestId('dock-tab-fills').click();
    await expect.poll(() => again.getByTestId('fill-row').count()).toBe(1);
    expect(await again.getByTestId('fill-qty').textContent()).toBe('0.02');

    // The restored order can still be cancelled.
    await again.getByTestId('dock-tab-orders').click();
    await again.getByTestId('order-cancel').click();
    await expect.poll(() => again.getByTestId('order-row').count()).toBe(0);
    expect(second.problems).toEqual([]);
    await second.close();
  });
});
