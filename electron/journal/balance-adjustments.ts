// The balances a live account's journal took as given, per asset (migration 011): what the exchange held at
// the first arming that no fill explains (coins from before Keel), and drift the trader acknowledged. The
// drift check counts them as expected, so only what changed since is reported. SQLite for the app, memory
// for rigs without a journal file.
import type Database from 'better-sqlite3';
import { dec, format, type Dec } from '../../shared/trading/decimal.ts';

export interface BalanceAdjustmentRow {
  asset: string;
  /** What the journal expected (its fills and opening cash) when the row was written. */
  expected: Dec;
  exchange: Dec;
}

export type AdjustmentCause = 'opening' | 'acknowledged';

export interface BalanceAdjustments {
  /** Σ (exchange − expected) per asset taken as given so far; null when the account's opening was never taken. */
  offsets(account: string): Map<string, Dec> | null;
  /** One commit: a row per asset (amount exchange − expected). */
  record(account: string, rows: readonly BalanceAdjustmentRow[], cause: AdjustmentCause, ts: number): void;
}

export class SqliteBalanceAdjustments implements BalanceAdjustments {
  readonly #select: Database.Statement;
  readonly #record: (account: string, rows: readonly BalanceAdjustmentRow[], cause: AdjustmentCause, ts: number) => void;

  constructor(db: Database.Database) {
    this.#select = db.prepare('SELECT asset, amount FROM balance_adjustments WHERE account = ? ORDER BY id');
    const insert = db.prepare('INSERT INTO balance_adjustments (account, asset, expected, exchange, amount, cause, ts) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#record = db.transaction((account: string, rows: readonly BalanceAdjustmentRow[], cause: AdjustmentCause, ts: number) => {
      for (const r of rows) insert.run(account, r.asset, format(r.expected), format(r.exchange), format(r.exchange - r.expected), cause, ts);
    });
  }

  offsets(account: string): Map<string, Dec> | null {
    const rows = this.#select.all(account) as { asset: string; amount: string }[];
    if (rows.length === 0) return null;
    const out = new Map<string, Dec>();
    for (const r of rows) out.set(r.asset, (out.get(r.asset) ?? 0n) + dec(r.amount));
    return out;
  }

  record(account: string, rows: readonly BalanceAdjustmentRow[], cause: AdjustmentCause, ts: number): void {
    this.#record(account, rows, cause, ts);
  }
}

export class MemoryBalanceAdjustments implements BalanceAdjustments {
  readonly #rows = new Map<string, { asset: string; amount: Dec }[]>();

  offsets(account: string): Map<string, Dec> | null {
    const rows = this.#rows.get(account);
    if (!rows?.length) return null;
    const out = new Map<string, Dec>();
    for (const r of rows) out.set(r.asset, (out.get(r.asset) ?? 0n) + r.amount);
    return out;
  }

  record(account: string, rows: readonly BalanceAdjustmentRow[]): void {
    const list = this.#rows.get(account) ?? this.#rows.set(account, []).get(account)!;
    for (const r of rows) list.push({ asset: r.asset, amount: r.exchange - r.expected });
  }
}
