// How the Optimization tab shows a walk-forward: the stitched out-of-sample equity cut back into its folds
// (one line each, so where one fold hands over to the next shows on the chart), the folds table's rows, and
// the efficiency in words. Pure, so the component only draws.
import { utcMinute } from '../../../../shared/backtest/hold-time.ts';
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
  oosReturnPct: number | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const span = (s: { from: number; to: number }) => `${day(s.from)} → ${day(s.to)}`;

export function foldRows(wf: Pick<WalkForward, 'folds'>): FoldRow[] {
  return wf.folds.map((f, k) => ({
    fold: k + 1,
    inSample: span(f.inSample),
    outOfSample: span(f.outOfSample),
    title: `in sample ${utcMinute(f.inSample.from)} to ${utcMinute(f.inSample.to)}, out of sample ${utcMinute(f.outOfSample.from)} to ${utcMinute(f.outOfSample.to)} (bar open times, UTC)`,
    params: f.params,
    paramsText: setLabel(f.params),
    isScore: f.inSampleScore,
    oosScore: f.outOfSampleScore,
    oosReturnPct: f.outOfSampleMetrics.totalReturnPct ?? null,
  }));
}

/** "0.42", or why there is none: the ratio means nothing unless the in-sample scores averaged above 0. */
export function efficiencyText(efficiency: number | null): string {
  return efficiency === null ? 'n/a (the mean in-sample score is not above 0)' : efficiency.toFixed(2);
}

/** "+12.34%" / "-48.54%": the compounded out-of-sample return. */
export function returnText(pct: number): string {
  return `${pct > 0 ? '+' : ''}${pct.toFixed(2)}%`;
}
