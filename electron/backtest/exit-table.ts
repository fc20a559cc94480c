// How a run's trades ended, as the reports show it: the "Exits" table (exitBreakdown: the strategy's own
// exits, the stop-losses, the take-profits, the trades still open) that keel backtest prints under its
// summary and the HTML report puts beside the metrics, and the rows a comparison adds to the summary
// (the exits each run had, and how many trades each exit closed). Both appear only for runs that had
// protective exits (set for the run, or given by the strategy per entry) or whose strategy exits were
// tagged in more than one way (the table then splits them by tag: "cross down", "margin call"), so a run
// without them reads as it always has.
import { exitLabel } from '../../shared/backtest/exit-label.ts';
import { exitBreakdown, exitRowLabel, exitsLabel, exitTagsTell, hasExits, type ExitReason, type RunExits } from '../../shared/backtest/run-exits.ts';
import type { HtmlExtra } from './report-html.ts';
import type { TradeSide } from '../../shared/backtest/sides.ts';
import { groupCells } from '../../shared/backtest/figure-text.ts';

/** What the exit tables read of a run; `exits` and `trades` are optional so plain metric rows can be tabled too. */
export interface ExitsOf {
  exits?: RunExits | undefined;
  trades?: readonly { side?: TradeSide | undefined; exit?: ExitReason | undefined; exitTag?: string | undefined; closed: boolean; pnl: number; returnPct: number }[] | undefined;
}


/** How many of the run's trades the given protective exit closed. */
export const exitCount = (r: ExitsOf, reason: 'stop-loss' | 'trailing-stop' | 'take-profit'): number => (r.trades ?? []).reduce((n, t) => (t.exit === reason ? n + 1 : n), 0);

/**
 * Whether a run's exits are worth a table: protective ones (set for the run, or a trade closed by one, a
 * strategy's own), or its own tagged more than one way, and not one tag per side (the Sides table says that).
 */
export const showsExits = (r: ExitsOf): boolean =>
  hasExits(r.exits) || exitCount(r, 'stop-loss') > 0 || exitCount(r, 'trailing-stop') > 0 || exitCount(r, 'take-profit') > 0 || exitTagsTell(r.trades ?? []);

/**
 * The Exits table of one run, or null when it had no protective exits and its strategy's own exits were
 * all of one kind (the summary already says everything). Titled with the exits the run set.
 */
export function exitsExtra(r: ExitsOf): HtmlExtra | null {
  if (!showsExits(r)) return null;
  const label = exitsLabel(r.exits);
  const rows = exitBreakdown(r.trades ?? []).map((x) => [exitRowLabel(x), ...groupCells(x)]);
  return { title: `Exits${label ? ` (${label})` : ''}`, rows: [['exit', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return'], ...rows] };
}

/**
 * The summary rows exits add, as [label, value per run] and where they go: the exits each run set (first,
 * beside the header: they are how the run was set up) when any run set some, and in a comparison the
 * trades each protective exit closed (after the trade counts) when any run had that exit. A single run
 * gets no count rows: the Exits table under the summary breaks its trades down in full.
 */
export function exitSummaryRows(runs: readonly ExitsOf[]): { setup: string[][]; counts: string[][] } {
  const setup = runs.some((r) => hasExits(r.exits)) ? [['exits', ...runs.map((r) => exitsLabel(r.exits) || 'none')]] : [];
  const counts: string[][] = [];
  if (runs.length > 1) {
    const kinds = [
      ['stop-loss', 'stopLossPct'],
      ['trailing-stop', 'trailingStopPct'],
      ['take-profit', 'takeProfitPct'],
    ] as const;
    for (const [reason, key] of kinds) {
      if (runs.some((r) => (r.exits?.[key] ?? null) !== null || exitCount(r, reason) > 0)) counts.push([`${exitLabel(reason)} exits`, ...runs.map((r) => String(exitCount(r, reason)))]);
    }
  }
  return { setup, counts };
}
