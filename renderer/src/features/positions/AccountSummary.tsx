// The account in one line: its kind (spot or margin; a click opens the Positions tab, where the paper
// account's is switched), equity, free cash, unrealized and realized P&L (green or red), and the borrow
// interest its shorts paid and owe once there is any; fees in its tooltip. From trading.account and its
// events, so it moves with the marks.
import { fixed, pnlClass, signedFixed } from '../orders/decimal-text.ts';
import { KIND_LABELS } from './account-kind.ts';
import { accountInterest } from './borrow-interest-text.ts';
import { cashOf, usePositions } from './positions-store.ts';

export function AccountSummary({ onKind }: { onKind?: () => void }) {
  const account = usePositions((s) => s.account);
  if (!account) return <span className="account-summary dim">Account loading…</span>;
  const q = account.quoteAsset;
  const interest = accountInterest(account);
  return (
    <span className="account-summary" data-testid="account-summary" title={`${account.mode === 'live' ? 'Live' : 'Paper'} account ${account.account}; fees paid ${fixed(account.feesPaid, 2)} ${q}`}>
      <button
        type="button"
        className={`acct-kind acct-kind-${account.kind}`}
        data-testid="account-kind-tag"
        data-kind={account.kind}
        title={`${account.mode === 'live' ? account.account : 'The paper account'} is ${account.kind}${account.kind === 'margin' ? `: shorts allowed, 1× collateral, borrowing at ${account.borrowRatePct} % a year` : ': long only'}.${account.mode === 'paper' ? ' Switch it (and set its borrow rate) in the Positions tab.' : ''}`}
        onClick={onKind}
      >
        {KIND_LABELS[account.kind]}
      </button>
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
      {interest && (
        <span className="acct-item acct-optional" title={interest.title}>
          <span className="acct-label">Interest</span>
          <span className="num" data-testid="account-interest">
            {interest.text}
          </span>
        </span>
      )}
    </span>
  );
}
