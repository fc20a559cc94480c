// Rule: only symbols on the allowlist may be traded (null: any). Keeps a typo'd or unvetted market, or a
// strategy wandering off its universe, from trading at all.
import type { RiskRule } from '../risk-gate.ts';
import type { LimitsSource } from './limits-source.ts';

export function symbolAllowlist(source: LimitsSource): RiskRule {
  const name = 'symbol-allowlist';
  let list: readonly string[] | null = null;
  let set = new Set<string>();
  return {
    name,
    check(order) {
      const allowed = source.limits.symbolAllowlist;
      if (allowed === null) return null;
      if (allowed !== list) {
        list = allowed;
        set = new Set(allowed);
      }
      if (set.has(order.symbol)) return null;
      const shown = allowed.length === 0 ? 'the allowlist is empty' : `allowed: ${allowed.slice(0, 10).join(', ')}${allowed.length > 10 ? `, and ${allowed.length - 10} more` : ''}`;
      return { rule: name, message: `${name}: ${order.symbol} is not on the symbol allowlist (${shown})` };
    },
  };
}
