// Rule: what a trade can lose if its stop is hit (the distance from the entry to the stop × the quantity
// it opens) may be at most the mode's % of equity. The stop is the order's bracket stop-loss, else the
// nearest resting stop of the ledger that would close the position; without either, the default stop
// (k × ATR, or a fixed %) stands in, and with no default the order is refused: unmeasured risk is not
// taken. AI signals above the confidence floor may risk up to the mode's ceiling (aggressive 3 → 5 %).
import { allowedRiskPct } from '../../../shared/risk/risk-limits.ts';
import { toNumber, type Dec } from '../../../shared/trading/decimal.ts';
import { equityOf } from '../context-equity.ts';
import type { RiskOrder, RiskRule } from '../risk-gate.ts';
import { money, num, pct } from '../figures.ts';
import { figuresOf } from '../order-figures.ts';
import { defaultStopDistance, defaultStopLabel } from '../volatility-sizing.ts';
import { openingQty } from './exposure-delta.ts';
import { modeLabel, type LimitsSource } from './limits-source.ts';

export interface AtrSource {
  /** ATR(14) of the symbol's recent candles, NaN when there is too little history. */
  atrOf(symbol: string): number;
}

/** Resting stops the risk room knows of (the gate's book): a trigger, null for none, undefined for "ask the engine". */
export interface StopSource {
  protectiveStop(symbol: string, ledger: string, side: 'buy' | 'sell'): Dec | null | undefined;
}

/** `measured` hears each checked order's risk (% of equity), previews included, for the panel's gauge. */
export function riskPerTrade(source: LimitsSource, volatility: AtrSource | null = null, measured: ((riskPct: number, order: RiskOrder) => void) | null = null, stops: StopSource | null = null): RiskRule {
  const name = 'risk-per-trade';
  return {
    name,
    check(order, ctx) {
      const limits = source.limits;
      const f = figuresOf(order, ctx);
      // From flat the whole order opens: toNumber(|q|) is |toNumber(q)| (the conversion is symmetric).
      const qty = ctx.positionQty === 0n ? Math.abs(f.qty) : toNumber(openingQty(order, ctx.positionQty));
      if (qty === 0) return null;
      const entry = f.refPrice;
      let stopDec = order.stopPrice ?? stops?.protectiveStop(order.symbol, order.ledger, order.side);
      if (stopDec === undefined) stopDec = ctx.account.protectiveStop?.(order.symbol, order.ledger, order.side) ?? null;
      // No closure or object per order for the refusal's wording: it is built below, from these, on a refusal.
      let distance: number;
      let stop = Number.NaN;
      let atr = Number.NaN;
      if (stopDec !== null) {
        stop = toNumber(stopDec);
        distance = Math.abs(entry - stop);
      } else {
        if (limits.defaultStopAtr !== null && volatility) atr = volatility.atrOf(order.symbol);
        const d = defaultStopDistance(entry, limits, atr);
        if (d === null) {
          return { rule: name, message: `${name}: the order has no stop-loss and no default stop is set, so its risk cannot be measured; add a stop-loss or set a default stop distance` };
        }
        distance = d;
      }
      const equity = equityOf(ctx);
      const risk = qty * distance;
      if (!(equity > 0)) return { rule: name, message: `${name}: equity is ${money(equity, ctx.quoteAsset)}, so no trade may risk anything` };
      const riskPct = (risk / equity) * 100;
      measured?.(riskPct, order);
      const allowed = allowedRiskPct(limits, order.origin.kind === 'ai' ? order.origin.confidence : null);
      // A hair of float tolerance: an order sized to exactly the limit passes.
      if (riskPct <= allowed * (1 + 1e-9)) return null;
      const ceiling = allowed > limits.riskPerTradePct ? ` (raised from ${pct(limits.riskPerTradePct)} for the AI's confidence)` : '';
      return {
        rule: name,
        message: `${name}: risk ${pct(riskPct)} of equity (${money(risk, ctx.quoteAsset)}: ${num(qty)} × ${num(distance)} ${stopDec !== null ? `to the stop at ${num(stop)}` : defaultStopLabel(entry, limits, atr)}) exceeds the ${pct(allowed)} limit${ceiling} of ${modeLabel(source.mode)}`,
      };
    },
  };
}
