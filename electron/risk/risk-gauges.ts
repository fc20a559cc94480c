// Each limit with how much of it is in use now, for the panel's gauges. Read-only: built from the same
// meters the rules use, at the moment the state is published.
import type { EventPayload } from '../../shared/contract/index.ts';
import type { RiskLimits } from '../../shared/risk/risk-limits.ts';
import { toNumber } from '../../shared/trading/decimal.ts';
import type { AccountMonitor } from './account-monitor.ts';
import { LIQUIDATION_LEVEL, marginLevel } from './margin-call.ts';
import type { ExposureMeter } from './exposure.ts';
import { money, num, pct } from './figures.ts';
import type { LossStreak } from './loss-streak.ts';
import type { OrderRate } from './order-rate.ts';
import type { RiskAccount, RiskContext } from './risk-gate.ts';
import type { CorrelationSource } from './rules/correlated-exposure.ts';

export type RiskGauge = EventPayload<'risk.state'>['gauges'][number];

export interface GaugeParts {
  limits: RiskLimits;
  account: RiskAccount;
  /** The account's equity as the loss limits read it (less what its shorts owe in borrow interest). */
  equity: number;
  quoteAsset: string;
  now: number;
  meter: ExposureMeter;
  monitor: AccountMonitor;
  rate: OrderRate;
  streak: LossStreak;
  correlation: CorrelationSource;
  /** The risk of the last order checked, % of equity (null before any). */
  lastTradeRiskPct: number | null;
}

export function riskGauges(p: GaugeParts): RiskGauge[] {
  const { limits: l, account, quoteAsset: q, equity } = p;
  // A context of our own: the meter keys its snapshot on it and reads only the account.
  const ctx = { account } as RiskContext;
  const snap = p.meter.snapshot(ctx);
  // The largest position as the max-position-notional rule counts it: per ledger and symbol, with the open
  // orders that would grow it (the exposure meter's worst case), not the filled quantity alone.
  const largest = snap.largest;
  let shorts = 0;
  for (const pos of account.positions()) {
    if (pos.qty >= 0n) continue;
    const mark = account.markOf(pos.symbolId);
    shorts += Math.abs(toNumber(pos.qty)) * (mark === mark ? mark : 0);
  }
  let group = 0;
  for (const a of snap.symbols) {
    let sum = 0;
    for (const b of snap.symbols) if (a === b || p.correlation.correlation(a, b) >= l.correlationThreshold) sum += snap.bySymbol[b]!;
    if (sum > group) group = sum;
  }
  const daily = p.monitor.dailyLossPct(equity);
  const dd = p.monitor.drawdownPct(equity);
  const leverage = equity > 0 ? snap.total / equity : 0;
  const orders = p.rate.count(p.now);
  const gauges: RiskGauge[] = [
    {
      rule: 'risk-per-trade',
      label: 'Risk per trade',
      used: p.lastTradeRiskPct ?? 0,
      limit: l.riskPerTradePct,
      unit: 'pct',
      text: p.lastTradeRiskPct === null ? `no order checked yet; limit ${pct(l.riskPerTradePct)}` : `last order ${pct(p.lastTradeRiskPct)} of ${pct(l.riskPerTradePct)}`,
    },
    { rule: 'daily-loss-limit', label: 'Daily loss', used: daily, limit: l.dailyLossLimitPct, unit: 'pct', text: `${pct(daily)} of ${pct(l.dailyLossLimitPct)}` },
    { rule: 'max-drawdown', label: 'Drawdown from peak', used: dd, limit: l.maxDrawdownPct, unit: 'pct', text: `${pct(dd)} of ${pct(l.maxDrawdownPct)}` },
    { rule: 'max-concurrent-positions', label: 'Positions', used: snap.count, limit: l.maxConcurrentPositions, unit: 'count', text: `${snap.count} of ${l.maxConcurrentPositions}` },
    { rule: 'max-total-exposure', label: 'Total exposure', used: snap.total, limit: l.maxTotalExposure, unit: 'quote', text: `${money(snap.total, q)} of ${money(l.maxTotalExposure, q)}` },
    { rule: 'leverage-cap', label: 'Leverage', used: leverage, limit: l.maxLeverage, unit: 'ratio', text: `${num(leverage, 2)}× of ${num(l.maxLeverage)}×` },
    { rule: 'max-position-notional', label: 'Largest position', used: largest, limit: l.maxPositionNotional, unit: 'quote', text: `${money(largest, q)} of ${money(l.maxPositionNotional, q)}, open orders included` },
    { rule: 'correlated-exposure', label: 'Correlated group', used: group, limit: l.maxCorrelatedExposure, unit: 'quote', text: `${money(group, q)} of ${money(l.maxCorrelatedExposure, q)}` },
    { rule: 'max-orders-per-minute', label: 'Orders this minute', used: orders, limit: l.maxOrdersPerMinute, unit: 'count', text: `${orders} of ${l.maxOrdersPerMinute}` },
    {
      rule: 'loss-streak-cooldown',
      label: 'Losing streak',
      used: p.streak.streak,
      limit: l.lossStreakLimit,
      unit: 'count',
      text: p.streak.cooldownUntil(p.now) !== null ? `cooling down until ${new Date(p.streak.cooldownUntil(p.now)!).toISOString().slice(11, 16)} UTC` : `${p.streak.streak} of ${l.lossStreakLimit} losses in a row`,
    },
  ];
  // Shorts on margin: how much of the assets they owe, against the share at which the margin call comes.
  if (shorts > 0) {
    const level = marginLevel(equity, shorts);
    gauges.push({
      rule: 'margin-call',
      label: 'Margin used',
      used: (shorts / (equity + shorts)) * 100,
      limit: 100 / LIQUIDATION_LEVEL,
      unit: 'pct',
      text: `margin level ${num(level, 2)}; every position is closed at ${LIQUIDATION_LEVEL}`,
    });
  }
  return gauges;
}
