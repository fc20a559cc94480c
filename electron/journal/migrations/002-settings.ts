import type { Migration } from './migration.ts';

// User settings as key -> JSON text; the settings module owns the keys and validates the values.
export const settings: Migration = {
  version: 2,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
