// Whether the engine's idea of the account (cash from its opening balance and every journaled fill,
// positions per asset) matches what the exchange holds. Drift means something happened that Keel did not
// see: a deposit, a withdrawal, a trade placed elsewhere, or a fee paid in another asset. The engine is not
// changed to match (it would rewrite history); the drift is reported so the user can see it.
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

export function balanceDrift(engine: Account, exchange: Readonly<Record<string, { free: string; locked: string }>>): BalanceDrift[] {
  const totals = new Map<string, { engine: Dec; exchange: Dec }>();
  const at = (asset: string) => totals.get(asset) ?? totals.set(asset, { engine: 0n, exchange: 0n }).get(asset)!;
  for (const b of engine.balances) at(b.asset).engine += dec(b.free) + dec(b.locked);
  for (const [asset, b] of Object.entries(exchange)) at(asset).exchange += dec(b.free) + dec(b.locked);
  const out: BalanceDrift[] = [];
  for (const [asset, t] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    if (t.engine === t.exchange) continue;
    out.push({ asset, engine: format(t.engine), exchange: format(t.exchange), difference: format(t.exchange - t.engine) });
  }
  return out;
}
