import type { Migration } from './migration.ts';

// The app's finished backtest runs, kept across restarts: a trader closes Keel and finds the runs and
// comparisons of yesterday where they were. One row per run (`seq` is the n of its id bt-n), the
// request and the outcome the backtest page reads (curves thinned, trades and fills capped) as JSON.
// Runs still going are not here: a run is written once, when it ends.
export const backtestRuns: Migration = {
  version: 6,
  name: 'backtest-runs',
  up(db) {
    db.exec(`
      CREATE TABLE backtest_runs (
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
