// Rule: while the exchange circuit breaker is open (repeated errors, a lost connection) or recovering
// (the exchange answers, reconciliation pending), no order may add exposure.
import type { RiskRule } from '../risk-gate.ts';

export interface CircuitView {
  readonly state: 'closed' | 'open' | 'recovering';
  readonly reason: string | null;
}

export function circuitBreakerBlock(circuit: () => CircuitView): RiskRule {
  const name = 'circuit-breaker';
  return {
    name,
    check() {
      const c = circuit();
      if (c.state === 'closed') return null;
      const why = c.state === 'open' ? `is open${c.reason ? ` (${c.reason})` : ''}` : 'is waiting for reconciliation with the exchange';
      return { rule: name, message: `${name}: the exchange circuit breaker ${why}; new orders are halted until the exchange answers and reconciliation passes` };
    },
  };
}
