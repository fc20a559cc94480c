// The paper margin account's borrow rate in the Positions toolbar, beside its Spot / Margin switch: what
// its shorts pay on the coins they borrow, percent a year, shown as the account says it and set with Enter
// or Set (Escape puts the account's rate back). The outcome goes to the switch's message slot. A live
// account's rates are its exchange's: nothing here to set.
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';
import { MAX_BORROW_RATE_PCT } from '../../../../shared/trading/borrow-interest.ts';
import type { Account } from '../../../../shared/trading/orders.ts';
import { setBorrowRate } from './account-kind.ts';

export type BorrowRateOutcome = { kind: 'ok'; text: string } | { kind: 'error'; error: KeelErrorData };

const TITLE = `What the paper account's shorts pay on the coins they borrow, percent a year, from 0 to ${MAX_BORROW_RATE_PCT}: 5 is 5% a year, and Binance's 0.01% a day is 3.65. A short pays it when bought back, for the whole time it was held`;

export function BorrowRateField({ account, onOutcome }: { account: Pick<Account, 'borrowRatePct'>; onOutcome: (outcome: BorrowRateOutcome) => void }) {
  const api = useApi();
  // What the trader typed, or null while the box shows the account's rate.
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unchanged = text === null || (text.trim() !== '' && Number(text) === Number(account.borrowRatePct));

  const commit = async () => {
    if (busy || text === null || unchanged) return;
    setBusy(true);
    const result = await setBorrowRate(api, text);
    setBusy(false);
    if (result.ok) setText(null);
    onOutcome(result.ok ? { kind: 'ok', text: `The paper account's shorts pay ${Number(text.trim())}% a year on what they borrow now` } : { kind: 'error', error: result.error });
  };

  return (
    <form
      className="borrow-rate"
      data-testid="borrow-rate-field"
      data-rate={account.borrowRatePct}
      title={TITLE}
      // The browser's own range check would block the submit without a word: the refusal says what is valid.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void commit();
      }}
    >
      <span className="acct-label">Borrow</span>
      <input
        type="number"
        className="cell-input borrow-rate-input"
        data-testid="borrow-rate"
        aria-label="Borrow rate, percent a year"
        min={0}
        max={MAX_BORROW_RATE_PCT}
        step="any"
        value={text ?? account.borrowRatePct}
        disabled={busy}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setText(null);
        }}
      />
      <span className="unit">%/yr</span>
      <button type="submit" className="btn btn-xs" data-testid="borrow-rate-set" disabled={busy || unchanged}>
        Set
      </button>
    </form>
  );
}
