// The HTML report of a comparison: every run's return on one chart (a line per run, coloured as its
// legend entry, dashed once the colours come round again), the metrics as the CLI's summary prints them (a
// row per metric, a column per run headed by the summary's name for it, the best return marked as the app's
// comparison marks it), the title naming what was compared; then the first run's sections as a single run's
// report has them.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { reportHtml, type ComparedRun } from '../../../electron/backtest/report-html.ts';
import { reportDoc } from '../../../electron/backtest/report-json.ts';
import { runLabel, summaryRows, summaryTable } from '../../../electron/backtest/summary-table.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';
import { curveKeys } from '../../../renderer/src/features/backtest/curve-keys.ts';
import { RUN_COLORS } from '../../../renderer/src/features/backtest/run-colors.ts';
import { RUN_LINES } from '../../../shared/backtest/palette.ts';

// Waves with a drift: crosses both ways, so every run trades.
const closes = Array.from({ length: 1500 }, (_, i) => 100 + 10 * Math.sin(i / 25) + i * 0.01);
const candles = synthetic(closes);

function run(strategy: string, params: Record<string, number>, mode: 'conservative' | 'moderate'): ComparedRun {
  const { def, params: p } = strategyWithParams(strategy, params);
  return { ...runBacktest({ def, params: p, symbol: 'TST/USDT', candles, barMs: 60_000, risk: riskModeSettings(mode), capital: 1000, feePct: 0.1, slippageBps: 0 }), market: 'TST/USDT' };
}

/** The text of an HTML cell: its tags dropped, its characters unescaped. */
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));

