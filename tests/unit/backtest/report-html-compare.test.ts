// The HTML report of a comparison: every run's return on one chart (a line per run, coloured as its
// legend entry, dashed once the colours come round again), one row per run with every metric, the title
// naming what was compared; then the first run's sections as a single run's report has them.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { reportHtml, type ComparedRun } from '../../../electron/backtest/report-html.ts';
import { reportDoc } from '../../../electron/backtest/report-json.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

// Waves with a drift: crosses both ways, so every run trades.
const closes = Array.from({ length: 1500 }, (_, i) => 100 + 10 * Math.sin(i / 25) + i * 0.01);
const candles = synthetic(closes);

function run(strategy: string, params: Record<string, number>, mode: 'conservative' | 'moderate'): ComparedRun {
  const { def, params: p } = strategyWithParams(strategy, params);
  return { ...runBacktest({ def, params: p, symbol: 'TST/USDT', candles, barMs: 60_000, risk: riskModeSettings(mode), capital: 1000, feePct: 0.1, slippageBps: 0 }), market: 'TST/USDT' };
}

/** The comparison's chart: the first svg after its heading. */
const chartOf = (html: string) => html.slice(html.indexOf('Runs compared'), html.indexOf('</svg>', html.indexOf('Runs compared')));

describe('reportHtml of a comparison', () => {
  const runs = [run('sma-cross', { fast: 5, slow: 20 }, 'conservative'), run('sma-cross', { fast: 5, slow: 20 }, 'moderate'), run('ema-cross', {}, 'moderate')];
  const info = { timeframe: '1m', source: 'synthetic' };

  it('draws a line per run, lists every run with its metrics, and says what was compared', () => {
    const html = reportHtml(runs[0]!, candles, info, [], runs);
    expect(html).toContain('<title>3 runs: sma-cross, ema-cross · TST/USDT 1m · conservative, moderate</title>');
    expect(html).toContain('<h2>Runs compared (3)</h2>');
    const chart = chartOf(html);
    for (const color of ['#4c9aff', '#f0b90b', '#26a69a']) expect(chart).toContain(`stroke="${color}"`);
    expect(chart.match(/<path d="M/g)).toHaveLength(3);
    // The table: a row per run, its return as the summary table prints it.
    for (const r of runs) {
      const label = `${r.strategy}(${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(',')}) ${r.mode}`;
      expect(html).toContain(`<tr><td>${label}</td><td>${r.metrics.totalReturnPct.toFixed(2)}%</td>`);
    }
    expect(new Set(runs.map((r) => r.metrics.totalReturnPct.toFixed(2))).size).toBeGreaterThan(1);
    // Then the first run's own report.
    expect(html).toContain('<h1>The first run: sma-cross fast=5 slow=20 · TST/USDT 1m · conservative</h1>');
    expect(html).toContain(`<h2>Trades (${runs[0]!.trades.length})</h2>`);
  });

  it('dashes the lines past the tenth, whose colours repeat', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...runs[i % 3]!, mode: `m${i}` }));
    const chart = chartOf(reportHtml(runs[0]!, candles, info, [], many));
    expect(chart.match(/<path d="M/g)).toHaveLength(12);
    expect(chart.match(/stroke-dasharray/g)).toHaveLength(2);
  });

  it("lists every run's notes: the others' under the comparison, named as the summary names them, and in the JSON's runs", () => {
    // The CLI prints each run's notes; the reports had the first run's only, so a second run's kill switch was in no file.
    const kill = 'kill switch at 2024-01-01T10:00:00Z: a drawdown of 20% from the equity peak reached the 20% limit';
    const noted = [{ ...runs[0]!, notes: ['first note'] }, { ...runs[1]!, notes: [kill] }, { ...runs[2]!, notes: [] }];
    const html = reportHtml(noted[0]!, candles, info, [], noted);
    expect(html).toContain('<h2>Notes of the other runs</h2>');
    expect(html).toContain(`<div class="warn" data-run="sma-cross(fast=5,slow=20) moderate">note (sma-cross(fast=5,slow=20) moderate): ${kill}</div>`);
    // The first run's own notes stay under its title, once.
    expect(html.match(/first note/g)).toHaveLength(1);
    const doc = reportDoc(noted[0]!, '1m', 'synthetic', { runs: noted.map((x) => ({ ...x, timeframe: '1m', source: 'synthetic' })) });
    expect(doc.runs!.map((x) => x.notes)).toEqual([['first note'], [kill], []]);
    // Runs without notes add no section.
    expect(reportHtml(runs[0]!, candles, info, [], runs.map((x) => ({ ...x, notes: [] })))).not.toContain('Notes of the other runs');
  });

  it('a single run has no comparison', () => {
    const html = reportHtml(runs[0]!, candles, info, [], runs.slice(0, 1));
    expect(html).not.toContain('Runs compared');
    expect(html).toContain('<h1>sma-cross fast=5 slow=20 · TST/USDT 1m · conservative</h1>');
  });
});
