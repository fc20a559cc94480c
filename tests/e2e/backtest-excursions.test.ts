// A trader placing a stop wants to see how far each trade went against it before it ended. They run
// sma-cross on the stored BTC/USDT 1h over 2021 with Stop-loss 2 and Take-profit 4 and open the Trades tab:
// every trade lists its Run-up and Drawdown, the same percents `keel backtest --stop-loss 2 --take-profit 4
// --json` writes for the same trade (the money in each cell's title), and "Run-up and drawdown" draws every
// closed trade as a dot at its drawdown and return, coloured by how it ended in the colours the Exits table
// uses, with the 2 % stop as a line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../renderer/src/lib/format.ts';
import { fillBacktestForm } from './support/backtest-form.ts';
import { openKeel, type KeelApp } from './support/keel-app.ts';
import { backtestJson } from './support/keel-cli.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel({ candles: ['btc-1h'] });
});

afterAll(() => keel?.close());

const FROM = '2021-01-01';
const TO = '2021-12-31';
const SCREENSHOT = '/tmp/excursions-page.png';

interface CliTrade {
  entryPrice: number | null;
  returnPct: number;
  closed: boolean;
  exit: string;
  runUpPct: number;
  drawdownPct: number;
  runUp: number;
  drawdown: number;
}

/** How many trades ended for each reason. */
function countByExit(exits: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of exits) out[e] = (out[e] ?? 0) + 1;
  return out;
}

