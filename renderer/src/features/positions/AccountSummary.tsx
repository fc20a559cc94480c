// The account in one line: its kind (spot or margin; a click opens the Positions tab, where the paper
// account's is switched), equity, free cash, open P&L and net realized P&L after fees (green or red:
// account-pnl.ts), and the borrow interest its shorts paid and owe once there is any; fees in its tooltip.
// From trading.account and its events, so it moves with the marks.
import { fixed } from '../orders/decimal-text.ts';
import { accountPnlFigures } from './account-pnl.ts';
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
        title={`${account.mode === 'live' ? account.account : 'The paper account'} is ${account.kind}${account.kind === 'margin' ? `: shorts allowed, 1× collateral, borrowing at ${account.borrowRatePct}% a year` : ': long only'}.${account.mode === 'paper' ? ' Switch it (and set its borrow rate) in the Positions tab.' : ''}`}
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
      {accountPnlFigures(account).map((f) => (
        <span key={f.testId} className="acct-item" title={f.title}>
          <span className="acct-label">{f.label}</span>
          <span className={`num ${f.tone}`} data-testid={f.testId}>
            {f.text}
          </span>
        </span>
      ))}
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
