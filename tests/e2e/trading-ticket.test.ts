// Trading from the terminal in Chromium against `keel serve`, with real BTC/USDT minutes replayed at
// 1000x: a market buy from the ticket fills and opens a position whose P&L moves with the replay; a
// limit order rests in the blotter (and on the chart), is modified and cancelled; a bracket sized by
// risk % carries its stop-loss and take-profit; a wrong quantity is refused and nothing is sent; the
// keyboard shortcuts trade and cancel, but not while typing. Screenshots go to /tmp/keel-trading-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ceilTo, dec, floorTo, format, mul } from '../../shared/trading/decimal.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;
let page: Page;
let problems: string[];

// No market source at start-up (openKeel's default: no network, no simulated market): the only prices are the replay's.
beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
  ({ page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } }));
});

afterAll(() => keel?.close());

/** The number a cell starts with: "2,347.85 USDT" → 2347.85, "+12.30" → 12.3. */
const num = (text: string | null) => parseFloat((text ?? '').replace(/[,+\s]/g, ''));
const lastPrice = async () => num(await page.getByTestId('last-price').textContent());
const rows = (testId: string) => page.getByTestId(testId);
const tab = (name: 'positions' | 'orders' | 'fills') => page.getByTestId(`dock-tab-${name}`).click();
const previewState = () => page.getByTestId('ticket-preview').getAttribute('data-state');
/** "ok", or the state and what the preview says (so a failure shows the reason). */
const previewOk = async () => {
  const state = await previewState();
  return state === 'ok' ? 'ok' : `${state}: ${await page.getByTestId('ticket-preview').textContent()}`;
};

/** Sets the ticket's type and boxes; leaves the rest as it was. */
async function fillTicket(t: { side?: 'buy' | 'sell'; type?: string; sizing?: 'qty' | 'risk'; qty?: string; price?: string; stopLoss?: string; takeProfit?: string; tag?: string }) {
  if (t.sizing) await page.getByTestId('ticket-sizing').locator(`[data-value="${t.sizing}"]`).click();
  if (t.side) await page.getByTestId(`ticket-side-${t.side}`).click();
  if (t.type) await page.getByTestId('ticket-type').selectOption(t.type);
  if (t.qty !== undefined) await page.getByTestId('ticket-qty').fill(t.qty);
  if (t.price !== undefined) await page.getByTestId('ticket-price').fill(t.price);
  if (t.stopLoss !== undefined) await page.getByTestId('ticket-stop-loss').fill(t.stopLoss);
  if (t.takeProfit !== undefined) await page.getByTestId('ticket-take-profit').fill(t.takeProfit);
  if (t.tag !== undefined) await page.getByTestId('ticket-tag').fill(t.tag);
}

/** Submits once the engine's preview accepts the order; resolves with the outcome line's text. */
async function submit(): Promise<string> {
  await expect.poll(previewOk, { timeout: 10_000 }).toBe('ok');
  const outcome = page.getByTestId('ticket-outcome');
  const before = (await outcome.count()) > 0 ? await outcome.textContent() : null;
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByTestId('ticket-outcome').getAttribute('data-kind')).toBe('placed');
  await expect.poll(() => page.getByTestId('ticket-outcome').textContent()).not.toBe(before);
  return (await page.getByTestId('ticket-outcome').textContent()) ?? '';
}