describe('the Trades tab with each trade’s run-up and drawdown', () => {
  it('lists the run-up and drawdown keel backtest --json gives each trade, and draws the closed trades by how they ended', async () => {
    const { context, page, problems } = await keel.newPage({ viewport: { width: 1440, height: 1000 } });
    await fillBacktestForm(page, keel.url, { strategy: 'sma-cross', series: 'local:BTC/USDT:1h', from: FROM, to: TO, mode: 'conservative' });
    await page.getByTestId('bt-stop-loss').fill('2');
    await page.getByTestId('bt-take-profit').fill('4');
    await page.getByTestId('bt-run').click();
    const row = page.locator('[data-testid="bt-runs"] tbody tr').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');

    const cli = (
      await backtestJson<{ trades: CliTrade[] }>(keel.dataDir, 'excursions.json', ['--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', FROM, '--to', TO, '--mode', 'conservative', '--capital', '10000', '--fee', '0.1', '--stop-loss', '2', '--take-profit', '4'])
    ).trades;
    const closed = cli.filter((t) => t.closed);
    // The stop did cut losers and the target winners, so the plot has more than one colour to tell apart.
    expect(countByExit(closed.map((t) => t.exit))).toMatchObject({ 'stop-loss': expect.any(Number), 'take-profit': expect.any(Number) });

    await page.getByTestId('bt-tab-trades').click();
    const trades = page.getByTestId('bt-trades');
    await expect.poll(() => trades.getAttribute('data-count')).toBe(String(cli.length));
    const heads = await trades.locator('table.bt-trades thead th').allTextContents();
    expect(heads.slice(-4)).toEqual(['Return', 'Run-up', 'Drawdown', 'Exit']);

    // Every listed trade: the same trade as the CLI's (its entry price), with the CLI's run-up and drawdown.
    const listed = await trades.locator('table.bt-trades tbody tr').evaluateAll((rows) =>
      rows.map((tr) => {
        const cell = (field: string) => tr.querySelector(`td[data-field="${field}"]`)!;
        return {
          entryPrice: tr.getAttribute('data-entry-price'),
          runUpPct: cell('runUpPct').getAttribute('data-value'),
          drawdownPct: cell('drawdownPct').getAttribute('data-value'),
          runUpText: cell('runUpPct').textContent,
          drawdownText: cell('drawdownPct').textContent,
          runUpTitle: cell('runUpPct').getAttribute('title'),
          drawdownTitle: cell('drawdownPct').getAttribute('title'),
        };
      }),
    );
    expect(listed).toHaveLength(cli.length);
    listed.forEach((shown, i) => {
      const t = cli[i]!;
      expect({ i, entryPrice: Number(shown.entryPrice), runUpPct: Number(shown.runUpPct), drawdownPct: Number(shown.drawdownPct) }).toEqual({ i, entryPrice: t.entryPrice, runUpPct: t.runUpPct, drawdownPct: t.drawdownPct });
      expect([shown.runUpText, shown.drawdownText]).toEqual([`${t.runUpPct.toFixed(2)}%`, `${t.drawdownPct.toFixed(2)}%`]);
      expect([shown.runUpTitle, shown.drawdownTitle]).toEqual([`${formatMoney(t.runUp)} at the trade's largest size`, `${formatMoney(t.drawdown)} at the trade's largest size`]);
    });
    // A stop of 2 % caps how far a trade goes against it, bar gaps aside: no listed drawdown much past it.
    expect(Math.min(...cli.map((t) => t.drawdownPct))).toBeGreaterThan(-3);

    // The plot: one dot per closed trade, at that trade's drawdown and return, in its exit's colour.
    const plot = page.getByTestId('bt-excursions');
    expect(await plot.getAttribute('data-points')).toBe(String(closed.length));
    const dots = await plot.locator('circle.bt-excursion-dot').evaluateAll((els) =>
      els.map((el) => ({ n: Number(el.getAttribute('data-n')), exit: el.getAttribute('data-exit'), drawdown: Number(el.getAttribute('data-drawdown')), ret: Number(el.getAttribute('data-return')), fill: getComputedStyle(el).fill, title: el.querySelector('title')?.textContent ?? '' })),
    );
    expect(dots).toHaveLength(closed.length);
    for (const d of dots) {
      const t = cli[d.n - 1]!;
      expect({ n: d.n, exit: d.exit, drawdown: d.drawdown, ret: d.ret }).toEqual({ n: d.n, exit: t.exit, drawdown: t.drawdownPct, ret: t.returnPct });
      expect(d.title).toContain(`return ${t.returnPct.toFixed(2)}% · run-up ${t.runUpPct.toFixed(2)}% (${formatMoney(t.runUp)}) · drawdown ${t.drawdownPct.toFixed(2)}% (${formatMoney(t.drawdown)})`);
      expect(d.title).toMatch(/^#\d+ · 2021-\d\d-\d\d \d\d:\d\d → 2021-\d\d-\d\d \d\d:\d\d · /);
    }

    // One colour per exit, the same in the plot, its legend, the Exits table and the Exit column.
    const byExit: Record<string, string> = {};
    for (const d of dots) {
      expect({ exit: d.exit, fill: d.fill }).toEqual({ exit: d.exit, fill: byExit[d.exit!] ?? d.fill });
      byExit[d.exit!] = d.fill;
    }
    expect(new Set(Object.values(byExit)).size).toBe(Object.keys(byExit).length);
    for (const [exit, fill] of Object.entries(byExit)) {
      const swatch = (scope: string) => page.locator(`${scope} .bt-exit-swatch`).first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(await swatch(`[data-testid="bt-exits"] tr[data-reason="${exit}"]`)).toBe(fill);
      expect(await swatch(`table.bt-trades tr[data-exit="${exit}"] td[data-field="exit"]`)).toBe(fill);
      const key = page.locator(`[data-testid="bt-excursions-legend"] [data-reason="${exit}"]`);
      expect(await key.locator('i').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(fill);
      expect(Number(await key.getAttribute('data-count'))).toBe(closed.filter((t) => t.exit === exit).length);
    }
    expect(await page.getByTestId('bt-excursions-stop').textContent()).toBe('stop-loss 2%');

    // Every dot whole inside the plot's frame (the extent of its grid lines): the trades that never went
    // against them (drawdown 0, two in this run) sat half cut on its right edge.
    expect(closed.filter((t) => t.drawdownPct === 0).length).toBeGreaterThan(0);
    const outside = await plot.evaluate((svg) => {
      const lines = [...svg.querySelectorAll('line')].map((l) => ['x1', 'x2', 'y1', 'y2'].map((a) => Number(l.getAttribute(a))));
      const across = lines.filter(([, , y1, y2]) => y1 === y2);
      const up = lines.filter(([x1, x2]) => x1 === x2);
      const [left, right] = [Math.min(...across.map((l) => l[0]!)), Math.max(...across.map((l) => l[1]!))];
      const [top, bottom] = [Math.min(...up.map((l) => l[2]!)), Math.max(...up.map((l) => l[3]!))];
      return [...svg.querySelectorAll('circle')].flatMap((c) => {
        const [cx, cy, r] = ['cx', 'cy', 'r'].map((a) => Number(c.getAttribute(a)));
        return cx! - r! < left || cx! + r! > right || cy! - r! < top || cy! + r! > bottom ? [c.getAttribute('data-n')] : [];
      });
    });
    expect(outside).toEqual([]);
    // The stop's label covers no dot: at the line's foot it sat on the trades the stop closed.
    const covered = await plot.evaluate((svg) => {
      const t = svg.querySelector<SVGTextElement>('[data-testid="bt-excursions-stop"] text')!.getBBox();
      return [...svg.querySelectorAll('circle')].flatMap((c) => {
        const [cx, cy, r] = ['cx', 'cy', 'r'].map((a) => Number(c.getAttribute(a)));
        return cx! + r! > t.x && cx! - r! < t.x + t.width && cy! + r! > t.y && cy! - r! < t.y + t.height ? [c.getAttribute('data-n')] : [];
      });
    });
    expect(covered).toEqual([]);

    await plot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(problems).toEqual([]);
    await context.close();
  });
});
