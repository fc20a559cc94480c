import type { Migration } from './migration.ts';

// How far a backtest run or a parameter search had got when it ended: a job cancelled (or cut short by
// Keel closing) before it kept anything read back after a restart as progress 0, like a run stuck at its
// start, where the same session had said how far it got. NULL on the rows written before: not known.
export const endedJobProgress: Migration = {
  version: 14,
  name: 'ended-job-progress',
  up(db) {
    db.exec(`
      ALTER TABLE backtest_runs ADD COLUMN progress REAL CHECK (progress IS NULL OR progress BETWEEN 0 AND 1);
      ALTER TABLE parameter_searches ADD COLUMN progress REAL CHECK (progress IS NULL OR progress BETWEEN 0 AND 1);
    `);
  },
};
