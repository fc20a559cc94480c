// The human report (`keel backtest --html FILE`): one self-contained HTML file, no scripts and nothing
// fetched, with the charts drawn as inline SVG (svg-chart.ts): equity (with buy and hold) and drawdown, shaded
// where the kill switch was engaged, and the worst drawdowns listed, the price with every fill marked, monthly returns as a table, the
// metrics, each trade's run-up against its drawdown (excursion-chart.ts) and the trade list, whose run-up and
// drawdown columns give the percent with the money as hover text.
// A run with protective exits names them under its title, breaks its trades down by how they ended beside
// the metrics (exit-table.ts), and its trade list says what closed each trade.
// A comparison (several strategies, parameter sets, modes or markets) opens with every run's return on one
// chart and the metrics as the CLI's summary prints them, a column per run; the sections after it are the first run's.
import { heldText, utcMinute as minute } from '../../shared/backtest/hold-time.ts';
import { basketName } from '../../shared/backtest/portfolio-weights.ts';
import { exitLabel } from '../../shared/backtest/exit-label.ts';
import { exitsLabel, hasExits } from '../../shared/backtest/run-exits.ts';
import { BENCHMARK_COLOR, EXIT_COLORS, FILL_COLORS, KILL_BAND_OPACITY, KILL_COLOR, LOSS_COLOR, PRICE_LINE_COLOR, returnShade, runColor, runStroke, runSwatch } from '../../shared/backtest/palette.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { PortfolioResult } from './run-portfolio.ts';
import type { FillRow } from './trades.ts';
import { exitsExtra } from './exit-table.ts';
import { sidesExtra } from './side-table.ts';
import { entriesExtra } from './entry-table.ts';
import { dataGaps } from './range-coverage.ts';
import { modeText } from './mode-text.ts';
import { entryTagsTell } from '../../shared/backtest/entry-tags.ts';
import { DIRECTION_LABELS } from '../../shared/domain/direction.ts';
import { excursionCell, excursionSection } from './excursion-chart.ts';
import { esc, num, svgChart, wantsLog, type Band, type Line, type Marker } from './svg-chart.ts';
import { pctTickText, tickText } from '../../shared/backtest/nice-ticks.ts';
import { drawdownSeries, monthlyReturns, thin } from './series-shapes.ts';
import { priceChartLines } from './lead-in-chart.ts';
import { leadInCaption, leadInWords } from '../../shared/backtest/lead-in.ts';
import { drawdownsExtra } from './report-extras.ts';
import { priceCell } from './table-cells.ts';
import { lineColor } from '../../shared/domain/line-palette.ts';
import { accountQuote } from '../../shared/backtest/account-quote.ts';
import { dayRange } from '../../shared/backtest/day-range.ts';
import { indicatorLegend } from '../../shared/backtest/indicator-legend.ts';
import { metricRows, runSymbols, withBorrowRow, withUnits } from './summary-table.ts';
import { compareTable } from './compare-table.ts';
import { drawnRuns, notDrawnNote } from './compare-drawn.ts';
import { buyHoldValues } from './metrics.ts';

export interface HtmlExtra {
  title: string;
  /** Rows of a table: the first row is the header. */
  rows: string[][];
  /** Warnings shown above the table. */
  warnings?: string[];
  /** A line under the warnings saying how to read the table (the HTML report's; the CLI prints the table alone). */
  note?: string;
  /** A background for each body cell (null: none), row by row: a heat map's shading. */
  colors?: (string | null)[][];
}

/** A table cell: its text, or its text with hover text (the trade list's run-up and drawdown in money). */
type Cell = string | { text: string; title: string };

