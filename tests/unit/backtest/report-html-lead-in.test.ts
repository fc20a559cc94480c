// The HTML report's price chart shows the bars a run's indicators read before its range (its lead-in), as
// the app's price chart does: a shaded band before the range, the lead-in's closes as a faded dashed line,
// the indicator lines carried back over them, and the app's caption under the chart naming how many.
// A run that read none draws none.
import { describe, expect, it } from 'vitest';
import { cutRange } from '../../../electron/backtest/load-candles.ts';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic, T0 } from './synthetic.ts';

const HOUR = 3_600_000;
const info = { timeframe: '1h', source: 'synthetic' };
// Three days of hourly waves; the run's range is the last two, the first day before it.
const all = synthetic(Array.from({ length: 72 }, (_, i) => 100 + 10 * Math.sin(i / 3)), { barMs: HOUR });
const RANGE_START = T0 + 24 * HOUR;

function runOn(candles: CandleColumns, slow: number) {
  const { def, params } = strategyWithParams('sma-cross', { fast: 2, slow });
  return runBacktest({ def, params, symbol: 'TST/USDT', candles, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });
}

/** The price chart's section: from its heading to the next heading. */
const priceSection = (html: string) => /<h2>Price and trades<\/h2>[\s\S]*?(?=<h2>)/.exec(html)![0];

describe("the HTML report's lead-in", () => {
  it('shades the bars the run read before its range and names how many, in the words of the app', () => {
    const candles = cutRange(all, { from: RANGE_START }, 'synthetic', 24);
    const run = runOn(candles, 8);
    expect(run.leadIn).toBeGreaterThan(0);
    const chart = priceSection(reportHtml(run, candles, info));
    expect(chart).toContain(`<p class="sub" data-lead-in="${run.leadIn}">Shaded, in grey: the ${run.leadIn} bars before the range its indicators read first; the run trades from the range&#39;s first bar.</p>`);
    // One band, before the range, and the lead-in's closes dashed in grey.
    expect(chart.match(/class="lead-in"/g)?.length).toBe(1);
    expect(chart).toMatch(/<path d="M[^"]+" fill="none" stroke="rgba\(139,148,158,0.55\)" stroke-width="1.2" stroke-dasharray="5 3"\/>/);
    // The x axis starts at the first bar read, not the range's first (2024-01-02 00:00).
    expect(chart).toContain('text-anchor="start">2024-01-01 17:00<');
  });

  it("draws a long lead-in's last quarter of the range's span only, and says how many points of it are drawn", () => {
    const candles = cutRange(all, { from: RANGE_START }, 'synthetic', 24);
    const run = runOn(candles, 30);
    expect(run.leadIn).toBe(24);
    const chart = priceSection(reportHtml(run, candles, info));
    // The range spans 47 hours: the lead-in's 11 hours before it (to 13:00) are drawn, not all 24.
    expect(chart).toContain('<p class="sub" data-lead-in="24">Shaded, in grey: the 24 bars before the range its indicators read first (11 points of them drawn);');
    expect(chart).toContain('text-anchor="start">2024-01-01 13:00<');
  });

  it('draws none for a run that read no bars before its range', () => {
    const candles = cutRange(all, { from: RANGE_START }, 'synthetic', 0);
    const run = runOn(candles, 8);
    expect(run.leadIn).toBe(0);
    const chart = priceSection(reportHtml(run, candles, info));
    expect(chart).not.toContain('data-lead-in');
    expect(chart).not.toContain('class="lead-in"');
    expect(chart).not.toContain('Shaded, in grey');
  });
});
