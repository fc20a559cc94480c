// A meter over a fake account and a real book, for the exposure rules' tests.
import { ExposureMeter } from '../../../../electron/risk/exposure.ts';
import { PendingBook } from '../../../../electron/risk/pending-book.ts';
import { dec } from '../../../../shared/trading/decimal.ts';
import type { Side } from '../../../../shared/trading/orders.ts';
import { account, type FakePosition } from './rule-fixtures.ts';

export function exposureFixture(positions: FakePosition[], equity = 10_000) {
  const acct = account(positions, equity);
  const book = new PendingBook();
  const symbols = { find: (s: string) => acct.ids.get(s) ?? -1 };
  const meter = new ExposureMeter(book, symbols);
  let n = 0;
  const rest = (symbol: string, side: Side, qty: string, ledger = 'user') => book.add({ id: `p${++n}`, symbol, side, reduceOnly: false, qty: dec(qty), filledQty: 0n, ledger });
  return { acct, book, meter, rest };
}
