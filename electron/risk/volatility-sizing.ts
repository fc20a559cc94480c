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

type StopLimits = Pick<RiskLimits, 'defaultStopAtr' | 'defaultStopPct'>;

/**
 * The stop an order without one is sized on: k × ATR when the limits ask for it and there is history,
 * else the default percentage; null when neither applies (the order is refused).
 */
function defaultStop(entry: number, limits: StopLimits, atr: number): 'atr' | 'pct' | null {
  if (limits.defaultStopAtr !== null && atr > 0) return 'atr';
  if (limits.defaultStopPct !== null && entry > 0) return 'pct';
  return null;
}

/** Price distance from the entry to the default stop, or null when there is none. A number: the rule asks on every order. */
export function defaultStopDistance(entry: number, limits: StopLimits, atr: number): number | null {
  const kind = defaultStop(entry, limits, atr);
  if (kind === 'atr') return limits.defaultStopAtr! * atr;
  if (kind === 'pct') return (entry * limits.defaultStopPct!) / 100;
  return null;
}

/** How the default stop was chosen, for a refusal (only a refusal builds the text). */
export function defaultStopLabel(entry: number, limits: StopLimits, atr: number): string {
  const kind = defaultStop(entry, limits, atr);
  if (kind === 'atr') return `no stop given, so a default stop ${num(limits.defaultStopAtr!)} × ATR(14) = ${num(limits.defaultStopAtr! * atr)} away`;
  if (kind === 'pct') return `no stop given, so the default stop ${pct(limits.defaultStopPct!)} away`;
  return 'no stop given';
}
