// ccxt's balance structure (free and used per asset, as floats) as exact decimal text per asset: what the
// reconciliation report, the drift check and the arming preview show.
import { decFromNumber, format } from '../../../shared/trading/decimal.ts';

/** ccxt's balance structure as decimal text per asset (assets with nothing are left out). */
export function balanceRows(b: { free?: Record<string, number | undefined>; used?: Record<string, number | undefined> }): Record<string, { free: string; locked: string }> {
  const out: Record<string, { free: string; locked: string }> = {};
  const assets = new Set([...Object.keys(b.free ?? {}), ...Object.keys(b.used ?? {})]);
  for (const asset of [...assets].sort()) {
    const free = decFromNumber(b.free?.[asset] ?? 0);
    const locked = decFromNumber(b.used?.[asset] ?? 0);
    if (free === 0n && locked === 0n) continue;
    out[asset] = { free: format(free), locked: format(locked) };
  }
  return out;
}
