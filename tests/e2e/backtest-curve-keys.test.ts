// A trader compares fifteen runs on a 1366 × 768 laptop and reads the equity chart: every run's key above
// it (its colour, its name, its market) is in view at once, none cut off and none a scroll away. The key
// scrolled past three lines, so from the fourth run on a trader could not tell which colour was which
// without scrolling it. Each run is a line of its own (from the seventh on, a colour again, dashed, then
// dotted), and the runs' end labels stay inside their chart's pane, the crowded ones left off where the
// 120 px drawdown pane cannot hold fifteen. The charts still fit the results column under it. Screenshots:
// /tmp/keel-bt-curve-keys*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

const LAPTOP = { width: 1366, height: 768 };

const runs = (page: Page) => page.locator('[data-testid="bt-runs"] tbody tr[data-run-id]');

/**
 * What of the key cannot be read, as words (none when all can): a key that scrolls, an entry outside it or
 * outside the window, an entry whose text is cut off, two entries over one another, text under 11 px.
 */
const unreadable = (page: Page) =>
  page.getByTestId('bt-curve-keys').evaluate((ul) => {
    const out: string[] = [];
    if (ul.scrollHeight > ul.clientHeight + 1) out.push(`the key scrolls: ${ul.scrollHeight - ul.clientHeight} px of it out of sight`);
    if (ul.scrollWidth > ul.clientWidth + 1) out.push(`the key is ${ul.scrollWidth - ul.clientWidth} px too wide`);
    const box = ul.getBoundingClientRect();
    const items = [...ul.querySelectorAll('li')];
    const boxes = items.map((li) => li.getBoundingClientRect());
    items.forEach((li, i) => {
      const r = boxes[i]!;
      const name = li.getAttribute('data-run-id') ?? li.textContent;
      if (r.width === 0 || r.height === 0) out.push(`${name}: not shown`);
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push(`${name}: outside the key`);
      if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth) out.push(`${name}: outside the window`);
      if (li.scrollWidth > li.clientWidth + 1) out.push(`${name}: its text cut off`);
      if (parseFloat(getComputedStyle(li).fontSize) < 11) out.push(`${name}: text under 11 px`);
      for (let j = 0; j < i; j++) {
        const o = boxes[j]!;
        if (r.left < o.right - 0.5 && o.left < r.right - 0.5 && r.top < o.bottom - 0.5 && o.top < r.bottom - 0.5) out.push(`${name} over ${items[j]!.getAttribute('data-run-id') ?? items[j]!.textContent}`);
      }
    });
    return out;
  });

/**
 * The end labels (equity and drawdown) that leave their chart's pane (the chart less its time axis) or lie
 * over another, as words: none when every one is inside.
 */
const labelsOutside = (page: Page) =>
  page.locator('.bt-chart-eq').evaluateAll((panes) =>
    panes.flatMap((pane) => {
      const chart = pane.querySelector('.bt-chart')!;
      // lightweight-charts lays a chart out as a table: the first row is the pane, the last the time axis.
      const paneBox = chart.querySelector('table tr')!.getBoundingClientRect();
      const labels = [...pane.querySelectorAll('.bt-end-label')].map((l) => ({ id: l.getAttribute('data-run-id'), box: l.getBoundingClientRect() }));
      const which = chart.classList.contains('bt-chart-dd') ? 'drawdown' : 'equity';
      const out: string[] = [];
      labels.forEach(({ id, box }, i) => {
        if (box.top < paneBox.top - 0.5 || box.bottom > paneBox.bottom + 0.5) out.push(`${which} ${id}: ${Math.round(box.top - paneBox.top)}..${Math.round(box.bottom - paneBox.top)} px in a ${Math.round(paneBox.height)} px pane`);
        for (const o of labels.slice(0, i)) if (box.top < o.box.bottom - 0.5 && o.box.top < box.bottom - 0.5) out.push(`${which} ${id} over ${o.id}`);
      });
      return out;
    }),
  );