describe('trading from the terminal', () => {
  it('places a market buy: the fill is listed, the position opens and its P&L moves with the replay', async () => {
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('order-ticket').getByTestId('ticket-mode').textContent()).toBe('PAPER');
    await expect.poll(() => page.title()).toBe('BTC/USDT · Keel · PAPER');
    await expect.poll(() => page.getByTestId('account-equity').textContent()).toBe('10,000.00');

    // Before any replay the engine has no price: the preview says so rather than guessing.
    await fillTicket({ type: 'market', qty: '0.05', tag: 'first entry' });
    await expect.poll(previewState).toBe('refused');
    expect(await page.getByTestId('ticket-preview').textContent()).toMatch(/no market price for BTC\/USDT yet/);

    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');

    // The preview: 0.05 × the last price, the taker fee, the cost.
    await expect.poll(previewOk, { timeout: 10_000 }).toBe('ok');
    const notional = num(await page.getByTestId('preview-notional').textContent());
    expect(notional / 0.05).toBeGreaterThan(30_000);
    expect(notional / 0.05).toBeLessThan(60_000);
    // Sized at the replay's price, the one on the chart.
    expect(Math.abs(num(await page.getByTestId('preview-price').textContent()) / (await lastPrice()) - 1)).toBeLessThan(0.01);
    expect(await page.getByTestId('ticket-submit').textContent()).toBe('Buy 0.05 BTC');

    expect(await submit()).toMatch(/^Placed BUY MKT 0\.05 BTC\/USDT/);

    await tab('fills');
    await expect.poll(() => rows('fill-row').count(), { timeout: 10_000 }).toBe(1);
    const fill = rows('fill-row').first();
    expect(await fill.getAttribute('data-side')).toBe('buy');
    expect(await fill.getByTestId('fill-qty').textContent()).toBe('0.05');
    expect(num(await fill.getByTestId('fill-price').textContent())).toBeGreaterThan(30_000);
    // The fill says why its order was placed: the tag typed on the ticket.
    expect(await fill.getByTestId('fill-tag').textContent()).toBe('first entry');

    await tab('positions');
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-ledger="user"]');
    await expect.poll(() => position.getByTestId('position-qty').textContent()).toBe('0.05');
    // The mark and the unrealized P&L follow the replay.
    const firstPnl = await position.getByTestId('position-upnl').textContent();
    const firstMark = await position.getByTestId('position-mark').textContent();
    await expect.poll(() => position.getByTestId('position-mark').textContent(), { timeout: 15_000 }).not.toBe(firstMark);
    await expect.poll(() => position.getByTestId('position-upnl').textContent(), { timeout: 15_000 }).not.toBe(firstPnl);
    expect(await position.getByTestId('position-upnl').getAttribute('class')).toMatch(/pnl-(up|down|flat)/);
    await expect.poll(() => page.getByTestId('account-equity').textContent()).not.toBe('10,000.00');
    await page.screenshot({ path: '/tmp/keel-trading-market.png' });
  });

  it('rests a limit order in the blotter (with the tag typed for it) and on the chart, modifies it and cancels it', async () => {
    // Paused, so the order rests close to the price (its line in view on the chart) without filling.
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    const last = await lastPrice();
    const price = String(Math.round(last * 0.998));
    // A tag that is not one is refused on its box, and nothing is sent until it is mended.
    await fillTicket({ side: 'buy', type: 'limit', qty: '0.02', price, tag: 'dip;buy' });
    await expect.poll(() => page.getByTestId('ticket-tag').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('ticket-submit').isDisabled()).toBe(true);
    await fillTicket({ tag: 'dip buy' });
    expect(await submit()).toContain(`BUY LMT 0.02 BTC/USDT @ ${Number(price).toLocaleString('en-US')}.00`);

    await tab('orders');
    await expect.poll(() => rows('order-row').count()).toBe(1);
    const order = rows('order-row').first();
    const id = await order.getAttribute('data-order-id');
    expect(await order.getAttribute('data-type')).toBe('limit');
    expect(await order.getByTestId('order-qty').textContent()).toBe('0.02');
    expect(num(await order.getByTestId('order-price').textContent())).toBe(Number(price));
    expect(await order.getByTestId('order-tag').textContent()).toBe('dip buy');
    await page.screenshot({ path: '/tmp/keel-trading-limit.png' });
    await fillTicket({ tag: '' });

    // Inline edit: a lower price and a larger quantity, saved with Enter.
    const lower = String(Math.round(last * 0.997));
    await order.getByTestId('order-edit').click();
    await order.getByTestId('edit-qty').fill('0.03');
    await order.getByTestId('edit-price').fill(lower);
    await order.getByTestId('edit-price').press('Enter');
    await expect.poll(() => order.getByTestId('order-price').textContent()).toBe(`${Number(lower).toLocaleString('en-US')}.00`);
    expect(await order.getByTestId('order-qty').textContent()).toBe('0.03');
    expect(await order.getAttribute('data-order-id')).toBe(id);
    await expect.poll(() => page.getByTestId('blotter-message').textContent()).toMatch(/^Modified buy LMT BTC\/USDT/);

    // A modification the engine refuses leaves the order as it was and says why.
    await order.getByTestId('order-edit').click();
    await order.getByTestId('edit-qty').fill('0.000001');
    await order.getByTestId('order-save').click();
    await expect.poll(() => page.getByTestId('blotter-message').getAttribute('data-kind')).toBe('error');
    expect(await page.getByTestId('blotter-message').textContent()).toMatch(/Modify failed: (invalid_request|conflict)/);
    await order.getByTestId('edit-qty').press('Escape');
    expect(await order.getByTestId('order-qty').textContent()).toBe('0.03');

    await order.getByTestId('order-cancel').click();
    await expect.poll(() => rows('order-row').count()).toBe(0);
    await expect.poll(() => page.getByTestId('blotter-message').textContent()).toMatch(/^Cancelled buy LMT 0\.03 BTC\/USDT/);
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('playing');
  });

  it("puts a bracket's legs in percent of the fill: the stop and target are set from the price the entry filled at", async () => {
    await fillTicket({ type: 'market', sizing: 'qty', qty: '0.01', stopLoss: '5%', takeProfit: '5%' });
    expect(await submit()).toMatch(/^Placed BUY MKT 0\.01 BTC\/USDT/);
    await tab('orders');
    const stop = page.locator('[data-testid="order-row"][data-type="stop-market"][data-status="accepted"]');
    const target = page.locator('[data-testid="order-row"][data-type="limit"][data-status="accepted"]');
    await expect.poll(() => stop.count(), { timeout: 15_000 }).toBe(1);
    await tab('fills');
    const fill = dec((await page.locator('[data-testid="fill-row"][data-side="buy"]').first().getByTestId('fill-price').getAttribute('data-value'))!);
    await tab('orders');
    // 5 % under and over the fill, on the 0.01 tick away from it.
    const tick = dec('0.01');
    expect(await stop.getByTestId('order-trigger').getAttribute('data-value')).toBe(format(floorTo(fill - mul(fill, dec('0.05')), tick)));
    expect(await target.getByTestId('order-price').getAttribute('data-value')).toBe(format(ceilTo(fill + mul(fill, dec('0.05')), tick)));
    // Cancelled again, so the next test's bracket is the only one open.
    for (const leg of [target, stop]) await leg.getByTestId('order-cancel').click();
    await expect.poll(() => rows('order-row').count(), { timeout: 10_000 }).toBe(0);
  });

  it('sizes a bracket by risk %: the entry fills and its stop-loss and take-profit wait in the blotter', async () => {
    // A buy limit a little above the market fills at once, and its entry (the limit) is known exactly.
    // The legs are wide enough that the replay does not reach either while the test looks.
    const last = await lastPrice();
    await fillTicket({ type: 'limit', sizing: 'risk', price: String(Math.round(last * 1.002)), stopLoss: String(Math.round(last * 0.95)), takeProfit: String(Math.round(last * 1.05)) });
    await page.getByTestId('ticket-risk-pct').fill('1');
    // 1% of about 10,000 over a ~5% stop distance: roughly 0.04 BTC, fees counted.
    await expect.poll(() => page.getByTestId('ticket-sized-qty').textContent()).toMatch(/^0\.0\d+ BTC · risks [\d.,]+ of [\d.,]+ USDT$/);
    // The engine's risk to stop (both fees included) is within the budget, and less than a step under it:
    // the sizing rounds to the market's step and counts its taker fee, both from trading.rules.
    const riskWithinBudget = async () => {
      if ((await previewOk()) !== 'ok') return 'no preview';
      const budget = num((await page.getByTestId('ticket-sized-qty').textContent())!.split(' of ')[1]!);
      const risk = num(await page.getByTestId('preview-risk').textContent());
      return risk <= budget && risk > budget - 1 ? 'within' : `risk ${risk} for a budget of ${budget}`;
    };
    await expect.poll(riskWithinBudget, { timeout: 10_000 }).toBe('within');
    expect(await page.getByTestId('preview-risk').textContent()).toMatch(/\(\d\.\d\d%\)$/);

    expect(await submit()).toMatch(/^Placed BUY LMT 0\.0\d+ BTC\/USDT/);
    await tab('orders');
    await expect.poll(() => rows('order-row').count(), { timeout: 15_000 }).toBe(2);
    expect((await page.locator('[data-testid="order-row"][data-type="stop-market"]').textContent()) ?? '').toContain('SL');
    expect((await page.locator('[data-testid="order-row"][data-type="limit"]').textContent()) ?? '').toContain('TP');
    await page.screenshot({ path: '/tmp/keel-trading-bracket.png' });
  });

  it('refuses a quantity off the step, shows why, and sends nothing', async () => {
    // Paused, so the bracket's legs cannot fill while the counts are compared.
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    await tab('orders');
    const openBefore = await rows('order-row').count();
    const fillsBefore = num(await page.getByTestId('dock-tab-fills').locator('.tab-count').textContent());

    await fillTicket({ type: 'limit', sizing: 'qty', stopLoss: '', takeProfit: '', qty: '0.000001', price: String(Math.round((await lastPrice()) * 0.95)) });
    await expect.poll(previewState, { timeout: 10_000 }).toBe('refused');
    expect(await page.getByTestId('ticket-preview').textContent()).toMatch(/qty 0\.000001 is .*the step size 0\.00001 for BTC\/USDT/);
    expect(await page.getByTestId('ticket-submit').isDisabled()).toBe(true);
    await page.getByTestId('ticket-qty').press('Enter');

    await fillTicket({ qty: 'abc' });
    await expect.poll(previewState).toBe('invalid');
    expect(await page.getByTestId('ticket-preview').textContent()).toBe('Quantity must be a number greater than 0, like 0.015');
    expect(await page.getByTestId('ticket-qty').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('ticket-qty').press('Enter');
    await page.screenshot({ path: '/tmp/keel-trading-refused.png' });

    await page.waitForTimeout(1000);
    expect(await rows('order-row').count()).toBe(openBefore);
    expect(num(await page.getByTestId('dock-tab-fills').locator('.tab-count').textContent())).toBe(fillsBefore);
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('playing');
  });

  it('trades from the keyboard, never while typing, and cancels all after asking', async () => {
    await fillTicket({ type: 'market', qty: '0.01' });
    const fills = () => page.getByTestId('dock-tab-fills').locator('.tab-count').textContent().then(num);
    const before = await fills();

    // Shift+S typed into the quantity box is text, not a sell.
    await page.getByTestId('ticket-qty').press('Shift+S');
    expect(await page.getByTestId('ticket-qty').inputValue()).toBe('0.01S');
    await page.getByTestId('ticket-qty').fill('0.01');
    await page.waitForTimeout(500);
    expect(await fills()).toBe(before);

    // Off the boxes, Shift+S sells 0.01 of the position.
    await page.getByTestId('ticket-symbol').click();
    await expect.poll(previewOk, { timeout: 10_000 }).toBe('ok');
    await page.keyboard.press('Shift+S');
    await expect.poll(() => page.getByTestId('ticket-outcome').textContent()).toMatch(/^Placed SELL MKT 0\.01 BTC\/USDT/);
    await expect.poll(fills, { timeout: 10_000 }).toBe(before + 1);
    expect(await page.getByTestId('ticket-side-sell').getAttribute('aria-checked')).toBe('true');

    // Two more resting orders far below the market, then Shift+X: it asks how many it will cancel;
    // no keeps them, yes cancels them all.
    const last = await lastPrice();
    await fillTicket({ side: 'buy', type: 'limit', qty: '0.01', price: String(Math.round(last * 0.93)) });
    await submit();
    await fillTicket({ price: String(Math.round(last * 0.92)) });
    await submit();
    await page.getByTestId('ticket-symbol').click();
    await tab('orders');
    await expect.poll(() => rows('order-row').count()).toBeGreaterThanOrEqual(2);
    const open = await rows('order-row').count();
    const questions: string[] = [];
    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await page.keyboard.press('Shift+X');
    await expect.poll(() => questions).toEqual([`Cancel ${open} open orders?`]);
    expect(await rows('order-row').count()).toBe(open);
    page.once('dialog', (d) => void d.accept());
    await page.keyboard.press('Shift+X');
    await expect.poll(() => rows('order-row').count()).toBe(0);
    await expect.poll(() => page.getByTestId('blotter-message').textContent()).toMatch(new RegExp(`^Cancelled ${open} open orders`));

    // The help lists the keys.
    await page.getByTestId('shortcut-help').hover();
    expect(await page.getByTestId('shortcut-help').textContent()).toMatch(/Shift\+B.*Shift\+S.*Shift\+X/);
    expect(await page.locator('.shortcut-tip').isVisible()).toBe(true);
    const ticket = (await page.getByTestId('order-ticket').boundingBox())!;
    await page.screenshot({ path: '/tmp/keel-trading-shortcuts.png', clip: { x: ticket.x - 120, y: ticket.y, width: ticket.width + 120, height: 220 } });
    await tab('positions');
    await page.screenshot({ path: '/tmp/keel-trading-positions.png' });
    expect(problems).toEqual([]);
  });

  it('closes the position from the panel; Reverse is not offered on a spot account, and says why', async () => {
    await tab('positions');
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-ledger="user"]');
    expect(num(await position.getByTestId('position-qty').textContent())).toBeGreaterThan(0);

    // trading.rules says the paper account is spot: Reverse is disabled, its tooltip says why.
    await expect.poll(() => position.getByTestId('position-reverse').isDisabled()).toBe(true);
    expect(await position.getByTestId('position-reverse').getAttribute('title')).toMatch(/^Reverse needs a margin account: paper is a spot account, which cannot go short/);

    const fillsBefore = num(await page.getByTestId('dock-tab-fills').locator('.tab-count').textContent());
    await position.getByTestId('position-close').click();
    await expect.poll(() => page.getByTestId('positions-message').textContent()).toMatch(/^Close BTC\/USDT \(user\) sent at market/);
    await expect.poll(() => position.getAttribute('data-qty'), { timeout: 10_000 }).toMatch(/^0(\.0+)?$/);
    expect(await position.getByTestId('position-close').isDisabled()).toBe(true);
    expect(num(await page.getByTestId('dock-tab-fills').locator('.tab-count').textContent())).toBe(fillsBefore + 1);
    // Flat: no unrealized P&L left; the realized P&L of the round trips stays on the row, in colour.
    expect(await position.getByTestId('position-upnl').textContent()).toBe('0.00');
    expect(await position.getByTestId('position-rpnl').getAttribute('class')).toMatch(/pnl-(up|down)/);
    expect(await page.getByTestId('account-upnl').textContent()).toBe('0.00');
    // The account line says what that 0.00 is (Open), and beside it the round trips' P&L after fees (Net),
    // in colour and in full at 1440 px: it was cut off past the dock's edge, leaving "P&L 0.00" alone.
    const summary = page.getByTestId('account-summary');
    expect(await summary.locator('.acct-label').allTextContents()).toEqual(expect.arrayContaining(['Open', 'Net']));
    expect(await page.getByTestId('account-net').getAttribute('class')).toMatch(/pnl-(up|down)/);
    await page.getByTestId('trading-dock').screenshot({ path: '/tmp/keel-account-line.png' });
    expect(await summary.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(problems).toEqual([]);
  });
});
