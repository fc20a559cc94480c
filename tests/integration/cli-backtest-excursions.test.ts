// Each trade's run-up and drawdown as `keel backtest` writes them (node bin/keel.js in a child process),
// held to the real 1h BTCUSDT mark prices in ../shared/data, read here at test time: sma-cross with a 2 %
// stop-loss and a 4 % take-profit. A take-profit trade's run-up is its target's distance from the entry; a
// stop-loss trade never shows a drawdown past its stop (a stop fills on the way down, so the low reached
// after it is not the trade's); a trade the strategy closed (in and out at bar opens) saw exactly the highs
// and lows of the bars it was open through. The HTML has the trade list's two columns and the chart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC_1H, runKeel } from '../helpers/keel-cli.ts';
import { hourBars } from '../helpers/hour-bars.ts';

const HOUR = 3_600_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-excursions-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Trade {
  side: 'long' | 'short';
  entryTs: number;
  exitTs: number;
  entryPrice: number;
  exitPrice: number;
  qty: number;
  pnl: number;
  closed: boolean;
  exit: 'signal' | 'stop-loss' | 'trailing-stop' | 'take-profit' | 'open';
  runUpPct: number;
  drawdownPct: number;
  runUp: number;
  drawdown: number;
}


/** Percent of the entry price, as excursions.ts computes it. */
const pctOf = (price: number, entry: number) => ((price - entry) / entry) * 100;

describe('keel backtest: run-up and drawdown of each trade', () => {
  it('measures every trade on the bars it was open through, and shows them in the HTML', () => {
    const r = runKeel(dir, ['backtest', '--strategy', 'sma-cross', '--data', BTC_1H, '--stop-loss', '2', '--take-profit', '4', '--json', 'x.json', '--html', 'x.html']);
    expect(r.code).toBe(0);
    const trades = (JSON.parse(readFileSync(path.join(dir, 'x.json'), 'utf8')) as { trades: Trade[] }).trades;
    const bars = hourBars(BTC_1H);
    const bar = (ts: number) => bars.get(Math.floor(ts / HOUR) * HOUR)!;
    const seen = { signal: 0, 'stop-loss': 0, 'take-profit': 0 } as Record<string, number>;

    for (const t of trades) {
      const at = new Date(t.entryTs).toISOString();
      expect(t.side, at).toBe('long');
      expect(t.runUpPct, at).toBeGreaterThanOrEqual(0);
      expect(t.drawdownPct, at).toBeLessThanOrEqual(0);
      // The money is the percent at the trade's size.
      expect(t.runUp, at).toBeCloseTo((t.runUpPct / 100) * t.entryPrice * t.qty, 6);
      expect(t.drawdown, at).toBeCloseTo((t.drawdownPct / 100) * t.entryPrice * t.qty, 6);
      // Entered at its bar's open (the entry's price is the fills' weighted mean, hence close to, not equal).
      expect(t.entryPrice, at).toBeCloseTo(bars.get(t.entryTs)!.o, 6);
      // Never beyond the highs and lows of the bars from the entry's to the exit's.
      let hi = -Infinity;
      let lo = Infinity;
      for (let ts = t.entryTs; ts <= t.exitTs; ts += HOUR) {
        hi = Math.max(hi, bar(ts).h);
        lo = Math.min(lo, bar(ts).l);
      }
      expect(t.runUpPct, at).toBeLessThanOrEqual(pctOf(hi, t.entryPrice) + 1e-9);
      expect(t.drawdownPct, at).toBeGreaterThanOrEqual(pctOf(lo, t.entryPrice) - 1e-9);

      // The levels sat 2 % under and 4 % over the entry's fill, on the 0.01 tick: a target's trade ran up 4 %.
      const tick = (0.01 / t.entryPrice) * 100;
      const exitBarOpen = bar(t.exitTs).o;
      if (t.exit === 'take-profit') {
        const target = t.entryPrice * 1.04;
        // The best it saw is where it was taken: the target, or a bar's open that gapped over it.
        if (t.exitPrice > target + 0.01 + 1e-6) expect(t.runUpPct, at).toBeCloseTo(pctOf(exitBarOpen, t.entryPrice), 9);
        else expect(Math.abs(t.runUpPct - pctOf(target, t.entryPrice)), at).toBeLessThanOrEqual(tick + 1e-9);
      } else if (t.exit === 'stop-loss') {
        const stop = t.entryPrice * 0.98;
        // Nothing after the stop filled counts: not below it, unless its bar opened below it.
        if (exitBarOpen < stop) expect(t.drawdownPct, at).toBeCloseTo(pctOf(exitBarOpen, t.entryPrice), 9);
        else expect(t.drawdownPct, at).toBeGreaterThanOrEqual(pctOf(stop, t.entryPrice) - tick - 1e-9);
      } else if (t.exit === 'signal') {
        // In at the entry bar's open and out at the exit bar's: the bars from the entry's up to the one
        // before the exit's, whole, and the exit's open (the price it was sold at, seen too).
        expect(t.exitTs % HOUR, at).toBe(0);
        expect(t.exitPrice, at).toBeCloseTo(bars.get(t.exitTs)!.o, 6);
        let high = t.exitPrice;
        let low = t.exitPrice;
        for (let ts = t.entryTs; ts < t.exitTs; ts += HOUR) {
          high = Math.max(high, bars.get(ts)!.h);
          low = Math.min(low, bars.get(ts)!.l);
        }
        expect(Math.abs(t.runUpPct - pctOf(high, t.entryPrice)), at).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(t.drawdownPct - pctOf(low, t.entryPrice)), at).toBeLessThanOrEqual(1e-9);
      }
      seen[t.exit] = (seen[t.exit] ?? 0) + 1;
    }
    // Every way this run's trades ended was checked, many times.
    expect(seen.signal).toBeGreaterThan(50);
    expect(seen['stop-loss']).toBeGreaterThan(20);
    expect(seen['take-profit']).toBeGreaterThan(20);
    // A stop cut its trade near 2 % down: a loser here never shows a drawdown far past it.
    expect(Math.min(...trades.map((t) => t.drawdownPct))).toBeGreaterThan(-2.5);

    const html = readFileSync(path.join(dir, 'x.html'), 'utf8');
    // The trade list: the percent, with the money as hover text, for each trade.
    expect(html).toContain('<th>return</th><th>run-up</th><th>drawdown</th></tr>');
    const first = trades[0]!;
    const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(html).toContain(`<td title="${money(first.runUp)} USDT at the trade&#39;s size">${first.runUpPct.toFixed(2)}%</td><td title="${money(first.drawdown)} USDT at the trade&#39;s size">${first.drawdownPct.toFixed(2)}%</td></tr>`);
    // The chart: a dot per closed trade, in its exit's group.
    const chart = html.slice(html.indexOf('<h2>Run-up and drawdown of each trade</h2>'), html.indexOf('<h2>Trades ('));
    expect(chart).toContain('<svg');
    expect(chart.match(/<circle /g)).toHaveLength(trades.filter((t) => t.closed).length);
    for (const exit of ['signal', 'stop-loss', 'take-profit']) {
      const group = chart.slice(chart.indexOf(`<g data-group="${exit}"`), chart.indexOf('</g>', chart.indexOf(`<g data-group="${exit}"`)));
      expect(group.match(/<circle /g), exit).toHaveLength(seen[exit]!);
    }
    expect(chart).toMatch(/Winners' mean drawdown -\d+\.\d\d% \(\d+ trades\) · losers' mean drawdown -\d+\.\d\d% \(\d+\) · losers' median run-up \d+\.\d\d%/);
  }, 60_000);
});
