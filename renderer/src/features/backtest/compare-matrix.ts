// The comparison the "By strategy & mode" tab draws: the runs made on the same data with the same money
// (series, dates, capital, fee, slippage, re-arm, closing at a loss limit, exits), one row per strategy, parameter set and direction
// (long only, short only, long and short; a short's borrow rate too), one column per risk mode, so a trader reads across a row how a mode changes a strategy and down a column which
// strategy a mode suits. Runs started together from the form form such a group, and so do runs started
// one by one with the same settings.
import { alikeAtFullShare, alikeRowsNotes, entryShareAtDefaults, type AlikeRow, type ModeRun } from '../../../../shared/backtest/modes-alike.ts';
import type { RunSummary } from './backtest-store.ts';
import { exitsTag } from './exits-view.ts';
import { directionSuffix } from './direction-view.ts';
import { borrowSuffix } from './borrow-view.ts';
import { MODES } from './run-form.ts';
import { unequalShares } from './run-markets.ts';
import { modeLabel } from './mode-label.ts';
import { runMark, type RunMark } from './run-marks.ts';

export interface MatrixCell {
  runId: string;
  status: RunSummary['status'];
  progress: number;
  metrics: RunSummary['metrics'];
}

export interface MatrixRow {
  /** "sma-cross fast=10 slow=30" (" · short" or " · long+short" when it could short). */
  label: string;
  /** One per column; null where that strategy was not run in that mode. */
  cells: (MatrixCell | null)[];
  /** Indexes of the columns with the highest return among the finished runs of the row (all of them on a tie); none before any. */
  best: number[];
  /** Its colour and fill, on its swatch and its points on the risk/return plot (run-marks.ts: rows 1, 7 and 13 apart). */
  mark: RunMark;
}

export interface CompareMatrix {
  /** Each column's risk mode, in MODES order; the custom mode once per position % it was run at. */
  modes: RunSummary['request']['mode'][];
  /** Each column's heading (modeLabel): the mode, "custom 40%" for the custom mode at a position %. */
  columns: string[];
  rows: MatrixRow[];
  /** Buy and hold over the same data (the same for every run of the group), once one has finished. */
  buyHoldReturnPct: number | null;
  /** How many runs the matrix shows (a cell run again counts once, as the cells show it). */
  runs: number;
  /** Why modes of a row made the same run (modes-alike.ts), one line per set of modes alike, naming its rows; empty when none did. */
  alike: string[];
}

/**
 * What runs must share to be compared: everything but the strategy, its parameters, the direction (a row
 * of its own: the same strategy long only and long and short side by side) and the mode. A
 * portfolio run's other markets are part of its data: it is compared with runs of the same portfolio,
 * never with runs on its first market alone; and its shares too (3,1 and 75,25 alike; none and 1,1 alike):
 * a 75/25 split sizes other entries and holds another basket than a 50/50 one. And its exits: a stop-loss
 * or take-profit ends trades the strategy would have held, so runs with other exits (or none) are other runs.
 * And whether a loss-limit breach closed the positions (closeOnLossLimit): that cuts a crash short where the
 * other run rode it, so the two are other setups, not one strategy's modes side by side.
 */
export function groupKey(r: RunSummary): string {
  const q = r.request;
  const markets = [q.series, ...q.portfolio].map((s) => `${s.exchange}:${s.symbol}:${s.timeframe}`).join('+');
  const shares = unequalShares(q)?.map((s) => s.toFixed(9)).join(',') ?? '';
  return [markets, shares, q.from ?? '', q.to ?? '', q.capital, q.feePct, q.slippageBps, q.rearmAfterDays ?? '', q.closeOnLossLimit ? 'close-at-loss-limit' : '', exitsTag(q)].join('|');
}

/** "sma-cross fast=10 slow=30": the strategy and its parameters. */
export function strategyParams(r: RunSummary): string {
  const p = Object.entries(r.request.params).map(([k, v]) => `${k}=${v}`).join(' ');
  return p ? `${r.request.strategy} ${p}` : r.request.strategy;
}

/**
 * A row's name: the strategy and its parameters, its direction when it could short ("sma-cross fast=10
 * slow=30 · long+short") and the rate its shorts paid to borrow (" · borrow 10 %/yr"): the same run at
 * another rate is a row of its own, beside it.
 */
export function strategyLabel(r: RunSummary): string {
  return `${strategyParams(r)}${directionSuffix(r.request)}${borrowSuffix(r.request)}`;
}

/**
 * Whether run `r`, older than the one in `cell`, takes the cell: it is the first seen, or the newer one was
 * cancelled or failed and this one finished (a re-run stopped halfway hides no figures a run already made).
 */
