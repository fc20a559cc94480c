// The kill switch pulled on every account at once: the armed live account and paper. The risk panel's
// button acts on the account it shows, but the panic controls (the tray, the global shortcut, `keel kill`)
// are pressed by someone who wants everything stopped, without first checking which account is active: a
// paper strategy left running while the live account is armed would go on placing orders.
import type { AuditActor } from '../journal/audit-log.ts';
import type { KillReport } from '../risk/kill-switch.ts';
import type { RiskService, RiskState } from '../risk/risk-service.ts';

export interface KillEverywhereRequest {
  flatten: boolean;
  actor: AuditActor;
  via: string;
  reason?: string | undefined;
}

/**
 * Pulls the kill switch of each risk room, the first (the active account) first: live money before paper.
 * One that throws does not spare the others; what it could not do is in the failures. Every switch is
 * pulled before any answer is awaited; then each account's cancels are confirmed (a live exchange's
 * answers, risk.confirmKill), so the count is of cancels done, not asked for. The counts are the sum over
 * the accounts, the time the whole of it took, and the state the first account's (the one the window shows).
 */
export async function killEverywhere(risks: readonly { account: string; risk: RiskService }[], request: KillEverywhereRequest): Promise<KillReport & { state: RiskState }> {
  if (risks.length === 0) throw new RangeError('no account to pull the kill switch on');
  const t0 = performance.now();
  let state: RiskState | null = null;
  let cancelled = 0;
  let flattened = 0;
  const failures: string[] = [];
  let firstError: unknown = null;
  /** Each account's engagement before this pull (undefined: it was armed). */
  const befores: KillReport['before'][] = [];
  const pulled: { account: string; report: Promise<KillReport & { state: RiskState }> }[] = [];
  for (const { account, risk } of risks) {
    try {
      const r = risk.kill(request);
      pulled.push({ account, report: risk.confirmKill(r) });
    } catch (err) {
      firstError ??= err;
      failures.push(`${account}: the kill switch failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const { account, report } of pulled) {
    try {
      const r = await report;
      state ??= r.state;
      befores.push(r.before);
      cancelled += r.cancelled;
      flattened += r.flattened;
      failures.push(...(risks.length === 1 ? r.failures : r.failures.map((f) => `${account}: ${f}`)));
    } catch (err) {
      firstError ??= err;
      failures.push(`${account}: the kill switch failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // Not one account could be stopped: that is an error for the caller to show, not a report.
  if (state === null) throw firstError;
  const report: KillReport & { state: RiskState } = { state, cancelled, flattened, failures, ms: performance.now() - t0 };
  // Engaged already on every account it reached: said with the first one's (the active account's) engagement.
  if (befores.length > 0 && befores.every((b) => b !== undefined)) report.before = befores[0];
  return report;
}
