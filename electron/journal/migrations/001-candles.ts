import type { Migration } from './migration.ts';

// A series is one (exchange, symbol, timeframe); candles hang off it by id so the candle rows stay
// narrow. WITHOUT ROWID stores candles clustered by (series_id, ts): a range read is one b-tree walk.
export const candles: Migration = {
  version: 1,
  name: 'candles',
  up(db) {
    db.exec(`
      CREATE TABLE series (
        id        INTEGER PRIMARY KEY,
        exchange  TEXT NOT NULL,
        symbol    TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        UNIQUE (exchange, symbol, timeframe)
      );

      CREATE TABLE candles (
        series_id INTEGER NOT NULL REFERENCES series(id),
        ts        INTEGER NOT NULL,
        open      REAL NOT NULL,
        high      REAL NOT NULL,
        low       REAL NOT NULL,
        close     REAL NOT NULL,
        volume    REAL,
        PRIMARY KEY (series_id, ts)
      ) WITHOUT ROWID;
    `);
  },
};
