import type { Migration } from './migration.ts';

// Trading: the paper (and later live) account, its orders with their full history, fills, positions,
// cash after every fill, and the signals strategies and the AI act on. Amounts are exact decimal TEXT
// ("0.015"), never REAL: the journal must add up to the last unit. order_events and fills only grow
// (triggers refuse UPDATE and DELETE): they are the audit trail. Small, narrow indexes: writes happen on
// every order change and must stay cheap.
export const trading: Migration = {
  version: 3,
  name: 'trading',
  up(db) {
    db.exec(`
      CREATE TABLE trading_accounts (
        account       TEXT PRIMARY KEY,
        quote_asset   TEXT NOT NULL,
        start_balance TEXT NOT NULL,
        mode          TEXT NOT NULL CHECK (mode IN ('spot', 'margin')),
        created_at    INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE orders (
        id                TEXT PRIMARY KEY,
        seq               INTEGER NOT NULL,
        account           TEXT NOT NULL,
        client_order_id   TEXT NOT NULL,
        symbol            TEXT NOT NULL,
        side              TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type              TEXT NOT NULL,
        qty               TEXT NOT NULL,
        filled_qty        TEXT NOT NULL,
        filled_notional   TEXT NOT NULL,
        fees_paid         TEXT NOT NULL,
        price             TEXT,
        trigger_price     TEXT,
        trail             TEXT,
        trail_extreme     REAL,
        time_in_force     TEXT NOT NULL,
        reduce_only       INTEGER NOT NULL,
        post_only         INTEGER NOT NULL,
        status            TEXT NOT NULL,
        triggered         INTEGER NOT NULL,
        parent_id         TEXT,
        oco_group         TEXT,
        bracket           TEXT,
        origin            TEXT NOT NULL,
        ledger            TEXT NOT NULL,
        reason            TEXT,
        exchange_order_id TEXT,
        emulated          INTEGER NOT NULL,
        ref_price         TEXT NOT NULL,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL,
        UNIQUE (account, client_order_id),
        UNIQUE (account, seq)
      );
      CREATE INDEX orders_open ON orders (account, seq) WHERE status IN ('new', 'accepted', 'partially_filled');
      CREATE INDEX orders_parent ON orders (parent_id) WHERE parent_id IS NOT NULL;

      CREATE TABLE order_events (
        id       INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        ts       INTEGER NOT NULL,
        kind     TEXT NOT NULL,
        status   TEXT NOT NULL,
        detail   TEXT
      );
      CREATE INDEX order_events_order ON order_events (order_id, id);
      CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;
      CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events BEGIN SELECT RAISE(ABORT, 'order_events is append-only'); END;

      CREATE TABLE fills (
        id              TEXT PRIMARY KEY,
        seq             INTEGER NOT NULL,
        account         TEXT NOT NULL,
        order_id        TEXT NOT NULL REFERENCES orders(id),
        client_order_id TEXT NOT NULL,
        symbol          TEXT NOT NULL,
        side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        price           TEXT NOT NULL,
        qty             TEXT NOT NULL,
        fee             TEXT NOT NULL,
        fee_asset       TEXT NOT NULL,
        liquidity       TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')),
        origin          TEXT NOT NULL,
        ledger          TEXT NOT NULL,
        ts              INTEGER NOT NULL,
        UNIQUE (account, seq)
      );
      CREATE INDEX fills_symbol ON fills (account, symbol, seq);
      CREATE TRIGGER fills_no_update BEFORE UPDATE ON fills BEGIN SELECT RAISE(ABORT, 'fills is append-only'); END;
      CREATE TRIGGER fills_no_delete BEFORE DELETE ON fills BEGIN SELECT RAISE(ABORT, 'fills is append-only'); END;

      CREATE TABLE positions (
        account      TEXT NOT NULL,
        symbol       TEXT NOT NULL,
        ledger       TEXT NOT NULL,
        qty          TEXT NOT NULL,
        cost_basis   TEXT NOT NULL,
        realized_pnl TEXT NOT NULL,
        fees_paid    TEXT NOT NULL,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (account, symbol, ledger)
      ) WITHOUT ROWID;

      CREATE TABLE balance_snapshots (
        id           INTEGER PRIMARY KEY,
        account      TEXT NOT NULL,
        ts           INTEGER NOT NULL,
        cash         TEXT NOT NULL,
        realized_pnl TEXT NOT NULL,
        fees_paid    TEXT NOT NULL,
        cause        TEXT NOT NULL
      );
      CREATE INDEX balance_snapshots_account ON balance_snapshots (account, id);

      CREATE TABLE signals (
        id      INTEGER PRIMARY KEY,
        ts      INTEGER NOT NULL,
        origin  TEXT NOT NULL,
        ledger  TEXT NOT NULL,
        symbol  TEXT NOT NULL,
        kind    TEXT NOT NULL,
        payload TEXT NOT NULL
      );
    `);
  },
};
