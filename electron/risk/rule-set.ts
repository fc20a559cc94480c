// The rules in the order the gate runs them: what blocks everything first (kill switch, circuit breaker),
// then the cheap checks on the order alone, then the account-wide ones. The first refusal wins, so a
// blocked account answers in nanoseconds and an order with a typo'd price is told about the price.
import type { RiskOrder, RiskRule } from './risk-gate.ts';
import type { ExposureMeter } from './exposure.ts';
import type { AccountMonitor } from './account-monitor.ts';
import type { LossStreak } from './loss-streak.ts';
import type { OrderRate } from './order-rate.ts';
import { aiConfidence } from './rules/ai-confidence.ts';
import { circuitBreakerBlock, type CircuitView } from './rules/circuit-breaker-block.ts';
import { correlatedExposure, type CorrelationSource } from './rules/correlated-exposure.ts';
import { dailyLossLimit } from './rules/daily-loss-limit.ts';
import { fatFinger } from './rules/fat-finger.ts';
import { killSwitchBlock, type KillStateView } from './rules/kill-switch-block.ts';
import { leverageCap } from './rules/leverage-cap.ts';
import type { LimitsSource } from './rules/limits-source.ts';
import { lossStreakCooldown } from './rules/loss-streak-cooldown.ts';
import { maxConcurrentPositions } from './rules/max-concurrent-positions.ts';
import { maxDrawdown } from './rules/max-drawdown.ts';
import { maxOrdersPerMinute } from './rules/max-orders-per-minute.ts';
import { maxPositionNotional } from './rules/max-position-notional.ts';
import { maxTotalExposure } from './rules/max-total-exposure.ts';
import { riskPerTrade, type AtrSource, type StopSource } from './rules/risk-per-trade.ts';
import { symbolAllowlist } from './rules/symbol-allowlist.ts';

export interface RuleSetParts {
  limits: LimitsSource;
  kill: () => KillStateView;
  circuit: () => CircuitView;
  rate: OrderRate;
  streak: Pick<LossStreak, 'cooldownUntil'>;
  monitor: AccountMonitor;
  meter: ExposureMeter;
  atr: AtrSource;
  correlation: CorrelationSource;
  measuredRisk?: (riskPct: number, order: RiskOrder) => void;
  stops?: StopSource;
}

export function buildRuleSet(p: RuleSetParts): RiskRule[] {
  return [
    killSwitchBlock(p.kill),
    circuitBreakerBlock(p.circuit),
    symbolAllowlist(p.limits),
    aiConfidence(p.limits),
    fatFinger(p.limits),
    maxOrdersPerMinute(p.limits, p.rate),
    lossStreakCooldown(p.limits, p.streak),
    dailyLossLimit(p.limits, p.monitor),
    maxDrawdown(p.limits, p.monitor),
    riskPerTrade(p.limits, p.atr, p.measuredRisk ?? null, p.stops ?? null),
    maxPositionNotional(p.limits),
    maxTotalExposure(p.limits, p.meter),
    maxConcurrentPositions(p.limits, p.meter),
    leverageCap(p.limits, p.meter),
    correlatedExposure(p.limits, p.meter, p.correlation),
  ];
}
