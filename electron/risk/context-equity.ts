// The account's equity as the rules of one check see it: computed once per check and shared (four rules
// read it; with 100 positions each read is a pass over the portfolio). The gate hands every rule the
// same context object, so one remembered (context, equity) pair is the whole cache.
import type { RiskAccount, RiskContext } from './risk-gate.ts';

/** Whether every open position has a price (else equity counts some at cost). */
export function allMarked(account: Pick<RiskAccount, 'positions' | 'markOf'>): boolean {
  for (const p of account.positions()) {
    if (p.qty === 0n) continue;
    const m = account.markOf(p.symbolId);
    if (m !== m) return false;
  }
  return true;
}

let lastCtx: RiskContext | null = null;
let lastEquity = 0;

export function equityOf(ctx: RiskContext): number {
  if (ctx !== lastCtx) {
    lastEquity = ctx.account.equityFloat();
    lastCtx = ctx;
  }
  return lastEquity;
}
