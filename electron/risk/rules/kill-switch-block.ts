// Rule: while the kill switch is engaged, no order may add exposure. Closing and cancelling still pass
// (the gate never checks them), so flattening works; re-arming is the user's explicit act.
import type { RiskRule } from '../risk-gate.ts';

export interface KillStateView {
  readonly engaged: boolean;
  readonly reason: string | null;
}

export function killSwitchBlock(kill: () => KillStateView): RiskRule {
  const name = 'kill-switch';
  return {
    name,
    check() {
      const k = kill();
      if (!k.engaged) return null;
      return { rule: name, message: `${name}: the kill switch is engaged${k.reason ? ` (${k.reason})` : ''}; new entries are blocked until you re-arm it` };
    },
  };
}
