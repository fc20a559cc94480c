// Orders, contexts and accounts for testing one rule at a time, without an engine.
import type { RiskAccount, RiskContext, RiskOrder, RiskPosition } from '../../../../electron/risk/risk-gate.ts';
import { fixedLimits, type LimitsSource } from '../../../../electron/risk/rules/limits-source.ts';
import type { RiskLimits, RiskMode } from '../../../../shared/risk/risk-limits.ts';
import { dec, mul } from '../../../../shared/trading/decimal.ts';
import type { Origin } from '../../../../shared/trading/orders.ts';
import { LOOSE } from '../risk-rig.ts';

export const USER: Origin = { kind: 'user' };

export function order(o: Partial<Omit<RiskOrder, 'qty' | 'refPrice' | 'stopPrice'>> & { qty?: string; price?: string; stop?: string } = {}): RiskOrder {
  return {
    id: o.id ?? 'o1',
    symbol: o.symbol ?? 'BTC/USDT',
    side: o.side ?? 'buy',
    type: o.type ?? 'limit',
    qty: dec(o.qty ?? '1'),
    refPrice: dec(o.price ?? '100'),
    reduceOnly: o.reduceOnly ?? false,
    ledger: o.ledger ?? 'user',
    origin: o.origin ?? USER,
    stopPrice: o.stop === undefined ? null : dec(o.stop),
  };
}

export interface FakePosition {
  symbol: string;
  qty: string;
  mark?: number;
  ledger?: string;
}

/** An account of positions at marks; symbol ids in the order the symbols first appear. */
export function account(positions: FakePosition[] = [], equity = 10_000, extra: Partial<RiskAccount> = {}): RiskAccount & { ids: Map<string, number> } {
  const ids = new Map<string, number>();
  const marks: number[] = [];
  const list: RiskPosition[] = positions.map((p, index) => {
    if (!ids.has(p.symbol)) ids.set(p.symbol, ids.size);
    const symbolId = ids.get(p.symbol)!;
    marks[symbolId] = p.mark ?? Number.NaN;
    const qty = dec(p.qty);
    return { symbol: p.symbol, symbolId, ledger: p.ledger ?? 'user', index, qty, costBasis: mul(qty, dec(String(p.mark ?? 100))), realizedPnl: 0n, feesPaid: 0n };
  });
  return {
    ids,
    positions: () => list,
    position: (symbol, ledger) => list.find((p) => p.symbol === symbol && p.ledger === ledger),
    markOf: (id) => marks[id] ?? Number.NaN,
    equityFloat: () => equity,
    ...extra,
  };
}

/** `pending`: the ledger's other open orders, signed (buys above 0, sells below); or each side on its own. */
export function ctx(
  c: Partial<Omit<RiskContext, 'positionQty' | 'pendingBuyQty' | 'pendingSellQty' | 'lastPrice'>> & { position?: string; pending?: string; pendingBuy?: string; pendingSell?: string; last?: string | null } = {},
): RiskContext {
  const signed = dec(c.pending ?? '0');
  return {
    quoteAsset: 'USDT',
    positionQty: dec(c.position ?? '0'),
    pendingBuyQty: c.pendingBuy !== undefined ? dec(c.pendingBuy) : signed > 0n ? signed : 0n,
    pendingSellQty: c.pendingSell !== undefined ? dec(c.pendingSell) : signed < 0n ? -signed : 0n,
    lastPrice: c.last === null ? null : dec(c.last ?? '100'),
    cash: 0n,
    equity: 0n,
    now: c.now ?? 1_700_000_000_000,
    account: c.account ?? account(),
  };
}

export function limits(l: Partial<RiskLimits> = {}, mode: RiskMode = 'custom'): LimitsSource {
  return fixedLimits({ ...LOOSE, ...l }, mode);
}
