// All-in on a paper spot account, as a trader does it, against `keel serve` with real BTC/USDT minutes
// replayed. A market buy sized to the last cent of cash at the last price fills at the next price plus
// the venue's slippage, which the cash may not pay for: the venue cuts the fill to what it does pay for
// and expires the rest. The trader must learn that where they look: the ticket's outcome line says what
// was bought of what and why the rest was not, and the Orders tab keeps the expired order with its
// reason; "Avbl" never shows a negative number. The ticket's Max leaves the headroom a market order
// needs, so Max then Buy fills whole. Screenshots go to /tmp/keel-cash-cut-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dec, div, floorTo, format, mul } from '../../shared/trading/decimal.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;
let page: Page;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
  ({ page } = await keel.newPage({ viewport: { width: 1440, height: 900 } }));
});

afterAll(() => keel?.close());

const TAKER = dec('0.001');
const STEP = dec('0.00001');
const outcome = () => page.getByTestId('ticket-outcome');
const previewText = async () => `${await page.getByTestId('ticket-preview').getAttribute('data-state')}: ${await page.getByTestId('ticket-preview').textContent()}`;
const avbl = () => page.getByTestId('ticket-available').textContent();

async function replay(status: 'playing' | 'paused') {
  if ((await page.getByTestId('replay-status').getAttribute('data-status')) !== status) await page.getByTestId('replay-toggle').click();
  await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe(status);
}

/** Avbl never reads negative: no minus sign of either kind before its number. */
async function expectAvblNotNegative() {
  expect(await avbl()).not.toMatch(/[-−]\s*\d/);
}

/** Sells the position back at market (a flat row stays, its Close disabled). */
async function closePosition() {
  await page.getByTestId('dock-tab-positions').click();
  const close = page.getByTestId('position-close').first();
  if ((await close.count()) === 0 || (await close.isDisabled())) return;
  await close.click();
  await expect.poll(() => close.isDisabled(), { timeout: 15_000 }).toBe(true);
}

/** The price on the top bar as the engine writes it: "46,983.00" → "46983". */
const lastPrice = async () => format(dec((await page.getByTestId('last-price').textContent())!.replace(/,/g, '')));

/**
 * The largest quantity the engine's preview accepts at its own last price, fee included: asked of the
 * preview itself (a too-large order is refused with the price and the exact free cash), so it is exactly
 * the all-in a trader would type.
 */
async function allInQty(): Promise<string> {
  await pausedPriceShown();
  // The free cash as money reads, grouped and to the cent (a fresh account's 10,000 USDT, exact).
  const m = /at ([\d.]+) needs [\d.,]+ USDT \(fee included\); ([\d.,]+) USDT is free/.exec(await previewText());
  const [price, free] = [dec(m![1]!), dec(m![2]!.replaceAll(',', ''))];
  return format(floorTo(div(free, price + mul(price, TAKER)), STEP));
}

/**
 * Waits, with the replay paused, until the ticket has the engine's paused price: a too-large order's
 * refusal names the price the engine checks at, and the top bar (the price the ticket sizes at) shows it.
 * The replay's state says paused at once, but the chart takes in the tick sent just before the pause on
 * its next frame: sized before that, an order is sized at the tick before the one it fills after.
 * Leaves that refusal in the preview (qty 1000).
 */
async function pausedPriceShown(): Promise<void> {
  await page.getByTestId('ticket-qty').fill('1000');
  await expect
    .poll(async () => {
      const [last, text] = [await lastPrice(), await previewText()];
      return new RegExp(`^refused: .* at ${last.replace('.', '\\.')} needs [\\d.,]+ USDT \\(fee included\\); [\\d.,]+ USDT is free`).test(text) ? 'at the paused price' : `${last} vs ${text}`;
    }, { timeout: 10_000 })
    .toBe('at the paused price');
}

