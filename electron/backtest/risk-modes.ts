// Risk modes for strategies: how much of the account one strategy may put into its market, and the risk
// gate's rules that hold it to that. The same gate and rules run in backtests and on paper.
//
// The risk room (electron/risk) is growing its own mode presets; until they land, a mode here is one
// rule: a position (open orders included) may be worth at most `positionShare` of the account's equity.
// Strategies size their entries to that share, so an honest strategy is never refused, and one that
// tries to put on more is refused by the gate, journaled as rejected.
import { decFromNumber, format, mul } from '../../shared/trading/decimal.ts';
import type { RiskRule } from '../risk/risk-gate.ts';

export const RISK_MODES = ['conservative', 'moderate', 'aggressive', 'custom'] as const;
export type RiskMode = (typeof RISK_MODES)[number];

export interface RiskModeSettings {
  mode: RiskMode;
  /** 0..1: the most of equity one strategy's position may be worth. */
  positionShare: number;
}

/** Preset shares; custom takes the share the user gives (default 1). */
const PRESET_SHARE: Record<Exclude<RiskMode, 'custom'>, number> = { conservative: 0.25, moderate: 0.5, aggressive: 1 };

export function isRiskMode(v: string): v is RiskMode {
  return (RISK_MODES as readonly string[]).includes(v);
}

export function parseRiskMode(v: string): RiskMode {
  if (isRiskMode(v)) return v;
  throw new RangeError(`unknown risk mode "${v}"; modes: ${RISK_MODES.join(', ')}`);
}

export function riskModeSettings(mode: RiskMode, customShare?: number): RiskModeSettings {
  if (mode !== 'custom') return { mode, positionShare: PRESET_SHARE[mode] };
  const share = customShare ?? 1;
  if (!(share > 0 && share <= 1)) throw new RangeError(`custom position share must be above 0 and at most 1 (100 %), got ${share}`);
  return { mode, positionShare: share };
}

/**
 * The gate's rules for a mode. The position limit allows 2 % over the share: a market order is sized
 * at the signal bar's close and valued at its reference price, which moves a little before it fills.
 */
export function riskRulesFor(settings: RiskModeSettings): RiskRule[] {
  const name = `max-position-share:${settings.mode}`;
  const limit = decFromNumber(Math.min(1, settings.positionShare) * 1.02);
  return [
    {
      name,
      check(order, ctx) {
        const after = ctx.positionQty + ctx.pendingQty + (order.side === 'buy' ? order.qty : -order.qty);
        const value = mul(after < 0n ? -after : after, order.refPrice);
        const cap = mul(ctx.equity > 0n ? ctx.equity : 0n, limit);
        if (value <= cap) return null;
        return {
          rule: name,
          message: `${name}: the ${order.ledger} ledger's ${order.symbol} position would be worth ${format(value)} ${ctx.quoteAsset}, above ${Math.round(settings.positionShare * 100)} % of equity (${format(ctx.equity)} ${ctx.quoteAsset}) that the ${settings.mode} mode allows`,
        };
      },
    },
  ];
}
