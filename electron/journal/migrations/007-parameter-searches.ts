import type { Migration } from './migration.ts';

// The app's finished parameter searches and walk-forwards, kept across restarts as the backtest runs are
// (006): a search over thousands of sets can take minutes, and closing Keel must not throw it away. One
// row per search (`seq` is the n of its id opt-n), the checked request and the outcome the Optimization
// tab reads (the scored sets, the in- and out-of-sample figures, the stitched walk-forward) as JSON.
export const parameterSearches: Migration = {
  version: 7,
  name: 'parameter-searches',
  up(db) {
    db.exec(`
      CREATE TABLE parameter_searches (
        seq        INTEGER PRIMARY KEY,
        status     TEXT NOT NULL CHECK (status IN ('done', 'failed', 'cancelled')),
        request    TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        error      TEXT,
        outcome    TEXT,
        CHECK ((status = 'done') = (outcome IS NOT NULL))
      );
    `);
  },
};
