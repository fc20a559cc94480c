// Whether the engine's idea of the account (cash from its opening balance and every journaled fill,
// positions per asset) matches what the exchange holds. Drift means something happened that Keel did not
// see: a deposit, a withdrawal, a trade placed elsewhere, or a fee paid in another asset. The engine is not
// changed to match (it would rewrite history); the drift is reported so the user can see it. What the
// journal took as given (the balances of the first arming, acknowledged drift) counts as expected.
import { dec, format, type Dec } from '../../../shared/trading/decimal.ts';
import type { Account } from '../../../shared/trading/orders.ts';

export interface BalanceDrift {
  asset: string;
  /** Free + locked, as decimal text. */
  engine: string;
  exchange: string;
  /** exchange − engine. */
  difference: string;
}

/** One asset's total (free + locked) as the journal expects it and as the exchange holds it. */
export interface BalanceTotal {
  asset: string;
  expected: Dec;
  exchange: Dec;
}

/**
 * Every asset either side holds, by name. `offsets`: what the journal took as given per asset
 * (balance-adjustments.ts), expected on top of the engine's own account.
 */
export function balanceTotals(engine: Account, exchange: Readonly<Record<string, { free: string; locked: string }>>, offsets?: ReadonlyMap<string, Dec> | null): BalanceTotal[] {
  const totals = new Map<string, BalanceTotal>();
  const at = (asset: string) => totals.get(asset) ?? totals.set(asset, { asset, expected: 0n, exchange: 0n }).get(asset)!;
  for (const b of engine.balances) at(b.asset).expected += dec(b.free) + dec(b.locked);
  for (const [asset, amount] of offsets ?? []) at(asset).expected += amount;
  for (const [asset, b] of Object.entries(exchange)) at(asset).exchange += dec(b.free) + dec(b.locked);
  return [...totals.values()].sort((a, b) => a.asset.localeCompare(b.asset));
}

/** The assets whose totals differ (none when the journal and the exchange agree). */
export function balanceDrift(engine: Account, exchange: Readonly<Record<string, { free: string; locked: string }>>, offsets?: ReadonlyMap<string, Dec> | null): BalanceDrift[] {
  return differing(balanceTotals(engine, exchange, offsets));
}

export function differing(totals: readonly BalanceTotal[]): BalanceDrift[] {
  const out: BalanceDrift[] = [];
  for (const t of totals) {
    if (t.expected === t.exchange) continue;
    out.push({ asset: t.asset, engine: format(t.expected), exchange: format(t.exchange), difference: format(t.exchange - t.expected) });
  }
  return out;
}
