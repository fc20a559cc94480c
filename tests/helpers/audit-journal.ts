// A journal with the audit log, for tests: migrated in memory or in a file up to 004, plus the
// raw-SQL tampering an attacker with the file could do (triggers dropped first).
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/journal/migrations/index.ts';
import { migrate } from '../../electron/journal/migrate.ts';
import type { Migration } from '../../electron/journal/migrations/migration.ts';

/** Migrations 1 to 4 (the audit log), however many come after. */
export const UP_TO_AUDIT: readonly Migration[] = MIGRATIONS.slice(0, 4);

export function auditJournal(file = ':memory:'): Database.Database {
  const db = new Database(file);
  migrate(db, file, UP_TO_AUDIT);
  return db;
}

/** What the append-only triggers prevent, done anyway: drop them, run the SQL. */
export function tamper(db: Database.Database, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_log_append_at_tail;');
  db.prepare(sql).run(...params);
}
