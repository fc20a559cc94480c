// How the page names a run's direction (long only, short only, long and short) and reads its trades by side.
// A run that could short is another run than the same strategy long only, so every place that names runs
// (the runs table, the charts' legends, the comparison's rows, the searches) says so, briefly ("short",
// "long+short"); a long-only run is named as before. Its Trades tab then shows its trades by side
// (sideBreakdown), as the reports' Sides table does.
import { DIRECTION_LABELS, DIRECTION_TAGS, DIRECTIONS, type Direction } from '../../../../shared/domain/direction.ts';
import { profitFactorText as factorText } from '../../../../shared/backtest/figure-text.ts';
import { sideRowsJson, type SideRowJson, type TradeSide } from '../../../../shared/backtest/sides.ts';

/** A request's direction, as sent (absent: long) or as the engine echoes it. */
export interface DirectionOf {
  direction?: Direction | undefined;
}

export const directionOf = (request: DirectionOf): Direction => request.direction ?? 'long';

/** The run form's choices, in DIRECTIONS order: "Long only", "Short only", "Long and short". */
export const DIRECTION_CHOICES: readonly { value: Direction; label: string }[] = DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d].charAt(0).toUpperCase() + DIRECTION_LABELS[d].slice(1) }));

/** What the Direction select says in its title, and under it when shorts are allowed. */
export const DIRECTION_HINT = 'Shorts are sold on a margin account with 1× collateral; long only trades a spot account, as before';

/** "short", "long+short", or "" for long only: short enough for a table row or a legend. */
export const directionTag = (request: DirectionOf): string => DIRECTION_TAGS[directionOf(request)];

/** " · short" or " · long+short" to append to a run's or search's name; "" for long only, so older names read as before. */
export function directionSuffix(request: DirectionOf): string {
  const tag = directionTag(request);
  return tag ? ` · ${tag}` : '';
}

/** "short only" or "long and short" in full, or "" for long only. */
export function directionWords(request: DirectionOf): string {
  const d = directionOf(request);
  return d === 'long' ? '' : DIRECTION_LABELS[d];
}

/** One row of the Sides table: as the engine sends it (profitFactor null without a losing trade). */
export type SideRowView = SideRowJson;

interface SidesRun {
  request: DirectionOf;
  sideRows?: readonly SideRowView[] | undefined;
  trades: readonly { side: TradeSide; closed: boolean; pnl: number; returnPct: number }[];
}

/**
 * The run's closed trades by side: the engine's rows (counted over every trade), or for a run stored
 * before it sent them, the rows of the trades listed (a profit factor without a losing trade as null).
 */
export function sideRows(run: SidesRun): SideRowView[] {
  if (run.sideRows) return [...run.sideRows];
  return sideRowsJson(run.trades);
}

/** Whether the Trades tab shows the trades by side: when the run could short, or any of its trades was short. */
export function showsSides(run: SidesRun): boolean {
  return directionOf(run.request) !== 'long' || (run.sideRows ?? []).some((r) => r.side === 'short') || run.trades.some((t) => t.side === 'short');
}

/** A side's profit factor: "1.85"; "∞" with wins and no loss; "–" with neither. */
export function profitFactorText(row: Pick<SideRowView, 'profitFactor' | 'winRatePct'>): string {
  return factorText(row.profitFactor, row.winRatePct);
}
