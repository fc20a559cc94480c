// Rule: after N losing trades in a row, no new entries until the cooldown ends. The streak is counted
// from fills by loss-streak.ts; this rule only reads when the cooldown ends.
import type { RiskRule } from '../risk-gate.ts';
import type { LossStreak } from '../loss-streak.ts';
import type { LimitsSource } from './limits-source.ts';
import { isoTime } from '../../../shared/domain/iso-time.ts';

export function lossStreakCooldown(source: LimitsSource, streak: Pick<LossStreak, 'cooldownUntil'>): RiskRule {
  const name = 'loss-streak-cooldown';
  return {
    name,
    check(_order, ctx) {
      const until = streak.cooldownUntil(ctx.now);
      if (until === null) return null;
      const minutes = Math.ceil((until - ctx.now) / 60_000);
      const at = cooldownEndText(until);
      return {
        rule: name,
        message: `${name}: ${source.limits.lossStreakLimit} losing trades in a row started a ${source.limits.lossStreakCooldownMinutes}-minute cooldown; new entries resume in ${minutes} min (at ${at})`,
      };
    },
  };
}

/**
 * When a cooldown ends, to the second, as the other risk and run messages print a time ("…T09:33:00Z"):
 * a live fill's time has milliseconds, so the time is rounded up to the first whole second entries pass
 * again. The refusal and a halted strategy's status print it alike.
 */
export function cooldownEndText(until: number): string {
  return isoTime(Math.ceil(until / 1000) * 1000);
}
