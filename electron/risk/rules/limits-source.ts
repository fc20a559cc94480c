// What a rule reads its limit from: the limits in force now and the mode they come from, read at each
// check, so a mode switch applies to the next order without rebuilding the gate.
import type { RiskLimits, RiskMode } from '../../../shared/risk/risk-limits.ts';

export interface LimitsSource {
  readonly limits: Readonly<RiskLimits>;
  readonly mode: RiskMode;
}

/** A fixed source, for tests and backtests. */
export function fixedLimits(limits: RiskLimits, mode: RiskMode = 'custom'): LimitsSource {
  return { limits, mode };
}

/** "of conservative mode" / "of the custom limits": how refusals say where a mode-owned figure came from. */
export function modeLabel(mode: RiskMode): string {
  return mode === 'custom' ? 'the custom limits' : `${mode} mode`;
}