const td = (c: Cell) => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td title="${esc(c.title)}">${esc(c.text)}</td>`);

function table(rows: readonly (readonly Cell[])[], cls = '', colors?: readonly (readonly (string | null)[])[]): string {
  const [head, ...body] = rows;
  const cell = (c: Cell, r: number, k: number) => {
    const bg = colors?.[r]?.[k];
    return bg ? td(c).replace('<td', `<td style="background:${esc(bg)}"`) : td(c);
  };
  return `<table class="${cls}"><thead><tr>${(head ?? []).map((h) => `<th>${esc(typeof h === 'string' ? h : h.text)}</th>`).join('')}</tr></thead><tbody>${body.map((row, r) => `<tr>${row.map((c, k) => cell(c, r, k)).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The quote currency of a market ("USDT" of "BTC/USDT" or "BTC/USDT:USDT"), "" when the symbol names none. */
const quoteOf = (symbol: string) => symbol.split('/')[1]?.split(':')[0] ?? '';

function monthlyTable(r: BacktestResult): string {
  const months = monthlyReturns(r.t, r.equity, r.capital);
  const years = [...new Set(months.map((m) => m.year))];
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const cell = (v: number | undefined) => {
    if (v === undefined) return '<td></td>';
    // The app's gain green and loss red (palette.ts), stronger the larger the month's return.
    // A loss short of everything keeps its decimals: -99.95% read "-100.0%", as if the account were gone.
    const text = v > -100 && v <= -99.95 ? `${num(Math.max(v, -99.99), 2)}%` : `${num(v, 1)}%`;
    return `<td style="background:${returnShade(v)}">${text}</td>`;
  };
  const rows = years.map((y) => {
    const ms = months.filter((m) => m.year === y);
    const yearReturn = (ms.reduce((p, m) => p * (1 + m.returnPct / 100), 1) - 1) * 100;
    return `<tr><th>${y}</th>${names.map((_, i) => cell(ms.find((m) => m.m === i + 1)?.returnPct)).join('')}${cell(yearReturn)}</tr>`;
  });
  return `<table class="monthly"><thead><tr><th></th>${names.map((n) => `<th>${n}</th>`).join('')}<th>Year</th></tr></thead><tbody>${rows.join('')}</tbody></table>${noBarsNote(months)}`;
}

/** Most months the line under the monthly table names; past them it counts the rest. */
const MAX_NO_BAR_MONTHS = 6;

/**
 * A line naming the months inside the run that had no bar (a gap in the data): their cells are as empty as
 * the months before the run starts, which read as "not in the run", and the month after a gap returns from
 * the last bar before it. Empty when every month of the range had a bar.
 */
function noBarsNote(months: readonly { year: number; m: number }[]): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const missing: string[] = [];
  for (let k = 1; k < months.length; k++) {
    const a = months[k - 1]!;
    const b = months[k]!;
    for (let i = a.year * 12 + a.m; i < b.year * 12 + b.m - 1; i++) missing.push(`${names[i % 12]} ${Math.floor(i / 12)}`);
  }
  if (missing.length === 0) return '';
  const shown = missing.length > MAX_NO_BAR_MONTHS ? [...missing.slice(0, MAX_NO_BAR_MONTHS - 1), `${missing.length - MAX_NO_BAR_MONTHS + 1} more`] : missing;
  const list = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
  const cells = missing.length === 1 ? 'its cell is' : 'their cells are';
  return `\n<p class="sub" data-no-bars>No bars in ${esc(list)} (a gap in the data): ${cells} empty, and the month after a gap returns from the last bar before it.</p>`;
}

/** A run of a comparison: a result, and its market when the runs span several. */
export type ComparedRun = BacktestResult & { market?: string | undefined };

/**
 * Every run's return (percent of its capital) on one chart, a legend naming each, and the metrics as the
 * CLI's summary prints them (compare-table.ts): a row per metric, a column per run, read across a row to
 * compare; each column headed by the run's name and its line's colour, the best return in bold.
 */
function comparison(runs: readonly ComparedRun[]): string {
  const { labels, rows, best } = compareTable(runs);
  // Each run in the colour and stroke the app draws it in (palette.ts): dashed once the colours come round
  // again, dotted the time after; past those (RUN_LINES) none, as a look would repeat (compare-drawn.ts).
  const drawn = drawnRuns(runs.length);
  const lines: Line[] = runs.slice(0, drawn).map((x, i) => {
    const ret = new Float64Array(x.equity.length);
    for (let k = 0; k < ret.length; k++) ret[k] = (x.equity[k]! / x.capital - 1) * 100;
    const stroke = runStroke(i);
    return { points: thin(x.t, ret, 800), color: runColor(i), dash: stroke === 'dotted' ? 'dotted' : stroke === 'dashed' };
  });
  // A swatch for a drawn run only: over an undrawn run's column it would point at a line that is not there.
  const swatch = (i: number) => (i < drawn ? `<i style="background:${runSwatch(i)}"></i>` : '');
  const legend = labels.slice(0, drawn).map((l, i) => `<span>${swatch(i)}${esc(l)}</span>`).join('');
  const notDrawn = notDrawnNote(labels);
  // A long name wraps between its parameters rather than widening its column: "rsi-reversion(period=14,<wbr>lower=30,...".
  const head = labels.map((l, i) => `<th data-run="${esc(l)}">${swatch(i)}${esc(l).replace(/\(/g, '<wbr>(').replace(/,/g, ',<wbr>')}</th>`).join('');
  // A figure never wraps; words of a setup ("stop-loss 3% · take-profit 6%", the exits row) do, between their parts.
  const cell = (c: string, r: number, k: number) =>
    best && best.row === r && best.run === k ? `<td class="best" title="the best return of these runs">${esc(c)}</td>` : c.includes(' · ') ? `<td class="words">${c.split(' · ').map((part) => `<span>${esc(part)}</span>`).join(' · ')}</td>` : `<td>${esc(c)}</td>`;
  const body = rows.map(([label, ...cells], r) => `<tr><td>${esc(label!)}</td>${cells.map((c, k) => cell(c, r, k)).join('')}</tr>`).join('');
  return `<h2>Runs compared (${runs.length})</h2>
<div class="legend">${legend}</div>
${svgChart(lines, { yLabel: pctTickText, zeroLine: true })}
${notDrawn ? `<p class="sub" data-not-drawn>${esc(notDrawn)}</p>\n` : ''}<div class="wide"><table class="compare"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table></div>
${best ? '<p class="sub">The best return in bold.</p>\n' : ''}${otherNotes(runs, labels)}<p class="sub">The sections below are the first run's (${esc(labels[0]!)}); keel backtest --json lists every run's metrics and notes.</p>`;
}

/**
 * The notes of the runs after the first (its own are under its title below), each named as the summary
 * names it ("note (sma-cross(fast=10,slow=30) aggressive): ..."): the CLI prints every run's, and a
 * second run's kill switch or refusals were in no report.
 */
function otherNotes(runs: readonly ComparedRun[], labels: readonly string[]): string {
  const lines = runs.slice(1).flatMap((x, i) => x.notes.map((n) => `<div class="warn" data-run="${esc(labels[i + 1]!)}">note (${esc(labels[i + 1]!)}): ${esc(n)}</div>`));
  return lines.length === 0 ? '' : `<h2>Notes of the other runs</h2>\n${lines.join('')}\n`;
}

/** "12 runs: sma-cross, ema-cross · BTC/USDT, ETH/USDT 1h · moderate, aggressive": what was compared, each name once. */
function comparedTitle(runs: readonly ComparedRun[], timeframe: string): string {
  const each = (f: (x: ComparedRun) => string) => [...new Set(runs.map(f))].join(', ');
  return `${runs.length} runs: ${each((x) => x.strategy)} · ${each((x) => x.market ?? x.symbol)} ${timeframe} · ${each((x) => modeText(x))}`;
}

/** The arrows of a strategy's own buys and sells (the style's .buy and .sell), as the app's price chart draws them. */
const BUY_COLOR = FILL_COLORS.buy;
const SELL_COLOR = FILL_COLORS.sell;

/** Trades the list shows; the rest are in the trades CSV, and the line above the list says so. */
const MAX_TRADE_ROWS = 5000;

/** Price charts a portfolio's report draws (one per market, the first ones). */
const MAX_PRICE_CHARTS = 8;

/** The lead-in's grey, as the app's price chart draws it: the price line's colour, faded. */
const LEAD_LINE = 'rgba(139,148,158,0.55)';

/**
 * One market's closes with its fills marked (up to MAX_MARKED of them; beyond that a line says how many), and the
 * strategy's indicators. Before the range, shaded, the bars the indicators read first (the run's lead-in,
 * lead-in-chart.ts): their closes dashed in grey, the indicator lines carried back over them, and a line
 * under the chart naming them in the app's words.
 */
/**
 * Fills a price chart marks: four years of a long-and-short run make a few thousand, a busy portfolio's
 * market seven thousand (about 80 bytes each in the page). At 2,000 such runs showed no fill at all.
 */
const MAX_MARKED = 10_000;

/** Each exit kind the markers hold, once, with the arrows its fills are drawn with: ▲ (a short's), ▼ (a long's), or both. */
function exitKinds(markers: readonly Marker[]): { name: string; label: string; arrow: string; color: string }[] {
  const kinds = new Map<string, { name: string; label: string; up: boolean; down: boolean; color: string }>();
  for (const m of markers) {
    if (!m.exit) continue;
    const k = kinds.get(m.exit.name) ?? { name: m.exit.name, label: m.exit.label ?? m.exit.name, up: false, down: false, color: m.exit.color };
    if (m.up) k.up = true;
    else k.down = true;
    kinds.set(m.exit.name, k);
  }
  return [...kinds.values()].map((k) => ({ name: k.name, label: k.label, arrow: `${k.up ? '▲' : ''}${k.down ? '▼' : ''}`, color: k.color }));
}

function priceChart(r: BacktestResult, candles: CandleColumns, fills: readonly FillRow[], heading: string): string {
  // A stop-loss's or take-profit's fill in its exit's colour, as in the app's price chart.
  const markers: Marker[] = fills.length <= MAX_MARKED ? fills.map((f) => ({ t: f.ts, v: f.price, up: f.side === 'buy', exit: f.exit && { name: f.exit, label: exitLabel(f.exit), color: EXIT_COLORS[f.exit] } })) : [];
  const price = thin(candles.t, candles.c, 2000);
  // Each line in the colour the app gives it: the overlays on the price chart, the others in charts of their own under it.
  const { curves: runCurves, lead } = priceChartLines(r.indicators, r.strategy, candles, r.barMs, price);
  const curves = runCurves.map((c, i) => ({ ...c, points: lead ? [...lead.lines[i]!, ...c.points] : c.points, color: lineColor(i) }));
  const leadBands: Band[] = lead ? [{ from: lead.closes[0]![0], to: price[0]![0], cls: 'lead-in' }] : [];
  const leadLine: Line[] = lead ? [{ points: lead.closes, color: LEAD_LINE, dash: true }] : [];
  // The price under the indicator lines, as the app's chart draws them: in its mid grey it still reads as
  // the price around them, and an average that runs close to it (all of a 1m run) is not hidden behind it.
  const overlays: Line[] = curves.filter((c) => c.overlay).map((c) => ({ points: c.points, color: c.color }));
  const levels = (c: (typeof curves)[number]) => c.levels.map((v) => ({ v, color: c.color }));
  // Every line drawn on the chart named in its colour, the price first (its grey is no indicator's).
  const priceKey = `<span data-price-line><i style="background:${PRICE_LINE_COLOR}"></i>price</span>`;
  const span = [lead ? lead.closes[0]![0] : price[0]![0], price.at(-1)![0]] as const;
  // What the arrows are: each kind in its colour, named.
  const kinds = [
    ...(markers.some((m) => m.up && !m.exit) ? [{ name: 'buy', label: 'buy', arrow: '▲', color: BUY_COLOR }] : []),
    ...(markers.some((m) => !m.up && !m.exit) ? [{ name: 'sell', label: 'sell', arrow: '▼', color: SELL_COLOR }] : []),
    ...exitKinds(markers),
  ];
  const fillLegend = kinds.length === 0 ? '' : `<div class="legend fills">${kinds.map((k) => `<span data-fill-kind="${esc(k.name)}"><b style="color:${k.color}">${k.arrow}</b> ${esc(k.label)}</span>`).join('')}</div>\n`;
  // The market's own holes (a file with a month cut out): its lines break there instead of crossing them straight. Before the
  // indicator panes, which draw with them too.
  const gaps = dataGaps(candles.t, candles.length, r.barMs);
  const panes = curves
    .filter((c) => !c.overlay)
    .map((c) => `<div data-indicator-pane="${esc(c.label)}"><div class="sub">${esc(indicatorLegend(c))}</div>${svgChart([{ points: c.points, color: c.color }], { yLabel: tickText, height: 110, span, levels: levels(c), bands: leadBands, gaps })}</div>`);
  const caption = lead ? `<p class="sub" data-lead-in="${lead.bars}">${esc(leadInCaption(lead.bars, lead.closes.length))}</p>\n` : '';
  const priceLines: Line[] = [...leadLine, { points: price, color: PRICE_LINE_COLOR }, ...overlays];
  // A market that went 10× or more over the run on a log scale, as a trader's chart of years is: its early prices read.
  const log = wantsLog(priceLines);
  const legend = `<div class="legend indicators">${priceKey}${curves.map((c) => `<span data-indicator="${esc(c.label)}"><i style="background:${c.color}"></i>${esc(indicatorLegend(c))}</span>`).join('')}${log ? LOG_KEY : ''}</div>\n`;
  return `<h2>${esc(heading)}</h2>
${legend}${fillLegend}${svgChart(priceLines, { yLabel: tickText, markers, levels: curves.filter((c) => c.overlay).flatMap(levels), bands: leadBands, gaps, log })}
${panes.join('\n')}${panes.length ? '\n' : ''}${caption}${markers.length === 0 && fills.length > 0 ? `<p class="sub">${fills.length.toLocaleString('en-US')} fills: too many to mark.</p>` : ''}`;
}

/** The deepest drawdowns as a table under the drawdown chart. */
function worstDrawdowns(r: BacktestResult): string {
  const e = drawdownsExtra(r);
  return e ? `<h2>${esc(e.title)}</h2>\n${table(e.rows, 'drawdowns')}` : '';
}

/** The same capital buying the first open (one fee) and holding: the single-market benchmark's curve. */
function buyHoldCurve(r: BacktestResult, candles: CandleColumns): [number, number][] {
  return thin(candles.t, buyHoldValues(r.capital, candles.o[0]!, r.feePct / 100, candles.c), 1500);
}

/**
 * The report printed (on paper or to a PDF): dark on white, as the dark theme's light text and near-black
 * rules print badly, the grid light. Backgrounds are left out of a print unless the reader ticks "Background
 * graphics", so the legends' colour keys and the months' shading are printed as they are (print-color-adjust),
 * or "strategy" and "buy and hold" name two lines no key tells apart. The trade list prints whole: on screen
 * it scrolls inside 480 px, which printed its first 16 trades and cut its money columns off the page's edge.
 */
const PRINT_CSS = `@media print{body{background:#fff;color:#111;max-width:none;margin:0;padding:0}h2,.legend,.metrics td:first-child,.compare td:first-child{color:#333}.sub{color:#555}
svg text{fill:#444}svg .axis{fill:#333}svg .grid{stroke:#d0d7de}svg .zero{stroke:#8c959f}td,th{border-bottom-color:#d0d7de}.warn{background:none;color:#111}
.legend i,.compare th i,.monthly td,.heat td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.compare td:first-child,.compare th:first-child{position:static;background:none}.compare td.best{color:#000}.wide{overflow:visible}
.compare{width:100%;font-size:7px}.compare td,.compare th{white-space:normal;overflow-wrap:anywhere;padding:1px 2px}
svg polygon[data-exit=trailing-stop],svg g[data-group=trailing-stop]{fill:#57606a}svg polygon[data-exit=take-profit],svg g[data-group=take-profit]{fill:#9a6700}
.legend.fills [data-fill-kind=trailing-stop] b{color:#57606a!important}.legend.fills [data-fill-kind=take-profit] b{color:#9a6700!important}
.legend [data-exit=trailing-stop] i{background:#57606a!important}.legend [data-exit=take-profit] i{background:#9a6700!important}
.trades{max-height:none;overflow:visible;display:table;font-size:9px}.trades td,.trades th{white-space:normal;padding:2px 3px}
h2{break-after:avoid}svg,tr{break-inside:avoid}}`;

/** The legend's word for a chart drawn on a log scale (svg-chart.ts wantsLog). */
const LOG_KEY = '<span data-scale="log">log scale: each step up the axis is the same percent move</span>';

/**
 * `hints`: the lines after the notes (halted-hint.ts: the kill switch engaged for much of the run, a drawdown
 * far past its limit), in the words of whoever wrote the report; nulls are skipped.
 */
export function reportHtml(r: BacktestResult, candles: CandleColumns, info: { timeframe: string; source: string; hints?: readonly (string | null)[] }, extras: HtmlExtra[] = [], compared: readonly ComparedRun[] = []): string {
  const equity = thin(r.t, r.equity, 1500);
  // A portfolio's benchmark is its basket in the run's weights, and each market gets its own price chart.
  const pf = (r as Partial<PortfolioResult>).portfolio;
  const dd = drawdownSeries(r.equity, r.capital);
  const prices = pf ? pf.parts.slice(0, MAX_PRICE_CHARTS).map((p) => priceChart(r, p.candles, r.fills.filter((f) => f.symbol === p.symbol), `Price and trades: ${p.symbol}`)) : [priceChart(r, candles, r.fills, 'Price and trades')];
  if (pf && pf.parts.length > MAX_PRICE_CHARTS) prices.push(`<p class="sub">The price charts of the first ${MAX_PRICE_CHARTS} markets of ${pf.parts.length}.</p>`);
  const end = r.t[r.t.length - 1]! + r.barMs;
  // The bars read before the range in the app's words: a portfolio's per market, each as far as its data went back.
  const leadIn = leadInWords({ leadIn: r.leadIn, markets: pf?.parts });
  const bands: Band[] = r.halts.map((h) => ({ from: h.from, to: h.to ?? end }));
  const gaps = dataGaps(r.t, r.t.length, r.barMs);
  const equityLines: Line[] = [{ points: pf ? thin(r.t, pf.basket, 1500) : buyHoldCurve(r, candles), color: BENCHMARK_COLOR }, { points: equity, color: runColor(0) }];
  // A run beside a market that went 10× (or an account that did) on a log scale: on a linear one the smaller is a flat line along the bottom.
  const equityLog = wantsLog(equityLines);
  // After the mode, what the app's runs table names too: a re-arm after a drawdown kill, positions closed at a loss limit.
  const risk = `${r.lossLimits.rearmAfterDays === null ? '' : ` · re-arm ${r.lossLimits.rearmAfterDays}d`}${r.lossLimits.closeOnLossLimit ? ' · closes at loss limit' : ''}`;
  const title = `${r.strategy} ${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ')} · ${r.symbol} ${info.timeframe} · ${modeText(r)}${r.direction === 'long' ? '' : ` · ${DIRECTION_LABELS[r.direction]}`}${risk}`;
  // A column for borrow interest only when a trade paid some (a run that shorted with --borrow-rate).
  const paidInterest = r.trades.some((t) => t.interest !== undefined);
  // And for the entries' tags only when they tell something (tagged more than one way, not one per side).
  const entryTags = entryTagsTell(r.trades);
  const trades = r.trades.slice(0, MAX_TRADE_ROWS).map((t, i): Cell[] => [
    String(i + 1),
    ...(pf ? [t.symbol ?? ''] : []),
    t.side,
    minute(t.entryTs),
    minute(t.exitTs) + (t.closed ? '' : ' (open)'),
    heldText(t.entryTs, t.exitTs),
    ...(entryTags ? [t.entryTag ?? ''] : []),
    // What closed it: the tag of the strategy's order (or the kill switch's), else why.
    t.exitTag ?? (t.exit && exitLabel(t.exit)),
    priceCell(t.entryPrice),
    priceCell(t.exitPrice),
    String(t.qty),
    num(t.fees, 2),
    ...(paidInterest ? [num(t.interest ?? 0, 2)] : []),
    num(t.pnl, 2),
    `${num(t.returnPct, 2)}%`,
    excursionCell(t.runUpPct, t.runUp, quoteOf(t.symbol ?? r.symbol)),
    excursionCell(t.drawdownPct, t.drawdown, quoteOf(t.symbol ?? r.symbol)),
  ]);
  const exits = exitsExtra(r);
  const sides = sidesExtra(r);
  const entries = entriesExtra(r);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(compared.length > 1 ? comparedTitle(compared, info.timeframe) : title)}</title>
<style>
body{font:13px/1.45 system-ui,sans-serif;background:#0f1318;color:#d7dde4;margin:24px auto;max-width:1240px;padding:0 16px}
h1{font-size:18px;margin:0 0 4px}h1~h1{margin-top:32px}h1+h2{margin-top:12px}h2{font-size:14px;margin:24px 0 8px;color:#9fb0c2;text-transform:uppercase;letter-spacing:.05em}
.sub{color:#8393a5}svg text{fill:#8393a5;font-size:10px}svg .grid{stroke:#222b35}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}td,th{padding:3px 6px;border-bottom:1px solid #222b35;text-align:right}
th:first-child,td:first-child{text-align:left}.metrics td:first-child{color:#9fb0c2}.monthly{table-layout:fixed}.monthly th,.monthly td{text-align:center}
.halt{fill:${KILL_COLOR};fill-opacity:${KILL_BAND_OPACITY}}.lead-in{fill:#8b949e;fill-opacity:.16}.buy{fill:${BUY_COLOR}}.sell{fill:${SELL_COLOR}}.warn{background:#3a2a10;border:1px solid #8a6420;padding:6px 10px;margin:6px 0}
.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
.trades{max-height:480px;overflow:auto;display:block}.trades td,.trades th{white-space:nowrap;padding:3px 5px}.legend{display:flex;flex-wrap:wrap;row-gap:2px}
.wide{overflow-x:auto}.heat{width:auto}.heat td{text-align:center;min-width:64px}
.compare td{white-space:nowrap}.compare td.words{white-space:normal}.compare td.words span{white-space:nowrap}.compare th{vertical-align:bottom;min-width:7em;font-weight:600}.compare td:first-child{color:#9fb0c2}.compare td.best{font-weight:700;color:#fff}
.compare th i{display:block;height:3px;margin:0 0 4px auto;width:24px}.compare td:first-child,.compare th:first-child{position:sticky;left:0;background:#0f1318}
svg .zero{stroke:#5a6878}svg .axis{fill:#9fb0c2;font-size:11px}.legend i.dot{width:8px;height:8px;border-radius:50%}.trades td[title]{cursor:help}
${PRINT_CSS}
</style></head><body>
${compared.length > 1 ? `<h1>${esc(comparedTitle(compared, info.timeframe))}</h1>\n${comparison(compared)}\n<h1>The first run: ${esc(title)}</h1>` : `<h1>${esc(title)}</h1>`}
<div class="sub">${esc(info.source)} · ${dayRange(r.metrics)} · ${r.metrics.bars.toLocaleString('en-US')} bars${leadIn === null ? '' : ` (${esc(leadIn)})`} · capital ${num(r.capital)} ${esc(accountQuote(runSymbols(r)))} · fee ${r.feePct}% per fill · slippage ${r.slippageBps} bps${r.direction === 'long' ? '' : ` · borrow ${r.borrowRatePct}% a year`}${hasExits(r.exits) ? ` · ${esc(exitsLabel(r.exits))}` : ''}</div>
${r.notes.map((n) => `<div class="warn">${esc(n)}</div>`).join('')}${(info.hints ?? []).map((h) => (h ? `<div class="warn" data-hint>hint: ${esc(h)}</div>` : '')).join('')}
<h2>Metrics</h2>
${table([['metric', 'value'], ...withUnits([r], withBorrowRow([r], metricRows([r]))).map((row) => [row[0]!, row[1]!])], 'metrics')}${exits ? `\n<h2>${esc(exits.title)}</h2>\n${table(exits.rows, 'exits')}` : ''}${sides ? `\n<h2>${esc(sides.title)}</h2>\n${table(sides.rows, 'sides')}` : ''}${entries ? `\n<h2>${esc(entries.title)}</h2>\n${table(entries.rows, 'entries')}` : ''}
<h2>Equity</h2>
<div class="legend"><span><i style="background:${runColor(0)}"></i>strategy</span><span><i style="background:${BENCHMARK_COLOR}"></i>buy and hold${pf ? ` (${basketName(pf.parts)})` : ''}</span>${bands.length ? `<span><i style="background:${KILL_COLOR}"></i>kill switch engaged (no new entries)</span>` : ''}${equityLog ? LOG_KEY : ''}</div>
${svgChart(equityLines, { yLabel: tickText, bands, gaps, log: equityLog })}
<h2>Drawdown</h2>
${svgChart([{ points: thin(r.t, dd, 1500), color: LOSS_COLOR, fill: true }], { yLabel: pctTickText, zeroLine: true, bands, gaps })}
${worstDrawdowns(r)}
${prices.join('\n')}
<h2>Monthly returns</h2>
${monthlyTable(r)}
${excursionSection(r.trades)}
${extras.map((e) => `<h2>${esc(e.title)}</h2>${(e.warnings ?? []).map((w) => `<div class="warn">${esc(w)}</div>`).join('')}${e.note ? `<p class="sub">${esc(e.note)}</p>` : ''}${table(e.rows, e.colors ? 'heat' : '', e.colors)}`).join('\n')}
<h2>Trades (${r.trades.length.toLocaleString('en-US')})</h2>
${r.trades.length === 0 ? '<p class="sub" data-no-trades>No trade: no position was opened in this run (the notes above say why when orders were refused).</p>' : ''}${r.trades.length > MAX_TRADE_ROWS ? `<p class="sub">The first ${MAX_TRADE_ROWS.toLocaleString('en-US')} of ${r.trades.length.toLocaleString('en-US')} trades; the trades CSV (keel backtest --trades-csv, the app's CSV button) has every one.</p>\n` : ''}${r.trades.length === 0 ? '' : table([['#', ...(pf ? ['market'] : []), 'side', 'entry', 'exit', 'held', ...(entryTags ? ['entry tag'] : []), 'exit by', 'entry price', 'exit price', 'qty', 'fees', ...(paidInterest ? ['interest'] : []), 'P&L', 'return', 'run-up', 'drawdown'], ...trades], 'trades')}
</body></html>
`;
}