/** The comparison's table as rows of cell texts (the header first), and the cells marked best as [row, column]. */
function compareTable(html: string): { rows: string[][]; best: [number, number][] } {
  const table = /<table class="compare">.*?<\/table>/s.exec(html)![0];
  const best: [number, number][] = [];
  const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((tr, r) =>
    [...tr[1]!.matchAll(/<t([hd])([^>]*)>(.*?)<\/t\1>/gs)].map((cell, c) => {
      if (/class="best"/.test(cell[2]!)) best.push([r, c]);
      return text(cell[3]!);
    }),
  );
  return { rows, best };
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
    for (const color of RUN_COLORS.slice(0, 3)) expect(chart).toContain(`stroke="${color}"`);
    expect(chart.match(/<path d="M/g)).toHaveLength(3);
    // The table: a column per run, its return as the summary table prints it.
    const { rows } = compareTable(html);
    const labels = runs.map((r) => `${r.strategy}(${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(',')}) ${r.mode}`);
    expect(rows[0]).toEqual(['', ...labels]);
    expect(rows.find((r) => r[0] === 'total return')).toEqual(['total return', ...runs.map((r) => `${r.metrics.totalReturnPct.toFixed(2)}%`)]);
    expect(new Set(runs.map((r) => r.metrics.totalReturnPct.toFixed(2))).size).toBeGreaterThan(1);
    // Then the first run's own report.
    expect(html).toContain('<h1>The first run: sma-cross fast=5 slow=20 · TST/USDT 1m · conservative</h1>');
    expect(html).toContain(`<h2>Trades (${runs[0]!.trades.length})</h2>`);
  });

  it("reads as the CLI's summary: a row per metric in its order, a column per run headed by its name, the best return marked", () => {
    // It drew a row per run and 26 metric columns, 3,600 px wide in a 1,120 px page: a reader saw seven columns, cut mid-word.
    const { rows, best } = compareTable(reportHtml(runs[0]!, candles, info, [], runs));
    expect(rows).toEqual([['', ...runs.map((r) => runLabel(r))], ...summaryRows(runs)]);
    // The CLI's printed table, cell for cell (its columns two spaces or more apart).
    const printed = summaryTable(runs).split('\n').filter((_, i) => i !== 1).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.slice(1)).toEqual(printed.slice(1));
    expect(rows[0]!.slice(1)).toEqual(printed[0]);
    // The best return in bold, as the app's comparison marks a row's best: one cell, the highest return's.
    const returns = runs.map((r) => r.metrics.totalReturnPct);
    const row = rows.findIndex((r) => r[0] === 'total return');
    expect(best).toEqual([[row, returns.indexOf(Math.max(...returns)) + 1]]);
    // Fits the page: the header's names may wrap between their parts, the figures never.
    const html = reportHtml(runs[0]!, candles, info, [], runs);
    expect(html).toContain('<p class="sub">The best return in bold.</p>');
  });

  it('marks no best return when no run has one', () => {
    const flat = runs.map((r) => ({ ...r, metrics: { ...r.metrics, totalReturnPct: Number.NaN } }));
    expect(compareTable(reportHtml(flat[0]!, candles, info, [], flat)).best).toEqual([]);
  });

  it("draws each run in the colour the app's equity chart draws it in, run 1 in the app's first", () => {
    // The report had colours of its own: run 3 a teal where the app draws it green, run 4 a red where the app's is violet.
    const html = reportHtml(runs[0]!, candles, info, [], runs);
    const strokes = [...chartOf(html).matchAll(/<path d="M[^"]*" fill="none" stroke="([^"]+)"/g)].map((m) => m[1]);
    const legend = [.../<div class="legend">(.*?)<\/div>/s.exec(html.slice(html.indexOf('Runs compared')))![1]!.matchAll(/background:([^"]+)"/g)].map((m) => m[1]);
    // The app's key for the same runs ticked in this order (curve-keys.ts): its colours, run by run.
    const ids = runs.map((_, i) => `bt-${i + 1}`);
    const results = Object.fromEntries(ids.map((id, i) => [id, { request: { strategy: runs[i]!.strategy, params: runs[i]!.params, mode: runs[i]!.mode, series: { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' } } }]));
    const app = curveKeys(ids, results as unknown as Parameters<typeof curveKeys>[1]).map((k) => k.color);
    expect(strokes).toEqual(app);
    expect(legend).toEqual(app);
    expect(app[0]).toBe(RUN_COLORS[0]);
  });

  it('dashes the lines whose colours repeat, past the last of them', () => {
    const many = Array.from({ length: RUN_COLORS.length + 2 }, (_, i) => ({ ...runs[i % 3]!, mode: `m${i}` }));
    const chart = chartOf(reportHtml(runs[0]!, candles, info, [], many));
    expect(chart.match(/<path d="M/g)).toHaveLength(many.length);
    expect(chart.match(/stroke-dasharray/g)).toHaveLength(2);
  });

  it('draws as many runs as the app draws each in a colour and stroke of its own, the app\'s key and the report\'s legend alike', () => {
    // Seven runs and more had run 1's colour again: dashed in the report, the same solid line in the app's
    // charts and key. The app draws at most RUN_LINES (18) at once: every one of them a line of its own.
    const many = Array.from({ length: RUN_LINES }, (_, i) => ({ ...runs[i % 3]!, mode: `m${i}` }));
    const html = reportHtml(runs[0]!, candles, info, [], many);
    const chart = chartOf(html);
    const strokes = [...chart.matchAll(/<path d="M[^"]*" fill="none" stroke="([^"]+)" stroke-width="1.2"(?: stroke-dasharray="([^"]+)")?/g)].map((m) => `${m[1]} ${m[2] ?? 'solid'}`);
    expect(strokes).toHaveLength(RUN_LINES);
    expect(new Set(strokes).size).toBe(RUN_LINES);
    const ids = many.map((_, i) => `bt-${i + 1}`);
    const results = Object.fromEntries(ids.map((id, i) => [id, { request: { strategy: many[i]!.strategy, params: many[i]!.params, mode: many[i]!.mode, series: { exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' } } }]));
    const keys = curveKeys(ids, results as unknown as Parameters<typeof curveKeys>[1]);
    expect(new Set(keys.map((k) => `${k.color} ${k.stroke}`)).size).toBe(RUN_LINES);
    // Run by run the same colour and the same kind of stroke (solid, dashed, dotted) as the report's line.
    const kind = (dash: string) => (dash === 'solid' ? 'solid' : dash === '5 3' ? 'dashed' : 'dotted');
    expect(keys.map((k) => `${k.color} ${k.stroke}`)).toEqual(strokes.map((s) => `${s.split(' ')[0]} ${kind(s.split(' ').slice(1).join(' '))}`));
    // The key's swatch is the report legend's, broken as the line is.
    const legend = [.../<div class="legend">(.*?)<\/div>/s.exec(html.slice(html.indexOf('Runs compared')))![1]!.matchAll(/style="background:([^"]+)"/g)].map((m) => m[1]);
    expect(keys.map((k) => k.swatch)).toEqual(legend);
  });

  it('draws no more runs than have a look of their own, says which are left out, and still lists them all', () => {
    // Run 19 was drawn as run 1 is, the same blue solid line, and its legend entry the same swatch: the two
    // could not be told apart. The app draws at most RUN_LINES at once (curve-keys.ts MAX_DRAWN); so does the report.
    const many = Array.from({ length: RUN_LINES + 2 }, (_, i) => ({ ...runs[i % 3]!, mode: `m${i}` }));
    const html = reportHtml(runs[0]!, candles, info, [], many);
    const chart = chartOf(html);
    const strokes = [...chart.matchAll(/<path d="M[^"]*" fill="none" stroke="([^"]+)" stroke-width="1.2"(?: stroke-dasharray="([^"]+)")?/g)].map((m) => `${m[1]} ${m[2] ?? 'solid'}`);
    expect(strokes).toHaveLength(RUN_LINES);
    expect(new Set(strokes).size).toBe(RUN_LINES);
    const section = html.slice(html.indexOf('Runs compared'));
    const legend = [.../<div class="legend">(.*?)<\/div>/s.exec(section)![1]!.matchAll(/<span>/g)];
    expect(legend).toHaveLength(RUN_LINES);
    // The table has every run, a swatch over the drawn ones' columns only.
    const { rows } = compareTable(html);
    expect(rows[0]).toEqual(['', ...many.map((r) => runLabel(r))]);
    const heads = [.../<table class="compare"><thead><tr>(.*?)<\/tr>/s.exec(html)![1]!.matchAll(/<th data-run[^>]*>(.*?)<\/th>/gs)].map((m) => m[1]!.startsWith('<i '));
    expect(heads).toEqual(many.map((_, i) => i < RUN_LINES));
    // A line under the chart names the runs left out and says the table lists them all.
    const note = /<p class="sub" data-not-drawn>(.*?)<\/p>/s.exec(section)![1]!;
    expect(text(note)).toBe(`Runs ${RUN_LINES + 1} and ${RUN_LINES + 2} of ${many.length} are not drawn (${runLabel(many[RUN_LINES]!)} and ${runLabel(many[RUN_LINES + 1]!)}): ${RUN_LINES} lines is the most that each have a colour and stroke of their own, as in the app. The table lists every run.`);
    expect(section.indexOf('data-not-drawn')).toBeLessThan(section.indexOf('<table class="compare">'));
    // No note while every run is drawn.
    expect(reportHtml(runs[0]!, candles, info, [], many.slice(0, RUN_LINES))).not.toContain('data-not-drawn');
  });

  it('names at most a few of the runs it leaves out', () => {
    const many = Array.from({ length: RUN_LINES + 12 }, (_, i) => ({ ...runs[i % 3]!, mode: `m${i}` }));
    const note = text(/<p class="sub" data-not-drawn>(.*?)<\/p>/s.exec(reportHtml(runs[0]!, candles, info, [], many))![1]!);
    const named = many.slice(RUN_LINES, RUN_LINES + 5).map((r) => runLabel(r)).join(', ');
    expect(note).toBe(`Runs ${RUN_LINES + 1} to ${many.length} of ${many.length} are not drawn (${named} and 7 more): ${RUN_LINES} lines is the most that each have a colour and stroke of their own, as in the app. The table lists every run.`);
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
