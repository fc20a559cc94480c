// The tables a report adds after the run's own (the HTML report's sections, the CLI's printed ones): a
// parameter search's ranking and held-out check, a walk-forward's folds, a Monte Carlo's bands, a
// portfolio's markets. One wording for `keel backtest` and the app's saved reports; every figure in them as
// the app's tabs write the same one (figure-text.ts).
import { blankCellMark, blankCellsKey, heatColor, heatmap, heatmapRange } from '../../shared/backtest/heatmap.ts';
import { allCells, cellList, marketCells } from '../../shared/backtest/portfolio-cells.ts';
import { holdTimeText, utcMinute as minute } from '../../shared/backtest/hold-time.ts';
import { drawdownPeriods } from './drawdown-periods.ts';
import { countText, efficiencyText, pctText, scoreText } from '../../shared/backtest/figure-text.ts';
import { dayRange } from '../../shared/backtest/day-range.ts';
import { objectiveTitle, scoreHead, walkScoreHeads } from '../../shared/backtest/objective-label.ts';
import { METHOD_TEXT, openLeftOutText } from '../../shared/backtest/monte-carlo-methods.ts';
import type { BacktestResult } from './run-backtest.ts';
import type { HtmlExtra } from './report-html.ts';
import type { MonteCarloResult } from './monte-carlo.ts';
import type { Metrics } from './metrics.ts';
import type { SearchResult } from './optimize.ts';
import type { PortfolioResult } from './run-portfolio.ts';
import type { WalkForwardResult } from './walk-forward.ts';
import { RANKED_IN_JSON } from './report-json.ts';

/** Sets the printed and HTML Optimization tables list, best first. */
const LISTED = 20;

const paramText = (p: Record<string, number>) => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(',');

export function searchExtra(s: SearchResult): HtmlExtra {
  // The score column headed as the app's Optimization tab heads it ("Sharpe", not the --objective name "sharpe").
  const head = ['params', scoreHead(s.objective), 'return', 'max DD', 'trades'];
  // Each figure as the app's Optimization tab writes it (figure-text.ts).
  const figures = (score: number, m: { totalReturnPct: number; maxDrawdownPct: number; trades: number }) => [scoreText(score), pctText(m.totalReturnPct), pctText(m.maxDrawdownPct), countText(m.trades)];
  const rows = s.ranked.slice(0, LISTED).map((x) => [paramText(x.params), ...figures(x.score, x.metrics)]);
  if (s.outOfSample) rows.push([`best, out of sample (${dayRange(s.outOfSample.metrics)}, bars ${s.outOfSample.from}..${s.outOfSample.to - 1})`, ...figures(s.outOfSample.score, s.outOfSample.metrics)]);
  const best = s.ranked[0];
  // The report's run is the best set over every bar, the ones it was picked on included: say so, or its figures read as a result out of sample.
  const note = best && `The run this report opens with is the best set (${paramText(best.params)}) over all the bars, the in-sample ones it was picked on included${s.outOfSample ? '; the "best, out of sample" row is its result on bars the search did not see' : ''}.`;
  // The table lists the best LISTED: said in the title, or a trader counting its rows to see every set ran comes up short.
  const listed = s.ranked.length > LISTED ? `: the best ${LISTED} listed, ${Math.min(s.ranked.length, RANKED_IN_JSON)} in the JSON report;` : ',';
  return { ...(note ? { note } : {}), title: `Optimization (${s.ranked.length.toLocaleString('en-US')} set${s.ranked.length === 1 ? '' : 's'}${listed} in sample: ${s.ranked[0] ? `${dayRange(s.ranked[0].metrics)}, ` : ''}bars ${s.inSample.from}..${s.inSample.to - 1})`, rows: [head, ...rows], warnings: s.warnings };
}

/**
 * A search over two parameters as a grid of its in-sample scores, shaded green (best) to red (worst) in the
 * HTML report as the app shades it; null when it did not vary exactly two.
 */
export function heatmapExtra(s: SearchResult, random = false): HtmlExtra | null {
  const map = heatmap(s.ranked);
  if (!map) return null;
  const { lo, hi } = heatmapRange(map);
  const key = blankCellsKey(map, s.objective, random);
  return {
    title: `${objectiveTitle(s.objective)} by ${map.row} (down) and ${map.col} (across), in sample; green is best${key === '' ? '' : ` (${key})`}`,
    rows: [[`${map.row} \\ ${map.col}`, ...map.colValues.map(String)], ...map.rowValues.map((v, r) => [String(v), ...map.score[r]!.map((x, c) => (x === null ? blankCellMark(map.tried[r]![c]!) : scoreText(x)))])],
    colors: map.rowValues.map((_, r) => [null, ...map.score[r]!.map((x) => (x === null ? null : heatColor(x, lo, hi)))]),
  };
}

/** A run's deepest drawdowns: when each began (the peak), bottomed and recovered, how deep and how long; null for a run that never fell. */
export function drawdownsExtra(r: BacktestResult): HtmlExtra | null {
  const periods = drawdownPeriods(r.t, r.equity, r.barMs, r.capital);
  if (periods.length === 0) return null;
  const rows = periods.map((p, i) => [String(i + 1), minute(p.peakTs), minute(p.troughTs), p.recoveredTs === null ? 'not recovered' : minute(p.recoveredTs), pctText(p.depthPct), holdTimeText(p.days)]);
  return { title: 'Worst drawdowns', rows: [['#', 'peak', 'trough', 'recovered', 'depth', 'length'], ...rows] };
}

