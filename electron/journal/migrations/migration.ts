import type Database from 'better-sqlite3';

/**
 * One step of the journal's schema. `up` runs inside a transaction together with the bump of
 * `PRAGMA user_version` to `version`, so a journal is always at exactly one known version.
 * Migrations are never edited once released: a change to the schema is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
