// The account line's P&L figures, in words that say what they are. "P&L" alone showed the open positions'
// unrealized P&L: 0.00 on a flat account hundreds down, its realized P&L cut off beyond the dock's edge.
// So: "Open", the unrealized, and "Net", what the closed trades made after their fees — the same figure
// (netRealized) the strategies table's Net column shows for a ledger, here for the whole account.
import type { Account } from '../../../../shared/trading/orders.ts';
import { pnlClass, signedFixed } from '../orders/decimal-text.ts';
import { netRealized } from '../strategies/strategy-pnl.ts';

export interface PnlFigure {
  label: string;
  text: string;
  /** pnl-up, pnl-down or pnl-flat. */
  tone: string;
  title: string;
  testId: string;
}

export function accountPnlFigures(a: Pick<Account, 'unrealizedPnl' | 'realizedPnl' | 'feesPaid' | 'quoteAsset'>): PnlFigure[] {
  const net = netRealized(a);
  return [
    { label: 'Open', text: signedFixed(a.unrealizedPnl, 2), tone: pnlClass(a.unrealizedPnl), title: `Open P&L: the open positions' unrealized P&L at the marks, in ${a.quoteAsset}`, testId: 'account-upnl' },
    { label: 'Net', text: net.text, tone: pnlClass(net.value), title: `Net realized P&L of the closed trades after fees, in ${a.quoteAsset}: ${net.title} (the Positions tab shows the two apart)`, testId: 'account-net' },
  ];
}
