// One run's closed trades drawn where a trader places a stop: each a dot at its drawdown (the worst move
// against it while open, across: 0 near the right, deeper to the left) and its return (up), coloured by how
// it ended. Losers far to the left show where a stop would have cut them; winners that first went left
// show what a tight stop would have cost. The run's fixed stop-loss, when it had one, is a line across.
import { EXIT_REASONS, type ExitReason } from '../../../../shared/backtest/run-exits.ts';
import type { RunTrade } from './backtest-store.ts';
import { fitAxis, plotScale, type Axis, type PlotBox, type PlotScale } from './plot-axes.ts';
import { EXIT_COLORS } from './run-colors.ts';

export interface ExcursionPoint {
  /** The trade's number in the list (its # column), from 1. */
  n: number;
  trade: RunTrade;
  exit: ExitReason;
  color: string;
  /** Where it is drawn, in the box's units. */
  cx: number;
  cy: number;
}

export interface ExcursionPlot {
  box: PlotBox;
  points: ExcursionPoint[];
  x: Axis;
  y: Axis;
  scale: PlotScale;
  /** The reasons the dots ended for, in EXIT_REASONS order, each with its colour and how many dots. */
  legend: { reason: ExitReason; color: string; trades: number }[];
  /** The run's fixed stop-loss, percent (drawn at minus it), or null. */
  stopLossPct: number | null;
}

export const EXCURSION_BOX: PlotBox = { width: 480, height: 240, left: 52, right: 14, top: 12, bottom: 36 };

/** Has what the plot needs: closed, and measured (runs stored before excursions have none). */
function plotted(t: RunTrade): t is RunTrade & { drawdownPct: number } {
  return t.closed && typeof t.drawdownPct === 'number' && Number.isFinite(t.drawdownPct) && Number.isFinite(t.returnPct);
}

/** The listed trades as dots, or null when none is closed with its excursions (nothing to read a stop from). */
export function excursionPlot(trades: readonly RunTrade[], stopLossPct: number | null = null, box: PlotBox = EXCURSION_BOX): ExcursionPlot | null {
  const kept: { n: number; trade: RunTrade & { drawdownPct: number }; exit: ExitReason }[] = [];
  trades.forEach((trade, i) => {
    // A closed trade without a reason (stored before reasons were recorded) ended on its strategy's signal, as exitBreakdown counts it.
    if (plotted(trade)) kept.push({ n: i + 1, trade, exit: trade.exit ?? 'signal' });
  });
  if (kept.length === 0) return null;
  // 0 on both axes, so "never went against it" is a line near the right edge and winners and losers split
  // at a line; the stop inside the x axis, so its line is drawn.
  const xs = kept.map((k) => k.trade.drawdownPct).concat(stopLossPct === null ? [] : [-stopLossPct]);
  const ys = kept.map((k) => k.trade.returnPct);
  const deepest = Math.min(0, ...xs);
  // Trades that never went against them at all still get an axis that reads leftward from 0, with room past
  // 0 (padZero): that is where many of them sit, and a dot on the frame's edge was drawn half cut.
  // Fitted as the HTML report's scatter of the same trades (svg-chart.ts), so both tick alike.
  const x = fitAxis(deepest < 0 ? deepest : -1, 0, { padZero: true });
  const y = fitAxis(Math.min(0, ...ys), Math.max(0, ...ys), { padZero: true });
  const scale = plotScale(box, x, y);
  const points = kept.map((k) => ({ ...k, color: EXIT_COLORS[k.exit], cx: scale.px(k.trade.drawdownPct), cy: scale.py(k.trade.returnPct) }));
  const legend = EXIT_REASONS.map((reason) => ({ reason, color: EXIT_COLORS[reason], trades: kept.filter((k) => k.exit === reason).length })).filter((l) => l.trades > 0);
  return { box, points, x, y, scale, legend, stopLossPct };
}
