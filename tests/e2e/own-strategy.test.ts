// A trader drops a strategy file of their own into the data directory's strategies folder while the
// backtest page is open, presses Reload, finds it in the list marked as theirs (with the file it came
// from; a broken file beside it is listed with what to change), runs it, and sees the numbers
// `keel backtest --strategy my-sma-cross --json` prints for the same run. A strategy that tags its entries
// and exits has its Trades tab break the trades down by those tags, as `keel backtest --json` counts them.
// One stuck in a loop is not started on paper: its trial run says why in the dock (which lists the broken
// file under its form too), the page answering meanwhile. Screenshot: /tmp/keel-e2e-strategy-trial.png. One that passes its trial and loops only at a later bar
// is stopped on paper 2 s into that bar, the dock saying why, and the kill switch engages. Screenshot:
// /tmp/keel-e2e-strategy-stuck.png. A run of one that throws says why in its row.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { keelBin, repoRoot } from './support/paths.ts';

const run = promisify(execFile);
const EXAMPLE = path.join(repoRoot, 'examples', 'strategies', 'my-sma-cross.ts');

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

describe('your own strategy on the backtest page', () => {
  it('appears after Reload, marked as yours, and runs with the numbers keel backtest prints for it', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(keel.url);
    await page.getByTestId('backtest-nav').click();
    await page.getByTestId('backtest-page').waitFor();
    await expect.poll(() => page.locator('[data-testid="bt-strategy"] option').count()).toBe(6);

    const folder = path.join(keel.dataDir, 'strategies');
    mkdirSync(folder, { recursive: true });
    const mine = path.join(folder, 'my-sma-cross.ts');
    copyFileSync(EXAMPLE, mine);
    const broken = path.join(folder, 'unfinished.mjs');
    writeFileSync(broken, 'export default { name: "unfinished", params: {} };\n');
    await page.getByTestId('bt-reload-strategies').click();
    await expect.poll(() => page.locator('[data-testid="bt-strategy"] option').allTextContents()).toContain('my-sma-cross (yours)');
    await expect.poll(() => page.getByTestId('bt-strategy-problems').textContent()).toBe(`${broken}: unfinished: create(params, ctx) must be a function returning { onBar(bar) { ... } }`);

    await page.getByTestId('bt-strategy').selectOption('my-sma-cross');
    expect(await page.getByTestId('bt-strategy-hint').textContent()).toContain(`Your strategy, from ${mine}`);
    await page.screenshot({ path: '/tmp/keel-e2e-own-strategy.png' });
    await expect.poll(() => page.getByTestId('bt-series').inputValue()).toBe('local:BTC/USDT:1h');
    await page.getByTestId('bt-param-fast').fill('12');
    await page.getByTestId('bt-param-slow').fill('40');
    await page.getByTestId('bt-from').fill('2021-01-01');
    await page.getByTestId('bt-to').fill('2022-12-31');
    await page.getByTestId('bt-mode').selectOption('aggressive');
    await page.getByTestId('bt-capital').fill('25000');
    await page.getByTestId('bt-fee').fill('0.1');
    await page.getByTestId('bt-run').click();

    const row = page.locator('[data-testid="bt-runs"] tr[data-run-id="bt-1"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await row.textContent()).toContain('my-sma-cross');
    const ui: Record<string, number | null> = {};
    for (const cell of await row.locator('td[data-metric]').all()) {
      const v = await cell.getAttribute('data-value');
      ui[(await cell.getAttribute('data-metric'))!] = v === '' || v === null ? null : Number(v);
    }
    const json = path.join(keel.dataDir, 'own.json');
    await run(
      process.execPath,
      [keelBin, 'backtest', '--strategy', 'my-sma-cross', '--params', 'fast=12,slow=40', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'aggressive', '--capital', '25000', '--fee', '0.1', '--data-dir', keel.dataDir, '--json', json],
      { cwd: repoRoot, timeout: 90_000 },
    );
    const cli = JSON.parse(await readFile(json, 'utf8')) as { metrics: Record<string, number | null>; fills: unknown[] };
    expect(cli.fills.length).toBeGreaterThan(10);
    expect(Object.keys(ui).length).toBeGreaterThan(10);
    for (const [k, v] of Object.entries(ui)) expect({ [k]: v }).toEqual({ [k]: cli.metrics[k] });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('says in its row why a run of a strategy that throws failed, where it can be read', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    mkdirSync(path.join(keel.dataDir, 'strategies'), { recursive: true });
    writeFileSync(
      path.join(keel.dataDir, 'strategies', 'throws.mjs'),
      'export default { name: "throws", description: "throws on its 500th bar", params: {}, indicators: () => [], create() { let n = 0; return { onBar() { if (++n === 500) throw new Error("no price at bar " + n); } }; } };\n',
    );
    await page.goto(keel.url);
    await page.getByTestId('backtest-nav').click();
    await page.getByTestId('backtest-page').waitFor();
    await page.getByTestId('bt-reload-strategies').click();
    await expect.poll(() => page.locator('[data-testid="bt-strategy"] option').allTextContents()).toContain('throws (yours)');
    await page.getByTestId('bt-strategy').selectOption('throws');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tbody tr').filter({ has: page.locator('td.bt-label', { hasText: /^throws · / }) });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('failed');
    // The reason was only a tooltip on "failed": the row said nothing one could read without hovering.
    const reason = row.getByTestId('bt-run-error');
    expect(await reason.textContent()).toContain('no price at bar 500');
    expect(await reason.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("breaks a tagging strategy's trades down by its entries' tags and its exits' on the Trades tab", async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    // Enters whenever flat, tagged by the bar's colour; exits after 5 bars, tagged by whether the close is above the entry's.
    mkdirSync(path.join(keel.dataDir, 'strategies'), { recursive: true });
    writeFileSync(
      path.join(keel.dataDir, 'strategies', 'bar-colours.mjs'),
      `export default { name: 'bar-colours', params: {}, create(_p, ctx) { let held = 0; let paid = 0; return { onBar(bar) {
        if (ctx.hasOpenOrders()) return;
        if (ctx.position() > 0) { if (++held >= 5) ctx.closePosition(bar.c > paid ? 'in profit' : 'at a loss'); return; }
        held = 0; paid = bar.c; const q = ctx.maxBuyQty(bar.c); if (q > 0) ctx.buy(q, { tag: bar.c >= bar.o ? 'green bar' : 'red bar' });
      } }; } };\n`,
    );
    await page.goto(keel.url);
    await page.getByTestId('backtest-nav').click();
    await page.getByTestId('bt-reload-strategies').click();
    await expect.poll(() => page.locator('[data-testid="bt-strategy"] option').allTextContents()).toContain('bar-colours (yours)');
    await page.getByTestId('bt-strategy').selectOption('bar-colours');
    await expect.poll(() => page.getByTestId('bt-series').inputValue()).toBe('local:BTC/USDT:1h');
    await page.getByTestId('bt-from').fill('2021-01-01');
    await page.getByTestId('bt-to').fill('2021-03-31');
    await page.getByTestId('bt-mode').selectOption('aggressive');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tr', { hasText: 'bar-colours' });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    const json = path.join(keel.dataDir, 'tags.json');
    await run(process.execPath, [keelBin, 'backtest', '--strategy', 'bar-colours', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2021-01-01', '--to', '2021-03-31', '--mode', 'aggressive', '--data-dir', keel.dataDir, '--json', json], { cwd: repoRoot, timeout: 90_000 });
    type Row = { tag: string | null; trades: number; pnl: number };
    const cli = JSON.parse(await readFile(json, 'utf8')) as { entryTags: Row[]; trades: { closed: boolean; exitTag?: string; entryTag?: string }[] };
    expect(cli.entryTags.map((x) => x.tag).sort()).toEqual(['green bar', 'red bar']);

    await page.getByTestId('bt-tab-trades').click();
    const entries = page.getByTestId('bt-entries');
    await entries.waitFor();
    expect(await entries.locator('thead th').allTextContents()).toEqual(['Entry tag', 'Trades', 'Win rate', 'Total P&L', 'Avg P&L', 'Avg return', 'Profit factor']);
    const shown = await entries.locator('tbody tr').evaluateAll((els) =>
      els.map((el) => ({ tag: el.getAttribute('data-tag'), trades: Number(el.querySelector('td[data-field="trades"]')!.getAttribute('data-value')), pnl: Number(el.querySelector('td[data-field="pnl"]')!.getAttribute('data-value')) })),
    );
    expect(shown.map((x) => [x.tag, x.trades])).toEqual(cli.entryTags.map((x) => [x.tag, x.trades]));
    shown.forEach((x, i) => expect(x.pnl).toBeCloseTo(cli.entryTags[i]!.pnl, 6));
    // The Exits table splits the strategy's exits by their tags, counted as the CLI's trades are.
    const exits = await page.getByTestId('bt-exits').locator('tbody tr').evaluateAll((els) => els.map((el) => [el.getAttribute('data-tag') || el.getAttribute('data-reason'), Number(el.querySelector('td[data-field="trades"]')!.getAttribute('data-value'))]));
    const count = (tag: string) => cli.trades.filter((t) => t.closed && t.exitTag === tag).length;
    expect(count('in profit') > 0 && count('at a loss') > 0).toBe(true);
    expect(exits.filter(([k]) => k === 'in profit' || k === 'at a loss')).toEqual(
      [
        ['in profit', count('in profit')],
        ['at a loss', count('at a loss')],
      ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0]))),
    );
    // Each listed trade names its entry's tag, and its exit's in the Exit column.
    const listed = page.locator('table.bt-trades tbody tr');
    expect(await listed.locator('td[data-field="entryTag"]').allTextContents()).toEqual(cli.trades.slice(0, await listed.count()).map((t) => t.entryTag ?? ''));
    expect(await listed.first().locator('td[data-field="exit"]').textContent()).toBe(cli.trades[0]!.exitTag);
    await page.screenshot({ path: '/tmp/keel-e2e-entry-tags.png', fullPage: false });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
  it('is not started on paper when its trial run finds it stuck in a loop: the dock says why, and the page answers meanwhile', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    mkdirSync(path.join(keel.dataDir, 'strategies'), { recursive: true });
    writeFileSync(path.join(keel.dataDir, 'strategies', 'stuck-loop.mjs'), 'export default { name: "stuck-loop", description: "Loops forever from its 50th bar.", params: {}, create: () => { let n = 0; return { onBar() { if (++n >= 50) for (;;) {} } }; } };\n');
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await page.getByTestId('replay-toggle').click();
    await expect.poll(() => page.getByTestId('data-source').textContent()).toBe('REPLAY');
    await page.getByTestId('replay-toggle').click();
    await page.getByTestId('dock-tab-strategies').click();
    await expect.poll(() => page.getByTestId('strategy-select').locator('option').allTextContents()).toContain('stuck-loop (yours)');
    // The broken file of the first test is listed under the form too, with what to change (the tab read the catalog when it opened).
    expect(await page.getByTestId('strategy-problems').locator('li').allTextContents()).toContain(
      `${path.join(keel.dataDir, 'strategies', 'unfinished.mjs')}: unfinished: create(params, ctx) must be a function returning { onBar(bar) { ... } }`,
    );
    await page.getByTestId('strategy-select').selectOption('stuck-loop');
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-start').textContent()).toBe('Trying it…');
    // The engine answers while the trial runs in its worker: the risk panel's mode switch goes through.
    const conservative = page.getByTestId('risk-modes').locator('input[value="conservative"]');
    await conservative.click();
    await expect.poll(() => conservative.isChecked()).toBe(true);
    await expect
      .poll(() => page.getByTestId('strategy-message').textContent(), { timeout: 20_000 })
      .toMatch(/^stuck-loop did not get through a trial run over the last [\d,]+ 1h bars of BTC\/USDT within 10 s \(stuck in a loop\?\), so it was not started/);
    expect(await page.getByTestId('strategy-start').textContent()).toBe('Start');
    expect(await page.getByTestId('strategy-row').count()).toBe(0);
    await page.screenshot({ path: '/tmp/keel-e2e-strategy-trial.png' });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('stopped on paper when a loop a later bar sets off holds it past 2 s: the dock says why, and the kill switch still engages', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 900 } });
    // It gets through its trial (which ends within 10 s, either way) and loops at the first bar it hears after 12 s.
    const loopFrom = Date.now() + 12_000;
    mkdirSync(path.join(keel.dataDir, 'strategies'), { recursive: true });
    writeFileSync(path.join(keel.dataDir, 'strategies', 'later-loop.mjs'), `export default { name: "later-loop", description: "Loops forever at a bar after ${new Date(loopFrom).toISOString()}.", params: {}, create: () => ({ onBar() { if (Date.now() > ${loopFrom}) for (;;) {} } }) };\n`);
    await page.goto(keel.url);
    await page.locator('[data-testid="chart"] canvas').first().waitFor();
    await page.getByTestId('dock-tab-strategies').click();
    await expect.poll(() => page.getByTestId('strategy-select').locator('option').allTextContents()).toContain('later-loop (yours)');
    await page.getByTestId('strategy-select').selectOption('later-loop');
    await page.getByTestId('strategy-start').click();
    await expect.poll(() => page.getByTestId('strategy-row').count(), { timeout: 15_000 }).toBe(1);
    // The replay plays an hour bar every 3.6 s.
    await page.getByTestId('replay-speed').selectOption('1000');
    if ((await page.getByTestId('replay-status').getAttribute('data-status')) !== 'playing') await page.getByTestId('replay-toggle').click();
    await expect
      .poll(() => page.getByTestId('strategy-message').textContent(), { timeout: 40_000 })
      .toMatch(/^later-loop stopped: later-loop did not finish with the bar at \S+ within 2 s \(stuck in a loop\?\): its thread was stopped, and so is the strategy/);
    expect(await page.getByTestId('strategy-row').count()).toBe(0);
    await page.screenshot({ path: '/tmp/keel-e2e-strategy-stuck.png' });
    // The engine's thread was held 2 s at most: the kill switch engages from the panel, and re-arms.
    await page.getByTestId('kill-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Kill switch engaged/);
    await page.getByTestId('rearm-button').click();
    await expect.poll(() => page.getByTestId('risk-status').textContent()).toMatch(/^Armed/);
    await page.getByTestId('replay-toggle').click();
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
