// Volatility-adjusted sizing: a stop k ATRs away is as likely to be hit in a quiet market as in a wild one,
// so sizing on it keeps the risk per trade the same money whatever the volatility:
//   qty = risk amount / (k × ATR).
// The risk-per-trade rule uses the same distance as the default stop of an order that comes without one.
import type { RiskLimits } from '../../shared/risk/risk-limits.ts';
import { num, pct } from './figures.ts';

/** The quantity that loses `riskAmount` if the price moves k × ATR against it; NaN without a usable ATR. */
export function volatilityQty(riskAmount: number, atr: number, k: number): number {
  if (!(atr > 0) || !(k > 0) || !(riskAmount >= 0)) return Number.NaN;
  return riskAmount / (k * atr);
}

export interface StopDistance {
  /** Price distance from the entry to the assumed stop. */
  distance: number;
  /** How it was chosen, for the refusal (text is built only when a refusal needs it). */
  label: () => string;
}

/**
 * The stop an order without one is sized on: k × ATR when the limits ask for it and there is history,
 * else the default percentage; null when neither applies (the order is refused).
 */
export function defaultStopDistance(entry: number, limits: Pick<RiskLimits, 'defaultStopAtr' | 'defaultStopPct'>, atr: number): StopDistance | null {
  const k = limits.defaultStopAtr;
  if (k !== null && atr > 0) return { distance: k * atr, label: () => `no stop given, so a default stop ${num(k)} × ATR(14) = ${num(k * atr)} away` };
  const p = limits.defaultStopPct;
  if (p !== null && entry > 0) return { distance: (entry * p) / 100, label: () => `no stop given, so the default stop ${pct(p)} away` };
  return null;
}
