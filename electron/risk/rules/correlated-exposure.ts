// Rule: positions whose returns move together are one bet. The order's market and every market whose
// recent returns correlate with it at or above the threshold form a group; the group's exposure (worst
// case, open orders included) may not exceed the cap. Correlation comes from recent candle returns
// (market-history.ts); a market with too little history is not grouped with anything but itself.
import type { ExposureMeter } from '../exposure.ts';
import type { RiskRule } from '../risk-gate.ts';
import { money, num } from '../figures.ts';
import type { LimitsSource } from './limits-source.ts';

export interface CorrelationSource {
  correlation(a: number, b: number): number;
  name(symbolId: number): string;
  /** Optional fast path: a mask of the ids (below `size`) correlated with `a` at the threshold or more. */
  correlatedWith?(a: number, threshold: number, size: number): Uint8Array;
}

export function correlatedExposure(source: LimitsSource, meter: ExposureMeter, corr: CorrelationSource): RiskRule {
  const name = 'correlated-exposure';
  return {
    name,
    check(order, ctx) {
      const e = meter.orderEffect(order, ctx);
      if (e.after <= e.before) return null;
      const snap = meter.snapshot(ctx);
      const threshold = source.limits.correlationThreshold;
      let group = e.after - e.before;
      const ids = snap.symbols;
      if (e.symbolId !== -1 && corr.correlatedWith) {
        let size = e.symbolId + 1;
        for (let i = 0; i < ids.length; i++) if (ids[i]! >= size) size = ids[i]! + 1;
        const mask = corr.correlatedWith(e.symbolId, threshold, size);
        for (let i = 0; i < ids.length; i++) if (mask[ids[i]!] === 1) group += snap.bySymbol[ids[i]!]!;
      } else {
        for (const id of ids) if (id === e.symbolId || (e.symbolId !== -1 && corr.correlation(e.symbolId, id) >= threshold)) group += snap.bySymbol[id]!;
      }
      const limit = source.limits.maxCorrelatedExposure;
      if (group <= limit * (1 + 1e-12)) return null;
      // Refused: now name the group (the pass path builds no text).
      const members: string[] = [];
      for (const id of snap.symbols) {
        if (id === e.symbolId || e.symbolId === -1) continue;
        const rho = corr.correlation(e.symbolId, id);
        if (rho >= threshold) members.push(`${corr.name(id)} ρ=${num(rho, 2)}`);
      }
      const with_ = members.length ? ` with ${members.slice(0, 5).join(', ')}${members.length > 5 ? ` and ${members.length - 5} more` : ''}` : '';
      return {
        rule: name,
        message: `${name}: ${order.symbol}${with_} (returns correlated at ${num(threshold, 2)} or more) would carry ${money(group, ctx.quoteAsset)} of exposure, above the ${money(limit, ctx.quoteAsset)} cap`,
      };
    },
  };
}
