// A projection as chart series: one line per percentile over the trade numbers. lightweight-charts wants
// times, so trade n is drawn at n seconds past the epoch and the axis prints "#n".
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

export function pctText(x: number): string {
  const v = x * 100;
  return `${v < 1 && v > 0 ? v.toFixed(2) : v.toFixed(v < 10 ? 1 : 0)}%`;
}
