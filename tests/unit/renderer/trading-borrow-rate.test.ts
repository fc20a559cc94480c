// The paper account's borrow rate, set in the Positions tab (trading.setBorrowRate): the text typed is
// checked as the engine would (percent a year, 0 to 1000), the answer is the snapshot with the new rate,
// and a refusal comes back with the engine's reason. The borrow interest the account and a position paid
// and owe, as the dock words it.
import { beforeEach, describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import type { Account } from '../../../shared/trading/orders.ts';
import { borrowRateFromText, setBorrowRate } from '../../../renderer/src/features/positions/account-kind.ts';
import { accountInterest, interestText, owedTitle, paidTitle } from '../../../renderer/src/features/positions/borrow-interest-text.ts';
import { usePositions } from '../../../renderer/src/features/positions/positions-store.ts';
import { useTradingModeState } from '../../../renderer/src/features/ticket/live/trading-mode-store.ts';
import { fakeApi } from './fake-api.ts';

const account = (patch: Partial<Account> = {}): Account => ({ mode: 'paper', account: 'paper', kind: 'margin', kindChangeRefusal: null, quoteAsset: 'USDT', balances: [], equity: '10000', realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0', borrowRatePct: '0', interestPaid: '0', interestOwed: '0', updatedAt: 1, ...patch });
const OUT_OF_RANGE = 'give percent a year, from 0 to 1000 (5 is 5% a year, 0.01% a day is 3.65)';

beforeEach(() => {
  useTradingModeState.setState({ state: null });
  usePositions.setState({ positions: [], account: account(), positionsLive: false, accountLive: false });
});

describe('the paper account’s borrow rate', () => {
  it('reads the text as percent a year, 0 to 1000', () => {
    expect([borrowRateFromText('10'), borrowRateFromText(' 3.65 '), borrowRateFromText('0'), borrowRateFromText('1000')]).toEqual([10, 3.65, 0, 1000]);
    expect(() => borrowRateFromText('')).toThrow('the borrow rate is empty; give percent a year, from 0 to 1000 (5 is 5% a year)');
    for (const bad of ['-1', '1001', 'ten']) {
      let thrown: unknown;
      try {
        borrowRateFromText(bad);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(KeelError);
      expect(thrown).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(OUT_OF_RANGE) });
    }
  });

  it('is set with trading.setBorrowRate; the answer is the snapshot, which the account line and the field read', async () => {
    const api = fakeApi({ 'trading.setBorrowRate': ({ ratePct }) => account({ borrowRatePct: String(ratePct), updatedAt: 2 }) });
    expect(await setBorrowRate(api, ' 3.65 ')).toEqual({ ok: true });
    expect(api.calls).toEqual([{ name: 'trading.setBorrowRate', request: { ratePct: 3.65 } }]);
    expect(usePositions.getState().account).toMatchObject({ borrowRatePct: '3.65', updatedAt: 2 });
  });

  it('refuses a mistyped rate without asking the engine, and passes on the engine’s refusal', async () => {
    const why = 'paper is a live exchange account: its borrow rates are the exchange’s';
    const api = fakeApi({
      'trading.setBorrowRate': () => {
        throw new KeelError('conflict', why);
      },
    });
    const typo = await setBorrowRate(api, '2000');
    expect(typo).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining(OUT_OF_RANGE) } });
    expect(api.calls).toEqual([]);
    expect(await setBorrowRate(api, '5')).toEqual({ ok: false, error: { code: 'conflict', message: why } });
    expect(usePositions.getState().account).toMatchObject({ borrowRatePct: '0' });
  });
});

describe('borrow interest in the dock', () => {
  it('says in the account line what the shorts paid and owe, once either is not zero', () => {
    expect(accountInterest(account())).toBeNull();
    expect(accountInterest(account({ interestOwed: '0.00057' }))?.text).toBe('0.00057 owed');
    const both = accountInterest(account({ borrowRatePct: '10', interestPaid: '1234.567', interestOwed: '0.45' }))!;
    expect(both.text).toBe('1,234.57 paid · 0.45 owed');
    expect(both.title).toBe('Borrow interest at 10% a year: 1,234.57 USDT paid by shorts bought back, 0.45 USDT owed by the open ones so far (paid when bought back; already out of the equity)');
    expect([interestText('0.01'), interestText('0.00999'), interestText('0')]).toEqual(['0.01', '0.00999', '0']);
  });

  it("puts a position's interest in its P&L's and fees' tooltips, and nothing where it has none", () => {
    expect(owedTitle({ interestOwed: '0.12' }, 'USDT')).toBe('Unrealized P&L; the short owes 0.12 USDT of borrow interest so far, paid when it is bought back');
    expect(paidTitle({ interestPaid: '3' }, 'USDT')).toBe('Fees; besides them, its shorts paid 3.00 USDT of borrow interest when bought back');
    expect([owedTitle({}, 'USDT'), owedTitle({ interestOwed: '0' }, 'USDT'), paidTitle({}, 'USDT')]).toEqual([undefined, undefined, undefined]);
  });
});
