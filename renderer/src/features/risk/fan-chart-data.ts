// A projection as chart series: one line per percentile over the trade numbers. lightweight-charts wants
// times, so trade n is drawn at n seconds past the epoch and the axis prints "#n".
import { enNumber } from '../../../../shared/domain/en-number.ts';
import type { Projection } from './risk-store.ts';

export interface FanPoint {
  time: number;
  value: number;
}

export const FAN_BANDS = ['p95', 'p75', 'p50', 'p25', 'p5'] as const;
export type FanBand = (typeof FAN_BANDS)[number];

export function fanSeries(p: Projection): Record<FanBand, FanPoint[]> {
  const out = {} as Record<FanBand, FanPoint[]>;
  for (const band of FAN_BANDS) out[band] = p.steps.map((step, i) => ({ time: step, value: p.percentiles[band][i]! }));
  return out;
}

export function tradeLabel(time: number): string {
  return `#${Math.round(time)}`;
}

/**
 * A probability (0 to 1) in percent: 0.42%, 3.5%, 50%. Through enNumber, as every figure, so a value that
 * rounds to zero prints no minus ("0.0%", not "-0.0%").
 */
export function pctText(x: number): string {
  const v = x * 100;
  const d = v < 1 && v > 0 ? 2 : v < 10 ? 1 : 0;
  return `${enNumber(v, d, d)}%`;
}

/** The projection's median ending balance: 12,346, grouped as the app writes money, no minus on a zero. */
export function medianEndText(balance: number): string {
  return enNumber(balance, 0, 0);
}

/** A projected drawdown in percent with one decimal: 12.5%, and 0.0% (not -0.0%) for one that rounds to none. */
export function drawdownPctText(pct: number): string {
  return `${enNumber(pct, 1, 1)}%`;
}
