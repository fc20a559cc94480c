// The HTML report's equity and price charts on a log scale when what they draw went 10× or more: a market
// that rose from 100 to 5,000 over the run drew the strategy's account as a flat line along the bottom of a
// linear axis, its every trade invisible. On a log axis each step up is the same percent move, and both read.
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { autoLog, logTicks } from '../../../shared/backtest/nice-ticks.ts';
import { synthetic } from './synthetic.ts';

const HOUR = 3_600_000;
const { def, params } = strategyWithParams('sma-cross', { fast: 3, slow: 8 });

/** The report of sma-cross over hourly waves on a trend from 100 to 100 × `growth`. */
function report(growth: number): string {
  const n = 24 * 20;
  const candles = synthetic(Array.from({ length: n }, (_, i) => 100 * growth ** (i / (n - 1)) * (1 + 0.03 * Math.sin(i / 5))), { barMs: HOUR });
  const r = runBacktest({ def, params, symbol: 'TST/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive'), capital: 1000, feePct: 0.1, slippageBps: 0 });
  return reportHtml(r, candles, { timeframe: '1h', source: 'synthetic' });
}

/** The chart under heading `h2`: its svg, the legend above it, and its value ticks top to bottom. */
function chart(html: string, h2: string) {
  const at = html.indexOf(`<h2>${h2}`);
  const svgAt = html.indexOf('<svg', at);
  const svg = html.slice(svgAt, html.indexOf('</svg>', at));
  const ticks = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" text-anchor="end">([^<]+)</g)].map((m) => ({ y: Number(m[1]), text: m[2]! }));
  return { svg, legend: html.slice(at, svgAt), ticks };
}

describe('the HTML report on a log scale', () => {
  it('draws the equity and the price of a market that went 50× on a log axis, ticked 1-2-5, and says so above each', () => {
    const html = report(50);
    for (const h2 of ['Equity', 'Price and trades']) {
      const c = chart(html, h2);
      expect(c.svg).toContain('data-scale="log"');
      expect(c.legend).toContain('log scale: each step up the axis is the same percent move');
    }
    // The price from about 100 to 5,000: ticked at 100, 200, 500, 1,000, 2,000 and 5,000, each doubling (or 2.5×) as far up as the last.
    const price = chart(html, 'Price and trades').ticks;
    expect(price.map((t) => t.text)).toEqual(['100', '200', '500', '1,000', '2,000', '5,000']);
    const gap = (a: number, b: number) => price[a]!.y - price[b]!.y;
    // 100 → 200 and 1,000 → 2,000 are the same doubling: the same height, where a linear axis put the second ten times higher.
    expect(gap(0, 1)).toBeCloseTo(gap(3, 4), 0);
    // The drawdown stays linear (its 0% is no log value).
    expect(chart(html, 'Drawdown').svg).not.toContain('data-scale="log"');
  });

  it('keeps a market that moved less than 10× on a linear axis', () => {
    const html = report(3);
    for (const h2 of ['Equity', 'Price and trades']) {
      const c = chart(html, h2);
      expect(c.svg).not.toContain('data-scale="log"');
      expect(c.legend).not.toContain('log scale');
    }
  });

  it('ticks a log axis at 1, 2 and 5 times the powers of ten inside it, the powers alone over many decades', () => {
    expect(autoLog(8_000, 350_000)).toBe(true);
    expect(autoLog(8_000, 79_000)).toBe(false);
    expect(autoLog(0, 1_000)).toBe(false);
    expect(logTicks(8_000, 350_000)).toEqual({ values: [10_000, 20_000, 50_000, 100_000, 200_000], decimals: 0 });
    expect(logTicks(0.0012, 0.03)).toEqual({ values: [0.002, 0.005, 0.01, 0.02], decimals: 3 });
    expect(logTicks(1, 1e6).values).toEqual([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]);
    expect(logTicks(1, 1e12).values).toEqual([1, 100, 10_000, 1_000_000, 100_000_000, 10_000_000_000, 1_000_000_000_000]);
  });
});
