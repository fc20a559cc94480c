// Strategies from the terminal in Chromium against `keel serve`, with real BTC/USDT minutes replayed at
// 1000x: sma-cross started from the dock's Strategies tab with small periods warms up, runs, and its
// orders and fills (ledger strategy:sma-cross) appear in the dock, each entry with its stop-loss and
// take-profit working beside it; a bad parameter or exit is refused with what is valid; the kill switch
// marks it halted; Stop removes it; "Long and short" is refused on the app's spot paper account, saying what
// would work and where to switch it; a long and short backtest's "Trade this strategy" fills the form long
// and short. The paper account switched to Margin in the Positions tab (refused while orders are open,
// saying so), its borrow rate is set beside the switch (a rate Keel does not take refused, saying what is
// valid; 10 % a year taken, which the engine's account snapshot then says), sma-cross long and short
// starts, its row says so, it goes short, its short owes borrow interest, and Spot is not offered while
// the short is held, while the risk panel shows the short's "Margin used" gauge (absent with no short). At
// the app's narrowest window the Positions toolbar wraps rather than cutting its hint, a refusal or the
// outcome short. Screenshots: /tmp/keel-strategies.png, /tmp/keel-strategies-both.png,
// /tmp/keel-account-kind.png, /tmp/keel-borrow-rate.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { createBridgeClient, type SocketLike } from '../../shared/bridge/client.ts';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../shared/bridge/protocol.ts';
import type { Account } from '../../shared/trading/orders.ts';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;
let page: Page;
let problems: string[];

// No market source at start-up (openKeel's default): the only prices are the replay's.
beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1m'] });
  ({ page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } }));
  await page.goto(keel.url);
  await page.locator('[data-testid="chart"] canvas').first().waitFor();
});

afterAll(() => keel?.close());

const row = () => page.locator('[data-testid="strategy-row"][data-id="sma-cross"]');

/** The account as the engine says it to another client (not the page's copy of it). */
async function engineAccount(): Promise<Account> {
  const socket = new WebSocket(`ws://${new URL(keel.origin).host}${BRIDGE_PATH}?${TOKEN_PARAM}=${keel.token}`, { origin: keel.origin });
  const client = createBridgeClient(socket as unknown as SocketLike);
  try {
    await client.ready;
    return await client.commands['trading.account']({});
  } finally {
    socket.close();
  }
}

