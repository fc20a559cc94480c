// What the live account's reconciliation found that Keel did not do, in sentences for the trader: orders
// open on the exchange that Keel did not place (Keel never touches them, not even the kill switch),
// balances that differ from what the journal expects, and cancels the exchange keeps refusing. On the first
// arming, what the exchange held beyond the journal is taken as the opening balance: said once, not drift.
import type { LiveFindings } from '../../../../../shared/contract/commands/trading-mode.ts';

export interface FindingLine {
  kind: 'foreign' | 'drift' | 'opening' | 'cancel';
  text: string;
}

export function hasFindings(f: LiveFindings | null | undefined): f is LiveFindings {
  return !!f && f.foreignOpenOrders.length + f.balanceDrift.length + (f.openingBalances?.length ?? 0) + f.refusedCancels.length > 0;
}

export function findingLines(f: LiveFindings | null | undefined, exchange: string): FindingLine[] {
  if (!f) return [];
  const lines: FindingLine[] = [];
  for (const o of f.foreignOpenOrders) {
    const what = [o.symbol, o.side, o.qty, o.type].filter((x) => x !== null).join(' ');
    const id = o.clientOrderId !== null ? `client id ${o.clientOrderId}` : `exchange id ${o.exchangeOrderId}`;
    lines.push({ kind: 'foreign', text: `Open on ${exchange}, not placed by Keel: ${what}${o.price !== null ? ` at ${o.price}` : ''} (${id}). Keel leaves it alone, the kill switch too; cancel it on ${exchange} if it should not stay.` });
  }
  for (const d of f.balanceDrift) {
    const sign = d.difference.startsWith('-') ? '' : '+';
    lines.push({ kind: 'drift', text: `${d.asset}: ${exchange} holds ${d.exchange}, Keel's journal expects ${d.expected} (${sign}${d.difference}): a deposit, a withdrawal, a holding from before Keel, or a trade Keel did not make.` });
  }
  for (const d of f.openingBalances ?? []) {
    lines.push({ kind: 'opening', text: `${d.asset}: ${exchange} holds ${d.exchange}, Keel's journal expected ${d.expected} (a holding from before Keel): taken as the opening balance on this first arming. From now on only changes since are reported as drift.` });
  }
  for (const c of f.refusedCancels) lines.push({ kind: 'cancel', text: `Order ${c.clientOrderId} (${c.symbol}): ${c.message}` });
  return lines;
}
