import type { Migration } from './migration.ts';

// Borrow rate changes under open shorts. A short pays the rate the account has from the moment it is set:
// what its loan ran up at the rates before is kept with the position (`borrow_rate_ms`, Σ yearly rate in
// 1e-18 units × ms, integer TEXT since it passes 2^63), and its borrow clock (`borrowed_since`) restarts
// at the change. '0' for every position before this: their rate never changed under them.
export const borrowRateChanges: Migration = {
  version: 10,
  name: 'borrow-rate-changes',
  up(db) {
    db.exec(`ALTER TABLE positions ADD COLUMN borrow_rate_ms TEXT NOT NULL DEFAULT '0'`);
  },
};