describe('an all-in market buy on a paper spot account', () => {
  it('cut for cash: the ticket and the Orders tab say what was bought and why the rest expired; Avbl stays at or above 0', async () => {
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('account-equity').textContent()).toBe('10,000.00');
    // Each whole fill below is sold back at a loss (the fee and the slippage): three in a row would start the
    // risk room's loss-streak cooldown (a rule with tests of its own) and refuse the next buy, here or in Max.
    await page.getByTestId('risk-limits').locator('summary').click();
    await page.getByTestId('limit-lossStreakLimit').fill('100');
    await page.getByTestId('limit-lossStreakLimit').press('Enter');
    await expect.poll(() => page.getByTestId('risk-gauges').locator('li[title="loss-streak-cooldown"]').textContent()).toMatch(/of 100 losses in a row/);
    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-type').selectOption('market');
    await page.getByTestId('replay-speed').selectOption('300');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');

    // Sized while paused, filled at the next price once it plays on: cut when that price plus the
    // slippage is above the one sized at. The replay's path decides; a whole fill is sold and tried again.
    let cut = false;
    for (let attempt = 0; attempt < 8 && !cut; attempt++) {
      await replay('paused');
      const qty = await allInQty();
      await page.getByTestId('ticket-qty').fill(qty);
      await expect.poll(previewText, { timeout: 10_000 }).toMatch(/^ok: /);
      await page.getByTestId('ticket-submit').click();
      await expect.poll(() => outcome().textContent()).toContain(` ${qty} `);
      await expect.poll(() => outcome().getAttribute('data-status')).toMatch(/^(new|accepted)$/);
      if (attempt === 0) await page.screenshot({ path: '/tmp/keel-cash-cut-sent.png' });
      await page.getByTestId('dock-tab-fills').click();
      const fills = await page.getByTestId('fill-row').count();
      await replay('playing');
      await expect.poll(() => page.getByTestId('fill-row').count(), { timeout: 15_000 }).toBeGreaterThan(fills);
      await page.screenshot({ path: `/tmp/keel-cash-cut-resolved-${attempt}.png` });
      // The order resolves on the ticket: filled whole, or what was bought and why not the rest.
      await expect.poll(() => outcome().getAttribute('data-kind'), { timeout: 15_000 }).toMatch(/^(placed|expired)$/);
      await expect.poll(() => outcome().getAttribute('data-status'), { timeout: 15_000 }).toMatch(/^(filled|expired)$/);
      await expectAvblNotNegative();
      if ((await outcome().getAttribute('data-status')) === 'expired') {
        cut = true;
        const text = (await outcome().textContent()) ?? '';
        expect(text).toMatch(new RegExp(`^(Bought [\\d.]+ of ${qty.replace('.', '\\.')} BTC at [\\d,.]+|Not bought: BUY MKT ${qty.replace('.', '\\.')} BTC/USDT)`));
        // The engine's reason, word for word: the cash covered no more at the fill price.
        expect(text).toMatch(/the free cash, [\d,.]+ USDT, covered (no more|not even .*) at the fill price [\d,.]+ \(fee included\)/);
        break;
      }
      // Filled whole: sell it back and try again.
      await closePosition();
    }
    expect(cut, 'no all-in buy was cut in 8 tries: the replay never rose past the slippage').toBe(true);
    await expectAvblNotNegative();

    // The Orders tab keeps the expired order, its reason in words, though it is no longer open.
    await page.getByTestId('dock-tab-orders').click();
    const ended = page.getByTestId('ended-order-row').first();
    await expect.poll(() => ended.getAttribute('data-status')).toBe('expired');
    expect(await page.getByTestId('ended-order-reason').first().textContent()).toMatch(/the free cash, [\d,.]+ USDT, covered/);
    expect(await page.getByTestId('open-order-count').textContent()).toBe('0');
    // The reason reads whole: it wraps onto more lines within the table, not one line running off the dock.
    const table = (await page.getByTestId('orders-blotter').locator('table').boundingBox())!;
    const reason = (await page.getByTestId('ended-order-reason').first().boundingBox())!;
    expect(reason.width).toBeLessThanOrEqual(table.width + 1);
    expect(reason.height).toBeGreaterThan(24);
    await page.getByTestId('ended-order-reason').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/keel-cash-cut-after.png' });
  });

  it("Max sizes a market buy with the fee, the slippage and the price's move left over: Max then Buy fills whole", async () => {
    await closePosition();
    await replay('paused');
    await pausedPriceShown();
    await page.getByTestId('ticket-max').click();
    const qty = (await page.getByTestId('ticket-qty').inputValue()).trim();
    expect(Number(qty)).toBeGreaterThan(0);
    await expect.poll(previewText, { timeout: 10_000 }).toMatch(/^ok: /);
    // It spends nearly all of the cash: the cost at the last price is within half a percent of it.
    const cost = Number((await page.getByTestId('preview-cost').textContent())?.replace(/,/g, ''));
    const free = Number((await avbl())?.replace(/[^\d.]/g, ''));
    expect(cost).toBeLessThanOrEqual(free);
    expect(cost / free).toBeGreaterThan(0.995);
    await page.getByTestId('ticket-submit').click();
    await expect.poll(() => outcome().getAttribute('data-status')).toMatch(/^(new|accepted)$/);
    await expect.poll(() => outcome().textContent()).toContain(` ${qty} `);
    await replay('playing');
    await expect.poll(() => outcome().getAttribute('data-status'), { timeout: 15_000 }).toBe('filled');
    expect(await outcome().textContent()).toMatch(new RegExp(`^Placed BUY MKT ${qty.replace('.', '\\.')} BTC/USDT · filled at [\\d,.]+`));
    await expectAvblNotNegative();
    await page.screenshot({ path: '/tmp/keel-cash-cut-max.png' });
  });
});
