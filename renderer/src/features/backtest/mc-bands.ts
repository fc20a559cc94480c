// The Monte Carlo tab's words, numbers and geometry, apart from React so they can be tested: the four bands
// (return and max drawdown, trades reordered and resampled), one axis per metric shared by both methods so
// their bands compare by eye, and what to say when a run has no bands.
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import type { BacktestMonteCarlo } from '../../../../shared/contract/commands/backtest.ts';
import type { McMethod } from '../../../../shared/backtest/monte-carlo-methods.ts';

export { METHOD_TEXT, type McMethod } from '../../../../shared/backtest/monte-carlo-methods.ts';
export type McMetric = 'returnPct' | 'maxDrawdownPct';

export const MC_METHODS: readonly McMethod[] = ['reorder', 'resample'];
export const MC_METRICS: readonly McMetric[] = ['returnPct', 'maxDrawdownPct'];

export const METHOD_LABEL: Record<McMethod, string> = { reorder: 'reordered', resample: 'resampled' };
export const METRIC_LABEL: Record<McMetric, string> = { returnPct: 'Return', maxDrawdownPct: 'Max drawdown' };

export interface BandRow {
  method: McMethod;
  metric: McMetric;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  /** The run's own trades in the order they closed, measured as the simulations are. */
  actual: number | null;
}

/** Metric by metric, each method: return reordered, return resampled, drawdown reordered, drawdown resampled. */
export function bandRows(mc: BacktestMonteCarlo): BandRow[] {
  return MC_METRICS.flatMap((metric) => MC_METHODS.map((method) => ({ method, metric, ...mc[method][metric], actual: mc.actual[metric] })));
}

export interface Scale {
  min: number;
  max: number;
}

/**
 * The axis of a metric's bars: every band end, median and the run's value, and 0 (a return band reads
 * against breaking even; a drawdown starts at 0), with 5 % of the span as room at each end. A span of
 * nothing (every value 0) still gets a unit so positions stay defined.
 */
export function metricScale(rows: readonly BandRow[]): Scale {
  let min = 0;
  let max = 0;
  for (const r of rows) {
    for (const v of [r.p5, r.p50, r.p95, r.actual]) {
      if (v === null || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (max === min) max = min + 1;
  const span = max - min;
  return { min: min === 0 ? 0 : min - span * 0.05, max: max + span * 0.05 };
}

/** Where `v` sits on the axis, in percent of its width (0 to 100). */
export function at(v: number, s: Scale): number {
  const x = ((v - s.min) / (s.max - s.min)) * 100;
  return Math.min(100, Math.max(0, x));
}

/** A row's cells after its label (5th percentile, median, 95th percentile, the run's own), as `keel backtest --monte-carlo` prints them. */
export function bandCells(r: BandRow): [p5: string, p50: string, p95: string, actual: string] {
  return [pctText(r.p5), pctText(r.p50), pctText(r.p95), pctText(r.actual)];
}

/** What a screen reader hears for a bar: the numbers it draws. */
export function bandLabel(r: BandRow): string {
  const run = r.actual === null ? '' : `, this run ${pctText(r.actual)}`;
  return `${METRIC_LABEL[r.metric]}, trades ${METHOD_LABEL[r.method]}: 5th percentile ${pctText(r.p5)}, median ${pctText(r.p50)}, 95th percentile ${pctText(r.p95)}${run}`;
}

/** Why a finished run has no bands, in words; null when it has them. */
export function noBandsReason(run: { request: { monteCarlo: number }; monteCarlo: BacktestMonteCarlo | null; trades: readonly { closed: boolean }[]; tradeCount: number }): string | null {
  if (run.monteCarlo) return null;
  if (run.request.monteCarlo === 0) return 'No Monte Carlo for this run: it ran with 0 simulations. Set Monte Carlo runs in the form to put a band on its return and drawdown.';
  // No bands with simulations asked for means fewer than 2 closed trades, all of them among the trades listed.
  const closed = run.trades.filter((t) => t.closed).length;
  const open = run.tradeCount > closed ? ' (and one still open at the end, which does not count)' : '';
  return `Too few trades for a band: ${closed === 0 ? 'no trade closed' : 'one trade closed'}${open}. Reordering or resampling needs at least 2 closed trades.`;
}
