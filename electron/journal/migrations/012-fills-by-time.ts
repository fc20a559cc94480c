import type { Migration } from './migration.ts';

// The fills tab pages an account's fills newest first by (time, id), 200 before the oldest shown: this
// index lets that query walk straight to the page instead of sorting every fill of the account. One
// index serves the per-market page too (it walks the same order and skips other markets' rows), so a
// fill's write pays for one more index entry, not two.
export const fillsByTime: Migration = {
  version: 12,
  name: 'fills-by-time',
  up(db) {
    db.exec('CREATE INDEX fills_time ON fills (account, ts, id)');
  },
};
