import type { Migration } from './migration.ts';

// Borrow interest on margin shorts. A short borrows the coin it sells, and the venue charges interest on
// the loan until it is bought back: the account keeps its yearly rate (`borrow_rate_pct`, percent a year,
// decimal TEXT like every amount here, '0' for accounts opened before this); a fill that buys a short
// back records the interest it paid (`fills.interest`, '0' on every other fill); a position keeps when
// its open short was borrowed (`borrowed_since`, the quantity-weighted epoch ms, NULL unless short) and
// what interest it has paid; the balance snapshots keep the account's total, so a restart resumes all of it.
export const borrowInterest: Migration = {
  version: 8,
  name: 'borrow-interest',
  up(db) {
    db.exec(`
      ALTER TABLE trading_accounts ADD COLUMN borrow_rate_pct TEXT NOT NULL DEFAULT '0';
      ALTER TABLE fills ADD COLUMN interest TEXT NOT NULL DEFAULT '0';
      ALTER TABLE positions ADD COLUMN borrowed_since INTEGER;
      ALTER TABLE positions ADD COLUMN interest_paid TEXT NOT NULL DEFAULT '0';
      ALTER TABLE balance_snapshots ADD COLUMN interest_paid TEXT NOT NULL DEFAULT '0';
    `);
  },
};
