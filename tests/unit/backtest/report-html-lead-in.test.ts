// The HTML report's price chart shows the bars a run's indicators read before its range (its lead-in), as
// the app's price chart does: a shaded band before the range, the lead-in's closes as a faded dashed line,
// the indicator lines carried back over them, and the app's caption under the chart naming how many.
// A run that read none draws none. The header counts those bars in the app's run page's words: a
// portfolio's per market.
import { describe, expect, it } from 'vitest';
import { cutRange } from '../../../electron/backtest/load-candles.ts';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runPortfolio } from '../../../electron/backtest/run-portfolio.ts';
import { leadInWords } from '../../../shared/backtest/lead-in.ts';
import { warmUpLine } from '../../../renderer/src/features/backtest/warm-up-view.ts';
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

/**
 * The time at the price chart's left edge (where its first line starts), read off its time axis: the axis
 * ticks on round hours (time-ticks.ts), so the start is worked out from two ticks' places and times.
 */
function axisStart(section: string): string {
  const chart = /<svg[\s\S]*?<\/svg>/.exec(section)![0];
  const ticks = [...chart.matchAll(/<text x="([\d.]+)"[^>]*data-t="(\d+)">/g)].map((m) => ({ x: Number(m[1]), t: Number(m[2]) }));
  const [a, b] = [ticks[0]!, ticks.at(-1)!];
  const left = Number(/<path d="M([\d.]+),/.exec(chart)![1]);
  const t = a.t - ((a.x - left) / (b.x - a.x)) * (b.t - a.t);
  return new Date(Math.round(t / 60_000) * 60_000).toISOString().slice(0, 16);
}

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
    // The x axis starts at the first bar read (slow 8: eight before the range), not the range's first (2024-01-02 00:00).
    expect(axisStart(chart)).toBe('2024-01-01T16:00');
  });

  it("draws a long lead-in's last quarter of the range's span only, and says how many points of it are drawn", () => {
    const candles = cutRange(all, { from: RANGE_START }, 'synthetic', 24);
    const run = runOn(candles, 30);
    expect(run.leadIn).toBe(24);
    const chart = priceSection(reportHtml(run, candles, info));
    // The range spans 47 hours: the lead-in's 11 hours before it (to 13:00) are drawn, not all 24.
    expect(chart).toContain('<p class="sub" data-lead-in="24">Shaded, in grey: the 24 bars before the range its indicators read first (11 points of them drawn);');
    expect(axisStart(chart)).toBe('2024-01-01T13:00');
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

describe("a portfolio's lead-in in the report's header and on the app's run page", () => {
  it("counts each market's own, in the same words on both, not the largest as the run's", () => {
    const btc = cutRange(all, { from: RANGE_START }, 'synthetic', 24);
    // ETH's data starts 3 bars before the range: its indicators can read no more than those.
    const eth = cutRange(synthetic(Array.from({ length: 51 }, (_, i) => 50 + 5 * Math.cos(i / 4)), { barMs: HOUR, t0: RANGE_START - 3 * HOUR }), { from: RANGE_START }, 'synthetic', 24);
    const { def, params } = strategyWithParams('sma-cross', { fast: 2, slow: 8 });
    const run = runPortfolio({ def, params, markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eth }], barMs: HOUR, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });
    const full = runOn(btc, 8).leadIn;
    expect(full).toBeGreaterThan(3);
    expect(run.portfolio.parts.map((p) => p.leadIn)).toEqual([full, 3]);
    // The run's own count is still the largest market's (the JSON's leadIn), but no line gives it as the run's.
    expect(run.leadIn).toBe(full);
    const words = `the indicators read the bars before the range first: ${full} on BTC/USDT, 3 on ETH/USDT`;
    expect(reportHtml(run, btc, info)).toContain(`${run.metrics.bars} bars (${words}) · capital`);
    // The app's run page, from the run as the bridge sends it (run-worker.ts): each market with its own count.
    const app = { leadIn: run.leadIn, markets: run.portfolio.parts.map((p) => ({ symbol: p.symbol, leadIn: p.leadIn })) };
    expect(warmUpLine(app)).toBe(`T${words.slice(1)} (the strategy's warm-up), so it could trade from the range's first bar.`);
    // Markets that read alike say so once; a run stored before each market's count was sent names the largest as such.
    expect(leadInWords({ leadIn: 7, markets: [{ symbol: 'BTC/USDT', leadIn: 7 }, { symbol: 'ETH/USDT', leadIn: 7 }] })).toBe('the indicators read the 7 bars before the range first on each market');
    expect(warmUpLine({ leadIn: 7, markets: [{ symbol: 'BTC/USDT' }, { symbol: 'ETH/USDT' }] })).toBe("The indicators read up to the 7 bars before the range first (the most any of its markets read) (the strategy's warm-up), so it could trade from the range's first bar.");
  });

  it("says the same of one market's run in the header as on the run page", () => {
    const candles = cutRange(all, { from: RANGE_START }, 'synthetic', 24);
    const run = runOn(candles, 8);
    const words = leadInWords(run)!;
    expect(words).toBe(`the indicators read the ${run.leadIn} bars before the range first`);
    expect(reportHtml(run, candles, info)).toContain(`${run.metrics.bars} bars (${words}) · capital`);
    expect(warmUpLine({ leadIn: run.leadIn, markets: [] })).toBe(`The indicators read the ${run.leadIn} bars before the range first (the strategy's warm-up), so it could trade from the range's first bar.`);
  });
});

