// The "Across markets" tab: the same strategies run on several stored series with the same money and
// dates, one row per strategy, parameter set, mode and direction, one column per series. A strategy that
// only works on the market it was tuned on shows it here: each column carries that market's buy and hold,
// and each row counts the markets where it beat buy and hold and where it made money at all.
import type { RunSummary } from './backtest-store.ts';
import { shownRuns, strategyParams, takesCell, type MatrixCell } from './compare-matrix.ts';
import { directionSuffix } from './direction-view.ts';
import { borrowSuffix } from './borrow-view.ts';
import { exitsTag } from './exits-view.ts';
import { isPortfolio } from './run-markets.ts';
import { dayRange } from '../../../../shared/backtest/day-range.ts';
import { fitAxis, type Axis } from '../../../../shared/backtest/nice-ticks.ts';
import { modeLabel } from './mode-label.ts';
import { runMark, type RunMark } from './run-marks.ts';

export interface MarketColumn {
  /** "local:BTC/USDT:1h". */
  key: string;
  /** "BTC/USDT 1h" (with the exchange when the columns span several). */
  label: string;
  /** Buy and hold of the series over the runs' span, once one of its runs has finished. */
  buyHoldReturnPct: number | null;
  /** The span its runs covered (first bar's open to last bar's close), once one has finished. */
  from: number | null;
  to: number | null;
}

export interface MarketRow {
  /** "sma-cross fast=10 slow=30 · moderate" (" · short" or " · long+short" when it could short). */
  label: string;
  /** One per column; null where this row was not run on that series. */
  cells: (MatrixCell | null)[];
  /** Finished cells, and of those how many beat their market's buy and hold, and how many made money. */
  done: number;
  beat: number;
  positive: number;
  /** Its colour and fill, on its swatch and its bars (run-marks.ts: rows 1, 7 and 13 apart). */
  mark: RunMark;
}

export interface MarketMatrix {
  markets: MarketColumn[];
  rows: MarketRow[];
  runs: number;
  /** True when the finished markets cover different stretches of time: their returns are then not comparable. */
  spansDiffer: boolean;
}

/**
 * "2021-01-01 to 2022-12-31": a market's stretch as keel backtest's "Across markets" warning names it
 * (shared/backtest/day-range.ts); "…" until one of its runs has finished.
 */
export function marketSpan(k: Pick<MarketColumn, 'from' | 'to'>): string {
  return k.from === null || k.to === null ? '…' : dayRange(k);
}

const seriesKey = (r: RunSummary) => `${r.request.series.exchange}:${r.request.series.symbol}:${r.request.series.timeframe}`;

/** What runs must share to be compared across markets: everything but the series, strategy, parameters and mode (the exits and closing at a loss limit too, as in groupKey). */
export function marketGroupKey(r: RunSummary): string {
  const q = r.request;
  return [q.from ?? '', q.to ?? '', q.capital, q.feePct, q.slippageBps, q.rearmAfterDays ?? '', q.closeOnLossLimit ? 'close-at-loss-limit' : '', exitsTag(q)].join('|');
}

const returnOf = (c: MatrixCell | null): number | null => {
  const v = c?.status === 'done' ? c.metrics?.['totalReturnPct'] : undefined;
  return typeof v === 'number' ? v : null;
};

/**
 * The markets comparison of `anchor` (the run selected in the table, else the newest): the runs that share
 * its money and dates and whose row (strategy, parameters, mode) was run on at least two series; null when
 * no row was. A row run twice on one series counts once: its newest run. Portfolio runs are not in it:
 * one trades all its markets from one account, so its figures are not a run on any one of them (and with
 * a portfolio run selected there is no comparison across markets to show).
 */
export function marketMatrix(runs: readonly RunSummary[], anchor: RunSummary | null): MarketMatrix | null {
  if (!anchor || isPortfolio(anchor.request)) return null;
  const key = marketGroupKey(anchor);
  // Oldest first: rows and columns in the order they were first run.
  const group = [...runs].filter((r) => !isPortfolio(r.request) && marketGroupKey(r) === key).sort((a, b) => Number(a.runId.slice(3)) - Number(b.runId.slice(3)));
  // Named as the runs table names them: a run that could short is a row of its own, at each borrow rate.
  const rowOf = (r: RunSummary) => `${strategyParams(r)} · ${modeLabel(r.request)}${directionSuffix(r.request)}${borrowSuffix(r.request)}`;
  const seriesByRow = new Map<string, Set<string>>();
  for (const r of group) {
    const set = seriesByRow.get(rowOf(r)) ?? new Set<string>();
    set.add(seriesKey(r));
    seriesByRow.set(rowOf(r), set);
  }
  const rowLabels = [...seriesByRow].filter(([, s]) => s.size >= 2).map(([label]) => label);
  if (rowLabels.length === 0) return null;
  const inRows = group.filter((r) => rowLabels.includes(rowOf(r)));
  const keys = [...new Set(inRows.map(seriesKey))];
  const exchanges = new Set(inRows.map((r) => r.request.series.exchange));
  const markets: MarketColumn[] = keys.map((k) => {
    const [exchange, symbol, timeframe] = k.split(':');
    return { key: k, label: exchanges.size > 1 ? `${exchange} ${symbol} ${timeframe}` : `${symbol} ${timeframe}`, buyHoldReturnPct: null, from: null, to: null };
  });
  const cells = new Map(rowLabels.map((l) => [l, keys.map((): MatrixCell | null => null)]));
  // Newest first, so the first run seen of a cell is its newest.
  for (const r of [...inRows].reverse()) {
    const row = cells.get(rowOf(r))!;
    const col = keys.indexOf(seriesKey(r));
    if (takesCell(row[col] ?? null, r)) row[col] = { runId: r.runId, status: r.status, progress: r.progress, metrics: r.metrics };
    const hold = r.status === 'done' ? r.metrics?.['buyHoldReturnPct'] : undefined;
    const k = markets[col]!;
    if (k.buyHoldReturnPct === null && typeof hold === 'number') {
      k.buyHoldReturnPct = hold;
      k.from = r.metrics?.['from'] ?? null;
      k.to = r.metrics?.['to'] ?? null;
    }
  }
  const rows = rowLabels.map((label, r): MarketRow => {
    const row = cells.get(label)!;
    let done = 0;
    let beat = 0;
    let positive = 0;
    row.forEach((c, i) => {
      const ret = returnOf(c);
      if (ret === null) return;
      done++;
      if (ret > 0) positive++;
      const hold = markets[i]!.buyHoldReturnPct;
      if (hold !== null && ret > hold) beat++;
    });
    return { label, cells: row, done, beat, positive, mark: runMark(r) };
  });
  const spans = new Set(markets.filter((k) => k.from !== null).map((k) => `${k.from}-${k.to}`));
  return { markets, rows, runs: shownRuns(rows), spansDiffer: spans.size > 1 };
}

/**
 * The value axis of the returns as bars: every finished run's return and each market's buy and hold, with 0
 * (the bars stand on it), fitted and ticked as the page's other plots and the report's charts are
 * (nice-ticks.ts); null while nothing has finished.
 */
export function marketBarsAxis(m: Pick<MarketMatrix, 'rows' | 'markets'>): Axis | null {
  const values: number[] = [];
  for (const row of m.rows) for (const c of row.cells) if (returnOf(c) !== null) values.push(returnOf(c)!);
  for (const k of m.markets) if (k.buyHoldReturnPct !== null) values.push(k.buyHoldReturnPct);
  if (values.length === 0) return null;
  return fitAxis(Math.min(0, ...values), Math.max(0, ...values));
}
