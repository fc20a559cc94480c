// How the page names a run's protective exits and when it shows why its trades ended. A run with a stop-loss
// or a take-profit is another run than the same strategy without them, so every place that names runs
// (the runs table, the charts' legends, the searches) says so, briefly; the run's own heading says it in
// full words (exitsLabel, as the reports do).
import { exitLabel } from '../../../../shared/backtest/exit-label.ts';
import { exitsLabel, exitsShort, exitTagsTell, hasExits, type ExitReason, type RunExits } from '../../../../shared/backtest/run-exits.ts';
import type { TradeSide } from '../../../../shared/backtest/sides.ts';

/** A request's exits, as sent (absent when none) or as the engine echoes it (null when none). */
export interface ExitsOf {
  stopLossPct?: number | null | undefined;
  takeProfitPct?: number | null | undefined;
  trailingStopPct?: number | null | undefined;
}

export function runExits(request: ExitsOf): RunExits {
  return { stopLossPct: request.stopLossPct ?? null, takeProfitPct: request.takeProfitPct ?? null, trailingStopPct: request.trailingStopPct ?? null };
}

/** "SL 2% TP 4%", "SL 2%", "TP 4%", or "" without exits: short enough for a table row or a legend. */
export function exitsTag(request: ExitsOf): string {
  return exitsShort(runExits(request));
}

/** " · SL 2% TP 4%" to append to a run's or search's name; "" without exits, so older names read as before. */
export function exitsSuffix(request: ExitsOf): string {
  const tag = exitsTag(request);
  return tag ? ` · ${tag}` : '';
}

/** "stop-loss 2% · take-profit 4%" in full, or "" without exits: what a run's heading adds. */
export function exitsWords(request: ExitsOf): string {
  return exitsLabel(runExits(request));
}

/**
 * Whether the Trades tab shows the trades by why they ended: when the run had exits, or any of its trades
 * ended at one (a strategy may set its own stop per entry without the run's boxes), or its strategy tagged
 * its exits more than one way (other than a tag per side). A run of plain signals has one reason for every
 * closed trade and no table to read.
 */
export function showsExitBreakdown(run: {
  request: ExitsOf;
  exitRows?: readonly { reason: ExitReason }[] | undefined;
  trades: readonly { side?: TradeSide | undefined; exit?: ExitReason | undefined; exitTag?: string | undefined; closed: boolean }[];
}): boolean {
  if (hasExits(runExits(run.request)) || run.trades.some((t) => t.exit === 'stop-loss' || t.exit === 'trailing-stop' || t.exit === 'take-profit')) return true;
  // Or the strategy's own exits were tagged more than one way (the engine's rows split them by tag), and not
  // one tag per side, which the Sides table says already (judged on the trades listed).
  return exitTagsTell(run.trades, run.exitRows);
}

/** A trade's Exit cell: the tag of the order that closed it when it had one ("cross down", "margin call"), else why it ended. */
export function exitCellText(t: { exit?: ExitReason | undefined; exitTag?: string | undefined }): string {
  return t.exitTag ?? exitText(t.exit);
}

/** A trade's Exit cell: why it ended in words ("trailing stop"), or "–" for a run stored before the reason was recorded. */
export function exitText(exit: ExitReason | undefined): string {
  return exit === undefined ? '–' : exitLabel(exit);
}
