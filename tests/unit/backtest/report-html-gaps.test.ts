// The HTML report over candles with a hole in them (a file with two days cut out): its lines break over the
// hole, where they were drawn straight across it as if the market had gone there in a line.
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

const HOUR = 3_600_000;
const { def, params } = strategyWithParams('sma-cross', { fast: 3, slow: 8 });

/** The report of sma-cross over hourly waves, with bars [a, b) cut out when given. */
function report(cut: [number, number] | null): string {
  const all = synthetic(Array.from({ length: 24 * 8 }, (_, i) => 100 + 10 * Math.sin(i / 6) + i * 0.05), { barMs: HOUR });
  const keep = Array.from({ length: all.length }, (_, i) => i).filter((i) => cut === null || i < cut[0] || i >= cut[1]);
  const pick = (xs: Float64Array) => Float64Array.from(keep, (i) => xs[i]!);
  const candles = { t: pick(all.t), o: pick(all.o), h: pick(all.h), l: pick(all.l), c: pick(all.c), v: pick(all.v), length: keep.length };
  const r = runBacktest({ def, params, symbol: 'TST/USDT', candles, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });
  return reportHtml(r, candles, { timeframe: '1h', source: 'synthetic' });
}

/** The unfilled lines' paths of the chart under heading `h2`: how many pieces each is drawn in. */
function pieces(html: string, h2: string): number[] {
  const at = html.indexOf(`<h2>${h2}`);
  const svg = html.slice(html.indexOf('<svg', at), html.indexOf('</svg>', at));
  return [...svg.matchAll(/<path d="([^"]*)" fill="none"/g)].map((m) => m[1]!.split('M').length - 1);
}

describe('the HTML report over a hole in the data', () => {
  it('draws each line whole when the bars run on', () => {
    const html = report(null);
    expect(pieces(html, 'Equity').every((n) => n === 1)).toBe(true);
    expect(pieces(html, 'Price and trades').every((n) => n === 1)).toBe(true);
  });

  it('breaks the equity, buy-and-hold, price and indicator lines over two days with no bar', () => {
    const html = report([72, 120]);
    expect(pieces(html, 'Equity')).toEqual([2, 2]);
    const price = pieces(html, 'Price and trades');
    expect(price.length).toBeGreaterThanOrEqual(3);
    expect(price.every((n) => n === 2)).toBe(true);
  });

  it('ticks the time axes on the same round days as without the hole, one inside it where its day falls', () => {
    // The hole (days 4 and 5 of January) is inside the span: the axes' ends, and so their ticks, stay.
    const ticks = (html: string, h2: string) => {
      const at = html.indexOf(`<h2>${h2}`);
      const svg = html.slice(html.indexOf('<svg', at), html.indexOf('</svg>', at));
      return [...svg.matchAll(/<text x="([\d.]+)"[^>]*data-t="(\d+)">([^<]+)</g)].map((m) => `${m[1]} ${new Date(Number(m[2])).toISOString()} ${m[3]}`);
    };
    const whole = report(null);
    const holed = report([72, 120]);
    for (const h2 of ['Equity', 'Drawdown', 'Price and trades']) {
      expect(ticks(holed, h2)).toEqual(ticks(whole, h2));
      // Each tick has its gridline up the chart, at its x.
      const at = holed.indexOf(`<h2>${h2}`);
      const svg = holed.slice(holed.indexOf('<svg', at), holed.indexOf('</svg>', at));
      const verticals = [...svg.matchAll(/<line x1="([\d.]+)" x2="([\d.]+)" y1="[\d.]+" y2="[\d.]+" class="grid"\/>/g)].filter((m) => m[1] === m[2]).map((m) => m[1]);
      expect(verticals).toEqual(ticks(holed, h2).map((k) => k.split(' ')[0]));
      expect(ticks(holed, h2).map((k) => k.split(' ').slice(1).join(' '))).toEqual(['2024-01-01T00:00:00.000Z 1 Jan 2024', '2024-01-02T00:00:00.000Z 2 Jan', '2024-01-03T00:00:00.000Z 3 Jan', '2024-01-04T00:00:00.000Z 4 Jan', '2024-01-05T00:00:00.000Z 5 Jan', '2024-01-06T00:00:00.000Z 6 Jan', '2024-01-07T00:00:00.000Z 7 Jan', '2024-01-08T00:00:00.000Z 8 Jan']);
    }
  });
});
