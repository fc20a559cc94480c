// Rule: an order the AI originates needs at least the mode's confidence (conservative 75 %, moderate
// 70 %, aggressive 80 %). Orders of the user and of strategies are not concerned.
import type { RiskRule } from '../risk-gate.ts';
import { pct } from '../figures.ts';
import { modeLabel, type LimitsSource } from './limits-source.ts';

export function aiConfidence(source: LimitsSource): RiskRule {
  const name = 'ai-confidence';
  return {
    name,
    check(order) {
      if (order.origin.kind !== 'ai') return null;
      const floor = source.limits.minAiConfidencePct;
      const confidence = order.origin.confidence * 100;
      if (confidence >= floor) return null;
      return { rule: name, message: `${name}: the AI's confidence of ${pct(confidence)} is below the ${pct(floor)} minimum of ${modeLabel(source.mode)}` };
    },
  };
}
