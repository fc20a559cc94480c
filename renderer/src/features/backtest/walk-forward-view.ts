// How the Optimization tab shows a walk-forward: the stitched out-of-sample equity cut back into its folds
// (one line each, so where one fold hands over to the next shows on the chart), the folds table's rows, and
// the efficiency in words. Pure, so the component only draws.
import { efficiencyText as sharedEfficiencyText, pctText, scoreText, type FoldScores } from '../../../../shared/backtest/figure-text.ts';
import type { OptimizeObjective } from '../../../../shared/contract/commands/backtest.ts';
import { scoreFromWire } from '../../../../shared/backtest/score-from-wire.ts';
import { dayRange } from '../../../../shared/backtest/day-range.ts';
import { utcMinute } from '../../../../shared/backtest/hold-time.ts';
import type { UTCTimestamp } from 'lightweight-charts';
import type { SearchResult } from './search-form.ts';
import { setLabel } from './search-form.ts';

export type WalkForward = NonNullable<SearchResult['walkForward']>;
type Fold = WalkForward['folds'][number];

export interface FoldSegment {
  /** 1-based, as the table numbers the folds. */
  fold: number;
  points: [number, number][];
}

/**
 * The stitched curve's points per fold: each fold from its first out-of-sample bar up to the next fold's.
 * The engine thins fold by fold, keeping each fold's first point, so every segment starts on its fold's
 * first bar; a fold with no point (it cannot happen with the engine's thinning) is left out.
 */
export function foldSegments(equity: readonly (readonly [number, number])[], folds: readonly Pick<Fold, 'outOfSample'>[]): FoldSegment[] {
  const out: FoldSegment[] = [];
  folds.forEach((f, k) => {
    const end = folds[k + 1]?.outOfSample.from ?? Number.POSITIVE_INFINITY;
    const points = equity.filter(([t]) => t >= f.outOfSample.from && t < end).map(([t, v]) => [t, v] as [number, number]);
    if (points.length) out.push({ fold: k + 1, points });
  });
  return out;
}

export interface FoldRow {
  fold: number;
  inSample: string;
  outOfSample: string;
  /** The spans to the minute, for a tooltip. */
  title: string;
  params: Record<string, number>;
  paramsText: string;
  isScore: number | null;
  oosScore: number | null;
  /** The winner's return over the in-sample bars it was picked on, beside what it kept out of sample. */
  isReturnPct: number | null;
  oosReturnPct: number | null;
  /** The cells as `keel backtest`'s Walk-forward table prints them. */
  isScoreText: string;
  oosScoreText: string;
  isReturnText: string;
  oosReturnText: string;
}

export function foldRows(wf: Pick<WalkForward, 'folds'>, objective: OptimizeObjective): FoldRow[] {
  return wf.folds.map((f, k) => foldRow(f, k, objective));
}

function foldRow(wire: WalkForward['folds'][number], k: number, objective: OptimizeObjective): FoldRow {
  // Infinite scores (a fold whose trades all won, maximizing profit factor) come as null: the metrics say which they are.
  const f = { ...wire, inSampleScore: scoreFromWire(objective, wire.inSampleScore, wire.inSampleMetrics), outOfSampleScore: scoreFromWire(objective, wire.outOfSampleScore, wire.outOfSampleMetrics) };
  return {
    fold: k + 1,
    // The days as keel backtest's table writes them, from the metrics (the last bar's close, which the
    // spans' open times do not give).
    inSample: dayRange(f.inSampleMetrics),
    outOfSample: dayRange(f.outOfSampleMetrics),
    title: `in sample ${utcMinute(f.inSample.from)} to ${utcMinute(f.inSample.to)}, out of sample ${utcMinute(f.outOfSample.from)} to ${utcMinute(f.outOfSample.to)} (bar open times, UTC)`,
    params: f.params,
    paramsText: setLabel(f.params),
    isScore: f.inSampleScore,
    oosScore: f.outOfSampleScore,
    isReturnPct: f.inSampleMetrics.totalReturnPct ?? null,
    oosReturnPct: f.outOfSampleMetrics.totalReturnPct ?? null,
    isScoreText: scoreText(f.inSampleScore),
    oosScoreText: scoreText(f.outOfSampleScore),
    isReturnText: pctText(f.inSampleMetrics.totalReturnPct),
    oosReturnText: pctText(f.outOfSampleMetrics.totalReturnPct),
  };
}

