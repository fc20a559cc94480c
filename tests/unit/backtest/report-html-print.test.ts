// The HTML report where a trader reads it off the screen or where a run has little to show: printed (to paper
// or a PDF, the browser's "Background graphics" off by default), a month inside the run with no bars, and a run
// that never traded.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { reportHtml } from '../../../electron/backtest/report-html.ts';
import { runBacktest, type BacktestResult } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

const HOUR = 3_600_000;
const candles = synthetic(Array.from({ length: 48 }, (_, i) => 100 + 10 * Math.sin(i / 3)), { barMs: HOUR });
const { def, params } = strategyWithParams('sma-cross', { fast: 2, slow: 5 });
const run = runBacktest({ def, params, symbol: 'TST/USDT', candles, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });
const info = { timeframe: '1h', source: 'synthetic' };

/** The declarations print gives the elements `selector` names (each rule of the @media print block that lists it), merged. */
function printed(html: string, selector: string): Record<string, string> {
  const start = html.indexOf('@media print{');
  if (start < 0) return {};
  let depth = 0;
  let end = start;
  for (let i = start; i < html.length; i++) {
    if (html[i] === '{') depth++;
    if (html[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const out: Record<string, string> = {};
  for (const m of html.slice(start + '@media print{'.length, end).matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!m[1]!.split(',').map((s) => s.trim()).includes(selector)) continue;
    for (const d of m[2]!.split(';')) {
      const [k, v] = d.split(':');
      if (k && v) out[k.trim()] = v.trim();
    }
  }
  return out;
}

describe('the HTML report printed', () => {
  const html = reportHtml(run, candles, info);

  it('prints every trade and every column of the trade list, not the 480 px the screen scrolls', () => {
    // On screen the list scrolls inside 480 px; printed, that box cut a run's 220 trades to its first 16 and
    // its P&L, return, run-up and drawdown columns off the page's right edge.
    const trades = printed(html, '.trades');
    expect(trades['max-height']).toBe('none');
    expect(trades.overflow).toBe('visible');
    // Its cells may wrap (a date and its time on two lines) so its 14 to 17 columns fit a page.
    expect(printed(html, '.trades td')['white-space']).toBe('normal');
  });

  it("keeps the legends' colour keys, which are backgrounds the browser leaves out of a print", () => {
    // Without them "strategy" and "buy and hold" were two words over two unnamed lines.
    expect(printed(html, '.legend i')['print-color-adjust']).toBe('exact');
    expect(printed(html, '.monthly td')['print-color-adjust']).toBe('exact');
  });

  it('prints dark on white, the grid light: not the dark theme made of light text and near-black rules', () => {
    expect(printed(html, 'body')).toMatchObject({ background: '#fff', color: '#111' });
    expect(printed(html, 'svg .grid').stroke).toBe('#d0d7de');
    // The comparison's best return is white on screen.
    expect(printed(html, '.compare td.best').color).toBe('#000');
  });

  it('fits a comparison of many runs on the page: small type that wraps, not columns cut off past the eighth run', () => {
    // Printed, a comparison of 12 runs ran off the page's right edge from run 9, the best return with it.
    expect(printed(html, '.compare')).toMatchObject({ width: '100%', 'font-size': '7px' });
    expect(printed(html, '.compare td')).toMatchObject({ 'white-space': 'normal', 'overflow-wrap': 'anywhere' });
  });

  it("prints the trailing stop's near-white and the take-profit's pale yellow dark enough to see on white, in the marks and their keys alike", () => {
    for (const exit of ['trailing-stop', 'take-profit']) {
      const fill = printed(html, `svg polygon[data-exit=${exit}]`).fill!;
      expect(fill).toMatch(/^#[0-9a-f]{6}$/);
      // Dark on white: each channel well under the screen's near-white (#e8e7e5) and pale yellow (#e4da9d).
      expect(Number.parseInt(fill.slice(1, 3), 16)).toBeLessThan(0xa0);
      expect(printed(html, `svg g[data-group=${exit}]`).fill).toBe(fill);
      expect(printed(html, `.legend.fills [data-fill-kind=${exit}] b`).color).toBe(`${fill}!important`);
      expect(printed(html, `.legend [data-exit=${exit}] i`).background).toBe(`${fill}!important`);
    }
  });
});

describe('a run with little to show', () => {
  it('says which months inside the run had no bars, rather than leaving them blank like the months before it', () => {
    // Bars in January and April 2024, none in February and March (a gap in the data).
    const t = [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 31), Date.UTC(2024, 3, 2), Date.UTC(2024, 3, 30)];
    const gapped: BacktestResult = { ...run, t: Float64Array.from(t), equity: Float64Array.from([1000, 1010, 1010, 1050]), capital: 1000 };
    const html = reportHtml(gapped, candles, info);
    expect(html).toContain('<p class="sub" data-no-bars>No bars in Feb 2024 and Mar 2024 (a gap in the data): their cells are empty, and the month after a gap returns from the last bar before it.</p>');
    // A run with a bar in every month of its range says nothing of the kind.
    expect(reportHtml(run, candles, info)).not.toContain('data-no-bars');
  });

  it('says the run made no trade instead of an empty trade list', () => {
    const idle: BacktestResult = { ...run, trades: [], fills: [] };
    const html = reportHtml(idle, candles, info);
    expect(html).toContain('<h2>Trades (0)</h2>\n<p class="sub" data-no-trades>No trade: no position was opened in this run (the notes above say why when orders were refused).</p>');
    expect(html).not.toMatch(/<table class="trades">/);
    expect(reportHtml(run, candles, info)).not.toContain('data-no-trades');
  });
});

describe('the monthly table near a total loss', () => {
  it('keeps the decimals of a month that lost all but a little: -99.95% is not "-100.0%"', () => {
    const DAY = 86_400_000;
    const t0 = Date.UTC(2024, 0, 1);
    // Equity at each daily bar's close: down to 0.05% of the capital by the end of January, then flat.
    const days = 60;
    const t = Float64Array.from({ length: days }, (_, i) => t0 + i * DAY);
    const equity = Float64Array.from({ length: days }, (_, i) => (i < 30 ? 1000 * (1 - (0.9995 * (i + 1)) / 31) : 0.5));
    const html = reportHtml({ ...run, t, equity, barMs: DAY, trades: [], fills: [], halts: [] } as BacktestResult, synthetic(Array.from({ length: days }, () => 100), { barMs: DAY, t0 }), info);
    const jan = /<h2>Monthly returns<\/h2>\s*<table[^]*?<tbody><tr><th>2024<\/th><td[^>]*>([^<]*)<\/td>/.exec(html)![1];
    expect(jan).toBe('-99.95%');
  });
});
