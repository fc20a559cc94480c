import type { Migration } from './migration.ts';

// A parameter search cancelled partway keeps the sets it had scored (a walk-forward, the folds it had
// completed): its row is `cancelled` with an outcome. 007 allowed an outcome on `done` rows only, so the
// table is rebuilt with the rule loosened: a done search has an outcome, a failed one none, a cancelled
// one either (none when it was cancelled before any set finished). SQLite cannot change a CHECK in place.
export const cancelledSearchOutcomes: Migration = {
  version: 13,
  name: 'cancelled-search-outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE parameter_searches_013 (
        seq        INTEGER PRIMARY KEY,
        status     TEXT NOT NULL CHECK (status IN ('done', 'failed', 'cancelled')),
        request    TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        error      TEXT,
        outcome    TEXT,
        CHECK (status <> 'done' OR outcome IS NOT NULL),
        CHECK (status <> 'failed' OR outcome IS NULL)
      );
      INSERT INTO parameter_searches_013 (seq, status, request, started_at, error, outcome)
        SELECT seq, status, request, started_at, error, outcome FROM parameter_searches;
      DROP TABLE parameter_searches;
      ALTER TABLE parameter_searches_013 RENAME TO parameter_searches;
    `);
  },
};