/** "0.42" as `keel backtest`'s Walk-forward title writes it, or why there is none (figure-text.ts). */
export function efficiencyText(wf: { efficiency: number | null; folds: readonly (FoldScores & Partial<Pick<WalkForward['folds'][number], 'inSampleMetrics' | 'outOfSampleMetrics'>>)[] }, objective?: OptimizeObjective): string {
  // Infinite scores come as null: the metrics say which they are, as the fold rows read them.
  const folds = objective === undefined ? wf.folds : wf.folds.map((f) => ({ inSampleScore: scoreFromWire(objective, f.inSampleScore, f.inSampleMetrics ?? {}), outOfSampleScore: scoreFromWire(objective, f.outOfSampleScore, f.outOfSampleMetrics ?? {}) }));
  return sharedEfficiencyText(wf.efficiency, folds);
}

/** "1,234.57%" / "-48.54%": the compounded out-of-sample return, as the CLI's "stitched out of sample" row prints it. */
export function returnText(pct: number): string {
  return pctText(pct);
}

/**
 * The stitched equity's last value, for the chart's key: on the chart's price axis its label covered the
 * nearest tick ("6,000.00" half hidden behind "5,896.26"), so the axis shows ticks only, as the page's
 * other charts do. Null with no point.
 */
export function endEquity(segments: readonly FoldSegment[]): number | null {
  return segments.at(-1)?.points.at(-1)?.[1] ?? null;
}

/** Room a fold's mark needs on the chart: "F100" and its arrow, with a gap to the next. */
const FOLD_LABEL_PX = 44;

/**
 * Every how many folds the chart names one (F1, F1+step, ...): every fold while their marks fit across
 * `widthPx`, else every 2nd, 5th, 10th... so they do not print over each other (100 folds on a 1,000-pixel
 * chart were a smear of F labels). The colours still change at every fold.
 */
export function foldLabelStep(folds: number, widthPx: number): number {
  const fit = Math.max(1, Math.floor(widthPx / FOLD_LABEL_PX));
  for (const step of [1, 2, 5, 10, 20, 25, 50]) if (Math.ceil(folds / step) <= fit) return step;
  return Math.ceil(folds / fit / 50) * 50;
}

/** Whether the chart names `fold` (1-based) when it names every `step`th: F1, F6, F11... for 5. */
export function labelsFold(fold: number, step: number): boolean {
  return (fold - 1) % step === 0;
}

/** How the chart's key names the marks: "F1…F3" while it names every fold, else which ones it names. */
export function foldMarksText(folds: number, step: number): string {
  if (step === 1) return `F1…F${folds} mark where each fold's out-of-sample bars start`;
  const nth = step === 2 ? '2nd' : `${step}th`;
  return `F1, F${1 + step}, F${1 + 2 * step}… (every ${nth} of ${folds} folds) mark where their out-of-sample bars start; the colour changes at every fold`;
}

/** Pixels at the chart's top edge the fold marks take: a line of text ("F12") over an arrow. */
export const FOLD_MARK_PX = 30;

/** The price scale of the fold marks alone, 0 at the bottom of the chart and 1 at its top. */
export const FOLD_MARK_SCALE = 'fold-marks';

/** Where a fold mark sits: on its fold's first bar, in the band at the chart's top edge, named F1, F2, ... */
export interface FoldMark {
  time: UTCTimestamp;
  /** On the marks' own scale (0 to 1 over the chart's height): the arrow's tip, under the band's text. */
  price: number;
  text: string;
  /** The segment's index, for its colour. */
  segment: number;
}

/**
 * The marks of the folds the chart names (labelsFold), placed in a band along the chart's top edge rather
 * than over the equity at each fold's first bar, where a mark covered the line (and the previous fold's
 * line ran through it). The equity's scale keeps FOLD_MARK_PX free at the top (foldEquityTopMargin), so
 * the curve never reaches the band; each mark's arrow still points down at where its fold starts.
 */
export function foldMarks(segments: readonly FoldSegment[], step: number, heightPx: number): FoldMark[] {
  const price = 1 - FOLD_MARK_PX / Math.max(heightPx, FOLD_MARK_PX * 2);
  return segments.flatMap((s, k) => (labelsFold(s.fold, step) ? [{ time: Math.floor(s.points[0]![0] / 1000) as UTCTimestamp, price, text: `F${s.fold}`, segment: k }] : []));
}

/** The equity scale's top margin, as a share of the chart's height: the band the fold marks sit in, and a gap. */
export function foldEquityTopMargin(heightPx: number): number {
  return Math.min(0.5, (FOLD_MARK_PX + 8) / Math.max(heightPx, 1));
}

/**
 * A walk-forward's warnings as the tab shows them: the first few in full, the rest (one per fold that fell
 * short, 50 of 100 folds on a long walk) folded away, so the chart and the folds stay in sight.
 */
export function splitWarnings(warnings: readonly string[], shown = 3): { lead: string[]; more: string[] } {
  // Folding away a single warning would hide as much as it shows.
  if (warnings.length <= shown + 1) return { lead: [...warnings], more: [] };
  return { lead: warnings.slice(0, shown), more: warnings.slice(shown) };
}