describe('the curve key of fifteen runs on a laptop', () => {
  it('shows every run\'s key at once, none cut off, with the charts still in the column', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: LAPTOP });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: '2021-01-01', to: '2021-02-28', mode: 'moderate' });
    // Five strategies in three modes: fifteen runs from one click.
    for (const s of ['ema-cross', 'rsi-reversion', 'bollinger-reversion', 'donchian-breakout']) await page.getByTestId(`bt-compare-strategy-${s}`).check();
    for (const m of ['conservative', 'aggressive']) await page.getByTestId(`bt-compare-mode-${m}`).check();
    await page.getByTestId('bt-run').click();
    await expect.poll(() => runs(page).count()).toBe(15);
    await expect.poll(() => page.locator('[data-testid="bt-runs"] tbody tr[data-status="done"]').count(), { timeout: 180_000 }).toBe(15);
    await page.getByTestId('bt-tab-curves').click();

    // Five, then all fifteen drawn.
    for (const n of [5, 15]) {
      const boxes = runs(page).locator('input[type=checkbox]');
      for (const [i, box] of (await boxes.all()).entries()) await box.setChecked(i < n);
      await expect.poll(() => page.getByTestId('bt-charts').getAttribute('data-shown')).toBe(String(n));
      const keys = page.locator('[data-testid="bt-curve-keys"] li[data-run-id]');
      await expect.poll(() => keys.count()).toBe(n);
      await expect.poll(() => unreadable(page), { message: `${n} runs drawn` }).toEqual([]);
      await page.screenshot({ path: `/tmp/keel-bt-curve-keys-${n}.png` });
      // Each names its run as the table does; their one market said once, ahead of them.
      for (const key of await keys.all()) {
        const row = page.locator(`[data-testid="bt-runs"] tr[data-run-id="${await key.getAttribute('data-run-id')}"]`);
        expect(await key.textContent()).toBe(await row.locator('td.bt-label').textContent());
      }
      expect(await page.getByTestId('bt-curve-keys-market').textContent()).toBe('all on BTC/USDT 1h:');
      // The charts under it keep their room: neither under its least height.
      const heights = await page.locator('[data-testid="bt-charts"] .bt-chart').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().height));
      expect(heights.every((h) => h >= 119.5)).toBe(true);
      // The drawdown chart's bottom in sight, the key's lines taken from the runs table above (its rows scroll).
      const [chartsBottom, columnBottom] = await page.locator('.bt-main').evaluate((m) => [m.querySelector('.bt-chart-dd')!.getBoundingClientRect().bottom, m.getBoundingClientRect().bottom]);
      expect(chartsBottom).toBeLessThanOrEqual(columnBottom!);
      // Every run drawn is a line of its own: no two keys share a colour and a stroke (run 7 is run 1's colour, dashed).
      const looks = await keys.evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-stroke')} ${getComputedStyle(li.querySelector('i')!).backgroundImage} ${getComputedStyle(li.querySelector('i')!).backgroundColor}`));
      expect(new Set(looks).size).toBe(n);
      // Every end label inside its chart's pane (the drawdown's 120 px held fifteen labels' worth past its bottom),
      // none over another; the key still names every run.
      await expect.poll(() => labelsOutside(page), { message: `${n} runs drawn` }).toEqual([]);
      await expect.poll(() => page.locator('[data-testid="bt-end-labels"] .bt-end-label').count()).toBeGreaterThan(0);
      // Each label as its line: no two kept labels of one colour look alike (run 7's is outlined dashed, run 1's filled).
      const labelLooks = await page.locator('[data-testid="bt-end-labels"] .bt-end-label').evaluateAll((ls) => ls.map((l) => `${getComputedStyle(l).backgroundColor} ${getComputedStyle(l).borderTopStyle} ${getComputedStyle(l).borderTopColor} ${getComputedStyle(l).color}`));
      expect(new Set(labelLooks).size).toBe(labelLooks.length);
      // Five drawn: nothing in the column scrolls.
      if (n === 5) expect(await page.locator('.bt-main').evaluate((m) => [m.scrollHeight - m.clientHeight, m.scrollWidth - m.clientWidth])).toEqual([0, 0]);
    }
    await page.getByTestId('bt-charts').screenshot({ path: '/tmp/keel-bt-curve-keys.png' });
    await page.screenshot({ path: '/tmp/keel-bt-curve-keys-page.png' });
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
