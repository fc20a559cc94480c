import type { Migration } from './migration.ts';

// The audit log: who did what, appended in order and never changed. Each row carries the hash of
// the one before it (see audit-hash.ts), so `keel journal verify` finds any edit made behind Keel's
// back. The triggers make the rules the database's own, not just the code's:
// - no UPDATE and no DELETE, ever;
// - an INSERT must land exactly at the tail (seq = last seq + 1) and link to the tail's hash, which
//   also stops INSERT OR REPLACE from overwriting a row (REPLACE's delete fires no delete trigger).
// Rebuilding the table or dropping a trigger is still possible for anyone with the file; the hash
// chain is what catches that.

/** GENESIS_HASH of audit-hash.ts, copied rather than imported: a released migration never changes. */
const GENESIS_HASH = '0'.repeat(64);

export const audit: Migration = {
  version: 4,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        ts        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      );

      CREATE INDEX audit_log_ts ON audit_log (ts);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;

      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;

      CREATE TRIGGER audit_log_append_at_tail BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}')
      BEGIN
        SELECT RAISE(ABORT, 'audit_log appends only at its tail');
      END;
    `);
  },
};
