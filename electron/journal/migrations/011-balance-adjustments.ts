import type { Migration } from './migration.ts';

// What a live account held on its exchange that its journal never saw arrive, as the journal took it: at the
// first arming ('opening': coins held before Keel, one row per asset the exchange or the journal holds) and
// when the trader acknowledges drift ('acknowledged'). The drift check adds `amount` (exchange − expected,
// at that moment) to what the fills make of the account, so a holding from before Keel is not reported as
// drift at every arming. Exact decimal TEXT; append-only like fills: the record of what was taken as given.
export const balanceAdjustments: Migration = {
  version: 11,
  name: 'balance-adjustments',
  up(db) {
    db.exec(`
      CREATE TABLE balance_adjustments (
        id       INTEGER PRIMARY KEY,
        account  TEXT NOT NULL,
        asset    TEXT NOT NULL,
        expected TEXT NOT NULL,
        exchange TEXT NOT NULL,
        amount   TEXT NOT NULL,
        cause    TEXT NOT NULL CHECK (cause IN ('opening', 'acknowledged')),
        ts       INTEGER NOT NULL
      );
      CREATE INDEX balance_adjustments_account ON balance_adjustments (account, id);
      CREATE TRIGGER balance_adjustments_no_update BEFORE UPDATE ON balance_adjustments BEGIN SELECT RAISE(ABORT, 'balance_adjustments is append-only'); END;
      CREATE TRIGGER balance_adjustments_no_delete BEFORE DELETE ON balance_adjustments BEGIN SELECT RAISE(ABORT, 'balance_adjustments is append-only'); END;
    `);
  },
};
