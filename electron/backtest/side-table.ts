// A run's trades by side, as the reports show it when the run could short (keel backtest --direction
// short|both): the "Sides" table one run prints under its summary and the HTML report puts beside the
// metrics (sideBreakdown: long and short, each side's trades, win rate, P&L and profit factor), and the
// rows a comparison adds to the summary (each run's long and short trades and P&L). A long-only run
// shows neither, and reads as it always has.
import { DIRECTION_LABELS, DIRECTION_TAGS, type Direction } from '../../shared/domain/direction.ts';
import { sideBreakdown, type TradeSide } from '../../shared/backtest/sides.ts';
import type { HtmlExtra } from './report-html.ts';
import { countText, groupCells } from '../../shared/backtest/figure-text.ts';
import { factorCell, moneyCell } from './table-cells.ts';

/** What the side tables read of a run; both optional, so plain metric rows can be tabled too. */
export interface SidesOf {
  direction?: Direction | undefined;
  trades?: readonly { side: TradeSide; closed: boolean; pnl: number; returnPct: number }[] | undefined;
}


/** Whether a run could short, so its sides are worth a table. */
export const showsSides = (r: SidesOf): boolean => (r.direction ?? 'long') !== 'long';

/** The Sides table of one run that could short, titled with its direction; null for a long-only run. */
export function sidesExtra(r: SidesOf): HtmlExtra | null {
  if (!showsSides(r)) return null;
  const rows = sideBreakdown(r.trades ?? []).map((x) => [x.side, ...groupCells(x), factorCell(x.profitFactor)]);
  if (rows.length === 0) rows.push(['(no closed trade)', '0', '–', '–', '–', '–', '–']);
  return { title: `Sides (${DIRECTION_LABELS[r.direction!]})`, rows: [['side', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return', 'profit factor'], ...rows] };
}

/**
 * The rows a comparison adds after the trade counts when any of its runs could short: each run's closed
 * long and short trades and their P&L (a long-only run's shorts are 0). A single run gets its Sides table instead.
 */
export function sideSummaryRows(runs: readonly SidesOf[]): string[][] {
  if (runs.length < 2 || !runs.some(showsSides)) return [];
  const of = runs.map((r) => sideBreakdown(r.trades ?? []));
  const cell = (i: number, side: TradeSide, f: (x: { trades: number; pnl: number }) => string) => f(of[i]!.find((x) => x.side === side) ?? { trades: 0, pnl: 0 });
  return (['long', 'short'] as const).flatMap((side) => [
    [`${side} trades`, ...runs.map((_, i) => cell(i, side, (x) => countText(x.trades)))],
    [`${side} P&L`, ...runs.map((_, i) => cell(i, side, (x) => moneyCell(x.pnl)))],
  ]);
}

/** What a run's label adds for its direction: nothing for long only. */
export const directionTag = (d: Direction | undefined): string => (d === undefined || d === 'long' ? '' : ` ${DIRECTION_TAGS[d]}`);
