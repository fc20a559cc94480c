// The account in one line: equity, free cash, unrealized and realized P&L (green or red); fees in its tooltip.
// From trading.account and its events, so it moves with the marks.
import { fixed, pnlClass, signedFixed } from '../orders/decimal-text.ts';
import { cashOf, usePositions } from './positions-store.ts';

export function AccountSummary() {
  const account = usePositions((s) => s.account);
  if (!account) return <span className="account-summary dim">Account loading…</span>;
  const q = account.quoteAsset;
  return (
    <span className="account-summary" data-testid="account-summary" title={`${account.mode === 'live' ? 'Live' : 'Paper'} account ${account.account}; fees paid ${fixed(account.feesPaid, 2)} ${q}`}>
      <span className="acct-item">
        <span className="acct-label">Equity</span>
        <span className="num" data-testid="account-equity">
          {fixed(account.equity, 2)}
        </span>
        <span className="unit acct-optional">{q}</span>
      </span>
      <span className="acct-item acct-optional">
        <span className="acct-label">Cash</span>
        <span className="num" data-testid="account-cash">
          {fixed(cashOf(account), 2)}
        </span>
      </span>
      <span className="acct-item">
        <span className="acct-label">P&amp;L</span>
        <span className={`num ${pnlClass(account.unrealizedPnl)}`} data-testid="account-upnl">
          {signedFixed(account.unrealizedPnl, 2)}
        </span>
      </span>
      <span className="acct-item">
        <span className="acct-label">Realized</span>
        <span className={`num ${pnlClass(account.realizedPnl)}`} data-testid="account-rpnl">
          {signedFixed(account.realizedPnl, 2)}
        </span>
      </span>
    </span>
  );
}
