// The modes as the selector shows them: each with its figures, so the choice is made on the numbers.
import { MODE_FIGURES, RISK_MODES, type RiskLimits, type RiskMode } from '../../../../shared/risk/risk-limits.ts';

export interface ModeRow {
  mode: RiskMode;
  label: string;
  figures: string;
}

const LABEL: Record<RiskMode, string> = { conservative: 'Conservative', moderate: 'Moderate', aggressive: 'Aggressive', custom: 'Custom' };

function describe(f: Pick<RiskLimits, 'riskPerTradePct' | 'riskPerTradeMaxPct' | 'maxConcurrentPositions' | 'minAiConfidencePct'>): string {
  const risk = f.riskPerTradeMaxPct > f.riskPerTradePct ? `${f.riskPerTradePct}–${f.riskPerTradeMaxPct}%` : `${f.riskPerTradePct}%`;
  return `${risk} risk/trade · ≤${f.maxConcurrentPositions} positions · AI ≥${f.minAiConfidencePct}%`;
}

/** `custom` shows the figures in force when it is the mode, else its saved ones are not known here: "your own". */
export function modeRows(current: RiskMode, limits: RiskLimits): ModeRow[] {
  return RISK_MODES.map((mode) => ({
    mode,
    label: LABEL[mode],
    figures: mode === 'custom' ? (current === 'custom' ? describe(limits) : 'your own figures') : describe(MODE_FIGURES[mode]),
  }));
}