describe('strategies from the dock', () => {
  it('starts sma-cross on the replay from the panel; it runs, and its orders and fills appear', async () => {
    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');

    await page.getByTestId('dock-tab-strategies').click();
    await expect.poll(() => page.getByTestId('strategy-select').locator('option').count()).toBe(6);
    await page.getByTestId('strategy-select').selectOption('sma-cross');
    // Out of range: refused on the page, with what is valid, and nothing started.
    await page.getByTestId('strategy-param-fast').fill('0');
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^fast: a whole number from 1 to 1000/);
    // fast ≥ slow: the engine's own check, worded by it.
    await page.getByTestId('strategy-param-fast').fill('9');
    await page.getByTestId('strategy-param-slow').fill('5');
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross: fast \(9\) must be smaller than slow \(5\)/);
    expect(await page.getByTestId('strategy-row').count()).toBe(0);

    // A stop-loss of 0 % is no stop: refused with what is valid.
    await page.getByTestId('strategy-param-fast').fill('2');
    await page.getByTestId('strategy-stop-loss').fill('0');
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^stop-loss 0: the stop-loss is a percent below the entry, above 0 and below 100/);
    expect(await page.getByTestId('strategy-row').count()).toBe(0);

    // Protective exits wide enough to stay working while a position is open.
    await page.getByTestId('strategy-stop-loss').fill('5');
    await page.getByTestId('strategy-take-profit').fill('5');
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross started on BTC\/USDT 1m \(paper\)/);
    expect(await row().getByTestId('strategy-params').textContent()).toBe('fast 2 · slow 5 · SL 5% TP 5%');
    // Its warm-up came from the bars the replay had played: running from the first bar it hears.
    expect(await row().locator('.strat-note').getAttribute('title')).toContain("read the last 5 closed 1m bars of BTC/USDT for its indicators' warm-up");
    await expect.poll(() => row().getAttribute('data-status'), { timeout: 20_000 }).toBe('running');
    expect(await page.getByTestId('dock-tab-strategies').textContent()).toMatch(/Strategies\s*1/);
    // Its two SMAs onto the chart beside the chart's own (EMA 20 and 50), as chart indicators; a second click adds nothing.
    const legend = () => page.getByTestId('legend-indicator').locator('.legend-title').allTextContents();
    // The replay paused meanwhile: at 1000x a losing streak's cooldown can halt the strategy between a click
    // and the look at its message, and a halt's message takes the panel's place (it must: it says why).
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    const before = await legend();
    await row().getByTestId('strategy-chart-indicators').click();
    expect(await page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross: SMA 2, SMA 5 added to the chart/);
    await expect.poll(legend).toEqual([...before, 'SMA 2', 'SMA 5']);
    await row().getByTestId('strategy-chart-indicators').click();
    expect(await page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross: SMA 2, SMA 5 already on it/);
    expect(await legend()).toEqual([...before, 'SMA 2', 'SMA 5']);
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('playing');
    // A cross comes within a few dozen bars: a position in its ledger, orders and fills in the dock.
    await expect.poll(async () => Number(await row().getAttribute('data-qty')), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/keel-strategies.png' });
    // Its status and figures read without scrolling the table sideways (its note and params are wide), clear
    // of the Chart and Stop buttons stuck at the pane's right edge.
    const pane = (await page.getByTestId('strategies-panel').boundingBox())!;
    const actions = (await row().locator('.row-actions').boundingBox())!;
    for (const id of ['strategy-status', 'strategy-position', 'strategy-upnl', 'strategy-rpnl']) {
      const cell = (await row().getByTestId(id).boundingBox())!;
      expect(cell.x + cell.width, id).toBeLessThanOrEqual(Math.min(pane.x + pane.width, actions.x));
    }
    // Each entry's bracket works at the venue while its position is open: a stop-market and a limit.
    await page.getByTestId('dock-tab-orders').click();
    await expect
      .poll(async () => [await page.locator('[data-testid="order-row"][data-type="stop-market"]').count(), await page.locator('[data-testid="order-row"][data-type="limit"]').count()], { timeout: 20_000 })
      .toEqual([1, 1]);

    await page.getByTestId('dock-tab-fills').click();
    await expect.poll(() => page.getByTestId('fill-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('fills-table').textContent()).toContain('strategy:sma-cross');
    await page.getByTestId('dock-tab-positions').click();
    await expect.poll(() => page.locator('[data-testid="position-row"][data-ledger="strategy:sma-cross"]').count()).toBe(1);
  });

  it('the kill switch marks it halted; re-armed it runs again; Stop removes it', async () => {
    await page.getByTestId('kill-button').click();
    await page.getByTestId('dock-tab-strategies').click();
    await expect.poll(() => row().getAttribute('data-status'), { timeout: 10_000 }).toBe('halted');
    expect(await row().getByTestId('strategy-status').getAttribute('title')).toMatch(/^halted: kill switch engaged/);
    // The panel's message no longer reads as the start's: it says the kill switch halted it, and why.
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross halted: kill switch engaged \(.+\); new entries are refused/);
    await page.getByTestId('rearm-button').click();
    await expect.poll(() => row().getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross is no longer halted: new entries pass again/);

    await row().getByTestId('strategy-stop').click();
    await expect.poll(() => page.getByTestId('strategy-row').count()).toBe(0);
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross stopped: by the user/);
    await page.getByTestId('replay-toggle').click();
    expect(problems).toEqual([]);
  });

  it('"Long and short" on the spot paper account is refused in the form, saying what would work; nothing starts', async () => {
    const direction = page.getByTestId('strategy-direction');
    expect(await direction.locator('option').allTextContents()).toEqual(['Long only', 'Short only', 'Long and short']);
    expect(await direction.inputValue()).toBe('long');
    await direction.selectOption({ label: 'Long and short' });
    await page.getByTestId('strategy-start').click();
    await expect
      .poll(() => page.getByTestId('strategy-message').textContent())
      .toMatch(/^sma-cross was not started: long and short needs a margin account \(shorts are sold with 1× collateral\), and the paper account is spot, which cannot go short; start it long only on paper, or long and short on a margin account\. Switch the paper account to Margin in the Positions tab \(Spot \/ Margin\)\./);
    expect(await page.getByTestId('strategy-row').count()).toBe(0);
    // Back to long only for what follows.
    await direction.selectOption('long');
    expect(problems).toEqual([]);
  });

  it("fills the start form from a finished backtest's run, for the trader to start it", async () => {
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1m', from: '2022-01-10', to: '2022-01-11', mode: 'moderate' });
    await page.getByTestId('bt-param-fast').fill('3');
    await page.getByTestId('bt-param-slow').fill('8');
    await page.getByTestId('bt-stop-loss').fill('4');
    await page.getByTestId('bt-direction').selectOption('both');
    await page.getByTestId('bt-run').click();
    const run = page.locator('[data-testid="bt-runs"] tbody tr').first();
    // A refusal would say why here, instead of a row.
    const refusal = async () => (await page.getByTestId('bt-run-error').allTextContents()).join(' ');
    await expect.poll(async () => (await refusal()) || (await run.getAttribute('data-status')), { timeout: 60_000 }).toBe('done');
    await page.getByTestId('bt-tab-trades').click();
    await page.getByTestId('bt-trades').getByTestId('bt-paper-trade').click();

    // The terminal again, its Strategies tab open and the form holding the run; nothing has started.
    await page.getByTestId('strategy-form').waitFor();
    expect(await page.getByTestId('backtest-page').count()).toBe(0);
    expect(await page.getByTestId('strategy-select').inputValue()).toBe('sma-cross');
    const boxes = ['strategy-param-fast', 'strategy-param-slow', 'strategy-stop-loss', 'strategy-trailing-stop', 'strategy-take-profit'];
    expect(await Promise.all(boxes.map((id) => page.getByTestId(id).inputValue()))).toEqual(['3', '8', '4', '', '']);
    // The run went long and short, and so does the form (which the spot paper account will refuse at Start).
    expect(await page.getByTestId('strategy-direction').inputValue()).toBe('both');
    // The run's market and timeframe: the chart's own ("chart: ..."), or chosen in the selects when the chart shows another.
    const symbol = await page.getByTestId('strategy-symbol').inputValue();
    expect(symbol === '' ? await page.getByTestId('strategy-symbol').locator('option:checked').textContent() : symbol).toMatch(/BTC\/USDT$/);
    const timeframe = await page.getByTestId('strategy-timeframe').inputValue();
    expect(timeframe === '' ? await page.getByTestId('strategy-timeframe').locator('option:checked').textContent() : timeframe).toMatch(/1m$/);
    expect(await page.getByTestId('strategy-message').textContent()).toMatch(
      /^sma-cross fast=3 slow=8 with stop-loss 4% on BTC\/USDT 1m is filled in: press Start\. The backtest ran in moderate mode; the account trades with the risk room's settings\. It trades long and short, as the backtest did: that needs a margin account\./,
    );
    expect(await page.getByTestId('strategy-row').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the paper account switched to margin', () => {
  const kindSwitch = () => page.getByTestId('account-kind');
  const lastPrice = async () => Number((await page.getByTestId('last-price').textContent())!.replace(/[^\d.]/g, ''));
  const marginGauge = () => page.getByTestId('risk-gauges').locator('li[title="margin-call"]');

  /**
   * In a 1280 × 800 window (the app's narrowest; the dock is about 510 px wide), the Positions toolbar:
   * nothing in it overflows, and each of `ids` is there to read in full, inside it, not cut short with an
   * ellipsis (the toolbar wraps onto another line instead). The window goes back to 1440 × 900 after.
   */
  async function toolbarReadsInFull(ids: readonly string[], screenshot?: string): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      const toolbar = page.getByTestId('positions-table').locator('.dock-toolbar');
      expect(await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const bar = (await toolbar.boundingBox())!;
      for (const id of ids) {
        const el = page.getByTestId(id);
        expect(await el.count(), id).toBe(1);
        expect(await el.evaluate((e) => [e.scrollWidth <= e.clientWidth, e.scrollHeight <= e.clientHeight]), id).toEqual([true, true]);
        const box = (await el.boundingBox())!;
        expect(box.x, id).toBeGreaterThanOrEqual(bar.x);
        expect(box.x + box.width, id).toBeLessThanOrEqual(bar.x + bar.width);
        expect(box.y + box.height, id).toBeLessThanOrEqual(bar.y + bar.height);
      }
      // However many lines it takes, the positions' header sticks right under it.
      const th = page.getByTestId('positions-table').locator('.trade-table th').first();
      if ((await th.count()) > 0) {
        const height = await toolbar.evaluate((el) => (el as HTMLElement).offsetHeight);
        await expect.poll(() => th.evaluate((el) => getComputedStyle(el).top)).toBe(`${height}px`);
      }
      if (screenshot) await page.screenshot({ path: screenshot });
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }

  /** Places the ticket's order once the engine's preview accepts it. */
  async function placeFromTicket(t: { type: 'market' | 'limit'; qty: string; price?: string }): Promise<void> {
    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-type').selectOption(t.type);
    await page.getByTestId('ticket-qty').fill(t.qty);
    if (t.price !== undefined) await page.getByTestId('ticket-price').fill(t.price);
    const preview = page.getByTestId('ticket-preview');
    await expect.poll(async () => `${await preview.getAttribute('data-state')}: ${await preview.textContent()}`, { timeout: 10_000 }).toMatch(/^ok/);
    await page.getByTestId('ticket-submit').click();
    await expect.poll(() => page.getByTestId('ticket-outcome').getAttribute('data-kind')).toBe('placed');
  }

  // A Keel of its own, its paper account spot as the app opens it, with nothing traded yet.
  beforeAll(async () => {
    await keel.close();
    keel = await openKeel({ candles: ['btc-1m'] });
    ({ page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } }));
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
  });

  it('Margin is not offered while an order is open, and says why; once it is cancelled the switch goes through and Reverse is offered', async () => {
    await page.getByTestId('dock-tab-positions').click();
    await expect.poll(() => kindSwitch().getAttribute('data-kind')).toBe('spot');
    expect(await page.getByTestId('account-kind-tag').textContent()).toBe('Spot');
    expect(await page.getByTestId('account-kind-hint').textContent()).toBe('Spot: long only · Margin: shorts allowed, 1× collateral');
    // Spot borrows nothing: no rate to set.
    expect(await page.getByTestId('borrow-rate').count()).toBe(0);
    await toolbarReadsInFull(['account-kind-hint']);

    // A long of the user's, bought at market while the replay plays: no Reverse on spot.
    await page.getByTestId('replay-speed').selectOption('1000');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    await placeFromTicket({ type: 'market', qty: '0.01' });
    const held = page.locator('[data-testid="position-row"][data-ledger="user"]');
    await expect.poll(() => held.getAttribute('data-qty'), { timeout: 10_000 }).toBe('0.01');
    await expect.poll(() => held.getByTestId('position-reverse').isDisabled()).toBe(true);

    // Paused, a buy limit under the price rests: Margin is not offered, and the switch says why.
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).toBe('paused');
    await placeFromTicket({ type: 'limit', qty: '0.01', price: String(Math.round((await lastPrice()) * 0.97)) });
    const margin = page.getByTestId('account-kind-margin');
    await expect.poll(() => margin.isDisabled()).toBe(true);
    expect(await page.getByTestId('account-kind-reason').textContent()).toBe('Margin unavailable: the paper account cannot switch to margin with 1 open order; cancel it first');
    await toolbarReadsInFull(['account-kind-reason']);
    expect(await margin.getAttribute('title')).toBe('the paper account cannot switch to margin with 1 open order; cancel it first');

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('dock-tab-orders').click();
    await page.getByTestId('cancel-all').click();
    await expect.poll(() => page.getByTestId('order-row').count()).toBe(0);
    await page.getByTestId('dock-tab-positions').click();
    await expect.poll(() => margin.isDisabled()).toBe(false);
    expect(await page.getByTestId('account-kind-hint').count()).toBe(1);

    await margin.click();
    await expect.poll(() => page.getByTestId('account-kind-message').textContent()).toMatch(/^The paper account is margin now: shorts allowed, 1× collateral/);
    expect(await kindSwitch().getAttribute('data-kind')).toBe('margin');
    expect(await page.getByTestId('account-kind-tag').textContent()).toBe('Margin');
    // The positions table reads the kind too: a long on a margin account can be reversed.
    await expect.poll(() => held.getByTestId('position-reverse').isDisabled()).toBe(false);
    // On margin the borrow rate takes the hint's place (each button's tooltip says what its kind means).
    expect(await page.getByTestId('account-kind-hint').count()).toBe(0);
    await toolbarReadsInFull(['account-kind-message']);
    // A long owes nothing: no margin is used, so the risk panel has no "Margin used" gauge.
    await expect.poll(() => page.getByTestId('risk-gauges').locator('li').count()).toBeGreaterThanOrEqual(10);
    expect(await marginGauge().count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("sets the margin account's borrow rate beside the switch: a rate Keel does not take is refused, 10 % a year is the engine's", async () => {
    const box = page.getByTestId('borrow-rate');
    const field = page.getByTestId('borrow-rate-field');
    const message = page.getByTestId('account-kind-message');
    expect(await box.inputValue()).toBe('0');
    expect(await field.getAttribute('data-rate')).toBe('0');
    expect(await page.getByTestId('borrow-rate-set').isDisabled()).toBe(true);

    await box.fill('2000');
    await page.getByTestId('borrow-rate-set').click();
    await expect.poll(() => message.getAttribute('data-kind')).toBe('error');
    expect(await message.textContent()).toMatch(/^Borrow rate refused: invalid_request the borrow rate "2000" is not a rate Keel takes; give percent a year, from 0 to 1000 \(5 is 5% a year, 0\.01% a day is 3\.65\)/);
    expect((await engineAccount()).borrowRatePct).toBe('0');

    // Enter sets it, as Set does.
    await box.fill('10');
    await box.press('Enter');
    await expect.poll(() => message.textContent()).toMatch(/^The paper account's shorts pay 10% a year on what they borrow now/);
    expect(await message.getAttribute('data-kind')).toBe('ok');
    await expect.poll(() => field.getAttribute('data-rate')).toBe('10');
    expect(await box.inputValue()).toBe('10');
    expect((await engineAccount()).borrowRatePct).toBe('10');
    expect(await page.getByTestId('account-kind-tag').getAttribute('title')).toMatch(/^The paper account is margin: shorts allowed, 1× collateral, borrowing at 10% a year\./);

    // At the app's narrowest width the toolbar keeps the switch, the rate and its Set button in view, and
    // the outcome reads in full (on a line of its own), as does a refusal, which is longer.
    await toolbarReadsInFull(['account-kind', 'borrow-rate-field', 'borrow-rate-set', 'account-kind-message'], '/tmp/keel-borrow-rate.png');
    await box.fill('2000');
    await box.press('Enter');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('error');
    await toolbarReadsInFull(['borrow-rate-set', 'account-kind-message']);
    // Escape puts the account's rate back in the box; the refusal is dismissed.
    await box.press('Escape');
    await expect.poll(() => box.inputValue()).toBe('10');
    expect((await engineAccount()).borrowRatePct).toBe('10');
    await message.getByRole('button', { name: 'Dismiss' }).click();
    expect(await message.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('starts sma-cross long and short from the form; its row says so, it goes short, and Spot is not offered while the short is held', async () => {
    // 300x (a bar in 200 ms): a short of a bar or two outlasts the pause's round trip on a busy machine, as
    // at 1000x it did not always.
    await page.getByTestId('replay-speed').selectOption('300');
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('replay-status').getAttribute('data-status')).not.toBe('paused');
    await page.getByTestId('dock-tab-strategies').click();
    await expect.poll(() => page.getByTestId('strategy-select').locator('option').count()).toBe(6);
    await page.getByTestId('strategy-select').selectOption('sma-cross');
    await page.getByTestId('strategy-param-fast').fill('2');
    await page.getByTestId('strategy-param-slow').fill('5');
    for (const id of ['strategy-stop-loss', 'strategy-take-profit', 'strategy-trailing-stop']) await page.getByTestId(id).fill('');
    await page.getByTestId('strategy-direction').selectOption({ label: 'Long and short' });
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-message').textContent()).toMatch(/^sma-cross started on BTC\/USDT 1m \(paper\)/);
    expect(await row().getAttribute('data-direction')).toBe('both');
    expect(await row().getByTestId('strategy-row-direction').textContent()).toBe('long+short');
    expect(await row().locator('td').first().getAttribute('title')).toMatch(/· paper · long and short · /);
    // A bearish cross comes within a few dozen bars: its ledger holds a short. Paused while it is short
    // (a cross may still come before the pause does: then it plays on to the next short).
    const status = () => page.getByTestId('replay-status').getAttribute('data-status');
    for (let tries = 0; ; tries++) {
      await expect.poll(async () => Number(await row().getAttribute('data-qty')), { timeout: 30_000 }).toBeLessThan(0);
      await page.getByTestId('replay-toggle').click();
      await expect.poll(status).toBe('paused');
      await page.waitForTimeout(300);
      if (Number(await row().getAttribute('data-qty')) < 0) break;
      expect(tries).toBeLessThan(10);
      await page.getByTestId('replay-toggle').click();
      await expect.poll(status).not.toBe('paused');
    }
    await page.screenshot({ path: '/tmp/keel-strategies-both.png' });
    await row().getByTestId('strategy-stop').click();
    await expect.poll(() => page.getByTestId('strategy-row').count()).toBe(0);
    // An order it placed just before it stopped (a buy-back at the next bar's open) would close the short once
    // market time plays on below, and with it the interest this test reads: it is cancelled first.
    await page.getByTestId('dock-tab-orders').click();
    if ((await page.getByTestId('order-row').count()) > 0) {
      page.once('dialog', (d) => void d.accept());
      await page.getByTestId('cancel-all').click();
      await expect.poll(() => page.getByTestId('order-row').count()).toBe(0);
    }

    // The short stays after the strategy stops: Spot is not offered, and the switch says why.
    await page.getByTestId('dock-tab-positions').click();
    const short = page.locator('[data-testid="position-row"][data-ledger="strategy:sma-cross"]');
    await expect.poll(() => short.getAttribute('data-qty')).toMatch(/^-/);
    // Borrowed at 10 % a year, the short owes interest from the time it was sold: its P&L's tooltip and the account line say so.
    // Market time plays on until it owes some (the pause may have come at the very tick it was sold, when it
    // owes nothing yet; a fixed moment of play was sometimes no tick at all on a busy machine).
    await page.getByTestId('replay-toggle').click();
    await expect.poll(status).not.toBe('paused');
    const upnl = short.getByTestId('position-upnl');
    await expect.poll(async () => Number((await upnl.getAttribute('data-interest-owed')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('replay-toggle').click();
    await expect.poll(status).toBe('paused');
    expect(await upnl.getAttribute('title')).toMatch(/^Unrealized P&L; the short owes [\d.,]+ USDT of borrow interest so far, paid when it is bought back$/);
    expect(await page.getByTestId('account-interest').textContent()).toMatch(/([\d.,]+ paid · )?[\d.,]+ owed$/);
    expect(await short.getByTestId('position-reverse').isDisabled()).toBe(false);
    expect(await page.getByTestId('account-kind-spot').isDisabled()).toBe(true);
    expect(await page.getByTestId('account-kind-reason').textContent()).toMatch(
      /^Spot unavailable: the paper account cannot switch to spot (with \d+ open orders?; cancel (it|them) first|while it holds a short \(strategy:sma-cross BTC\/USDT -[\d.]+\); buy it back first)$/,
    );
    await toolbarReadsInFull(['account-kind-reason']);
    // The short owes its buy-back value: the risk panel shows how much of the margin it uses, and the
    // level at which every position is closed.
    await expect.poll(() => marginGauge().count(), { timeout: 10_000 }).toBe(1);
    expect(await marginGauge().locator('.risk-gauge-label').textContent()).toBe('Margin used');
    expect(await marginGauge().locator('.risk-gauge-text').textContent()).toMatch(/^margin level [\d.]+; every position is closed at 1\.1$/);
    await page.screenshot({ path: '/tmp/keel-account-kind.png' });
    expect(problems).toEqual([]);
  });
});