export function takesCell(cell: MatrixCell | null, r: Pick<RunSummary, 'status'>): boolean {
  return cell === null || ((cell.status === 'cancelled' || cell.status === 'failed') && r.status === 'done');
}

/** How many runs a matrix shows: one per filled cell (a strategy run twice in one mode is in one cell). */
export const shownRuns = (rows: readonly { cells: readonly (MatrixCell | null)[] }[]): number => rows.reduce((n, row) => n + row.cells.filter((c) => c !== null).length, 0);

/**
 * The group of `anchor` (the run selected in the table, else the newest), or null with fewer than two
 * runs in it. A strategy run twice in one mode counts once: its newest run (its newest finished one when a
 * newer was cancelled or failed).
 */
export function compareMatrix(runs: readonly RunSummary[], anchor: RunSummary | null): CompareMatrix | null {
  if (!anchor) return null;
  const key = groupKey(anchor);
  // Newest first (the runs table's order), so the first run seen of a cell is its newest.
  const group = [...runs].filter((r) => groupKey(r) === key).sort((a, b) => Number(b.runId.slice(3)) - Number(a.runId.slice(3)));
  if (group.length < 2) return null;
  // A column per mode, and per position % of the custom mode: custom at 40% and at 60% are two runs of a row.
  const byColumn = new Map<string, { mode: RunSummary['request']['mode']; pct: number }>();
  for (const r of group) byColumn.set(modeLabel(r.request), { mode: r.request.mode, pct: r.request.positionPct ?? 0 });
  const columns = [...byColumn.keys()].sort((a, b) => MODES.indexOf(byColumn.get(a)!.mode) - MODES.indexOf(byColumn.get(b)!.mode) || byColumn.get(a)!.pct - byColumn.get(b)!.pct);
  const modes = columns.map((c) => byColumn.get(c)!.mode);
  const shares = columns.map((c) => byColumn.get(c)!);
  const labels: string[] = [];
  const byLabel = new Map<string, (MatrixCell | null)[]>();
  // Rows in the order their strategies were first run (oldest first).
  for (const r of [...group].reverse()) {
    const label = strategyLabel(r);
    if (!byLabel.has(label)) {
      labels.push(label);
      byLabel.set(label, modes.map(() => null));
    }
  }
  let buyHold: number | null = null;
  for (const r of group) {
    const cells = byLabel.get(strategyLabel(r))!;
    const col = columns.indexOf(modeLabel(r.request));
    if (!takesCell(cells[col] ?? null, r)) continue;
    cells[col] = { runId: r.runId, status: r.status, progress: r.progress, metrics: r.metrics };
    if (buyHold === null && r.metrics) buyHold = r.metrics['buyHoldReturnPct'] ?? null;
  }
  const rows = labels.map((label, r): MatrixRow => {
    const cells = byLabel.get(label)!;
    // Every column at the highest return: a tie (two modes whose loss limits never bit) bolds both, or the
    // second would read as worse.
    const returns = cells.map((c) => (c?.status === 'done' && typeof c.metrics?.['totalReturnPct'] === 'number' ? c.metrics['totalReturnPct'] : null));
    const top = Math.max(...returns.filter((v) => v !== null));
    const best = returns.flatMap((v, i) => (v !== null && v === top ? [i] : []));
    return { label, cells, best, mark: runMark(r) };
  });
  // A strategy run twice in one mode and nothing else is one cell: nothing to compare.
  if (shownRuns(rows) < 2) return null;
  return { modes, columns, rows, buyHoldReturnPct: buyHold, runs: shownRuns(rows), alike: alikeLines(rows, shares, anchor) };
}

/**
 * The rows whose modes made the same run because each took all of equity per entry, said in words. Runs
 * with a stop-loss of their own size their entries over it, so the group's exits leave them out.
 */
function alikeLines(rows: readonly MatrixRow[], columns: readonly { mode: RunSummary['request']['mode']; pct: number }[], anchor: RunSummary): string[] {
  const q = anchor.request;
  if (q.stopLossPct !== null || (q.trailingStopPct ?? null) !== null) return [];
  const alike: AlikeRow[] = [];
  for (const row of rows) {
    const runs: ModeRun[] = [];
    row.cells.forEach((c, i) => {
      // A custom column's entries took its position %; one run without one, the defaults' share.
      const { mode, pct } = columns[i]!;
      const share = mode === 'custom' && pct > 0 ? pct / 100 : entryShareAtDefaults(mode);
      if (c?.status === 'done' && c.metrics) runs.push({ mode, share, figures: JSON.stringify(c.metrics) });
    });
    const modes = alikeAtFullShare(runs);
    if (modes) alike.push({ label: rows.length > 1 ? row.label : null, modes });
  }
  return alikeRowsNotes(alike, 'an SL % of').map((note) => `${note}.`);
}