export function walkExtra(w: WalkForwardResult): HtmlExtra {
  // Each fold's days beside its bars' numbers, so a trader sees which market each fold met.
  const rows = w.folds.map((f, i) => [String(i + 1), dayRange(f.inSampleMetrics), dayRange(f.outOfSampleMetrics), paramText(f.params), scoreText(f.inSampleScore), scoreText(f.outOfSampleScore), pctText(f.inSampleMetrics.totalReturnPct), pctText(f.outOfSampleMetrics.totalReturnPct)]);
  rows.push(['all', '', '', 'stitched out of sample', '', '', '', pctText(w.outOfSampleReturnPct)]);
  const last = w.folds.at(-1);
  const note = last && `The run this report opens with is the last fold's winner (${paramText(last.params)}) over all the bars, in sample and out of sample alike; the walk-forward's own result is the stitched out-of-sample return.`;
  return { ...(note ? { note } : {}), title: `Walk-forward (${w.folds.length} ${w.anchored ? 'anchored ' : ''}folds, efficiency ${efficiencyText(w.efficiency, w.folds)})`, rows: [['fold', 'in sample', 'out of sample', 'params', ...walkScoreHeads(w.objective), 'IS return', 'OOS return'], ...rows], warnings: w.warnings };
}

const monteNote = `${METHOD_TEXT.reorder} ${METHOD_TEXT.resample} "The run, in order": its own trades as they closed, measured from closed trade to closed trade as the simulations are, so its drawdown can be shallower than the run's bar-by-bar max drawdown.`;

/**
 * `of`: the run the trades are from, named when the report compares several. `run`: its metrics, when the
 * bands are of its closed trades only, so trades still open at the end are said to be left out.
 */
export function monteExtra(m: MonteCarloResult, of?: string, run?: Pick<Metrics, 'openTrades' | 'totalReturnPct'>): HtmlExtra {
  const leftOut = run === undefined ? null : openLeftOutText(run.openTrades, pctText(m.actual.returnPct), pctText(run.totalReturnPct));
  // Beside the bands, the run's own trades in the order they closed, measured as the simulations are: where the run falls in them.
  const row = (name: string, b: { p5: number; p50: number; p95: number }, actual: number) => [name, pctText(b.p5), pctText(b.p50), pctText(b.p95), pctText(actual)];
  return {
    title: `Monte Carlo (${m.runs.toLocaleString('en-US')} runs of ${m.trades.toLocaleString('en-US')} trade${m.trades === 1 ? '' : 's'})${of === undefined ? '' : ` of ${of}`}`,
    // Without a closed trade every simulation is the starting equity, and with one every simulation is that
    // trade: a band of no width that reads as a certainty. (The app shows no band below two trades.)
    ...(m.trades === 0 ? { warnings: ['the run closed no trade, so there is nothing to reorder or resample: every simulation stays at the starting equity, and these zeros say nothing about the strategy'] } : {}),
    ...(m.trades === 1 ? { warnings: ['the run closed one trade, so every reordering and every resample is that one trade: the band has no width and says nothing of the luck of the order; reordering or resampling needs at least 2 closed trades'] } : {}),
    // What each method varies: the reordered return's band has no width by arithmetic, not by mistake
    // (below two trades the warnings above say why no band has any).
    // The trade still open at the end is said whatever the count: with one closed trade (or none) and one open,
    // "the run, in order" (-1.03%) beside a total return of 9.64% was otherwise left to explain itself.
    ...(m.trades >= 2 ? { note: leftOut === null ? monteNote : `${monteNote} ${leftOut}` } : leftOut === null ? {} : { note: leftOut }),
    rows: [
      ['', '5th pct', 'median', '95th pct', 'the run, in order'],
      row('return, trades reordered', m.reorder.returnPct, m.actual.returnPct),
      row('max drawdown, trades reordered', m.reorder.maxDrawdownPct, m.actual.maxDrawdownPct),
      row('return, trades resampled', m.resample.returnPct, m.actual.returnPct),
      row('max drawdown, trades resampled', m.resample.maxDrawdownPct, m.actual.maxDrawdownPct),
    ],
  };
}

/** What each market of a portfolio run did: its share of the account, bars, fills, closed trades and P&L, beside holding it alone; then all of them. */
export function portfolioExtra(r: PortfolioResult, of?: string): HtmlExtra {
  const parts = r.portfolio.parts;
  const symbols = parts.map((p) => p.symbol);
  // The cells as the app's markets table writes them (portfolio-cells.ts): a market quoted in another asset
  // (ETH/BTC on a USDT account) holds in that asset, and its cell says so.
  const rows = parts.map((p) => [p.symbol, ...cellList(marketCells({ ...p, bars: p.candles.length }, symbols))]);
  rows.push(['all', ...cellList(allCells(parts, r.metrics))]);
  return { title: `Portfolio (${parts.length} markets, one account)${of === undefined ? '' : `: ${of}`}`, rows: [['market', 'weight', 'bars', 'fills', 'trades', 'P&L', 'buy and hold'], ...rows] };
}
