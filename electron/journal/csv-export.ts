// `keel journal export`: one journal table as CSV for a spreadsheet or an accountant. Each kind
// names its columns and how a row becomes CSV values; times appear twice, as ISO 8601 UTC for
// people and as epoch ms for programs (and exact sorting). Amounts stay the exact decimal text the
// journal holds; the derived ones (average fill price, notional) are computed exactly too.
// Free text a strategy or a trader wrote (an order's tag, a refusal's reason) that starts like a formula
// (=, +, -, @, a tab or a carriage return) gets a leading apostrophe: a spreadsheet opening the file ran a tag of
// "=HYPERLINK(…)" or "-5%+1" as a formula (CSV injection); with it, the cell shows the text as written.
// Orders and fills can be kept to one account (`keel journal export --account`, and the app's Fills tab,
// which exports the account it shows through this same code, so its file is the CLI's byte for byte).
import type Database from 'better-sqlite3';
import { dec, div, format, mul } from '../../shared/trading/decimal.ts';
import { csvRecord, type CsvValue } from './csv.ts';
import type { ExportRange } from './export-range.ts';

export const EXPORT_KINDS = ['orders', 'fills', 'audit'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

type Row = Record<string, unknown>;

interface Exporter {
  table: string;
  header: readonly string[];
  /**
   * Selects the rows whose time is in [?, ?), oldest first; `account` is the condition that keeps to one
   * account (its column = ?), put in place of {account} ("" without it).
   */
  sql: string;
  /** The account column of an exporter whose rows belong to an account; the audit log is every account's. */
  account?: string;
  values(row: Row): CsvValue[];
}

const EXPORTERS: Record<ExportKind, Exporter> = {
  audit: {
    table: 'audit_log',
    header: ['seq', 'time', 'time_ms', 'actor', 'action', 'details', 'prev_hash', 'hash'],
    sql: 'SELECT seq, ts, actor, action, details, prev_hash, hash FROM audit_log WHERE ts >= ? AND ts < ? ORDER BY seq',
    values: (r) => [num(r.seq), iso(r.ts), num(r.ts), text(r.actor), text(r.action), text(r.details), text(r.prev_hash), text(r.hash)],
  },
  // Orders by the time they were created; status and filled amounts are as they stand now.
  orders: {
    table: 'orders',
    header: [
      'created', 'created_ms', 'updated', 'updated_ms', 'account', 'seq', 'id', 'client_order_id', 'symbol', 'side', 'type', 'status',
      'qty', 'filled_qty', 'avg_fill_price', 'fees_paid', 'price', 'trigger_price', 'trail', 'time_in_force', 'reduce_only', 'post_only',
      'triggered', 'parent_id', 'oco_group', 'ledger', 'origin', 'reason', 'tag', 'exchange_order_id',
    ],
    sql: `SELECT * FROM orders WHERE created_at >= ? AND created_at < ?{account} ORDER BY created_at, account, seq`,
    account: 'account',
    values: (r) => [
      iso(r.created_at), num(r.created_at), iso(r.updated_at), num(r.updated_at), text(r.account), num(r.seq), text(r.id), text(r.client_order_id),
      text(r.symbol), text(r.side), text(r.type), text(r.status), text(r.qty), text(r.filled_qty), averagePrice(r.filled_notional, r.filled_qty),
      text(r.fees_paid), text(r.price), text(r.trigger_price), text(r.trail), text(r.time_in_force), bool(r.reduce_only), bool(r.post_only),
      bool(r.triggered), text(r.parent_id), text(r.oco_group), text(r.ledger), text(r.origin), words(r.reason), words(r.tag), text(r.exchange_order_id),
    ],
  },
  fills: {
    table: 'fills',
    header: ['time', 'time_ms', 'account', 'seq', 'id', 'order_id', 'client_order_id', 'symbol', 'side', 'price', 'qty', 'notional', 'fee', 'fee_asset', 'interest', 'liquidity', 'ledger', 'origin', 'tag'],
    // The tag is the filled order's (why it was placed), looked up by the order's id. Not a join: with
    // statistics from when the journal held a few orders (PRAGMA optimize at close, then a strategy's busy
    // day), SQLite planned the join as a scan of orders for each fill, and 200,000 fills took hours.
    // One account's fills read through the fills_time index (account, ts, id).
    sql: 'SELECT fills.*, (SELECT orders.tag FROM orders WHERE orders.id = fills.order_id) AS tag FROM fills WHERE fills.ts >= ? AND fills.ts < ?{account} ORDER BY fills.ts, fills.account, fills.seq',
    account: 'fills.account',
    values: (r) => [
      iso(r.ts), num(r.ts), text(r.account), num(r.seq), text(r.id), text(r.order_id), text(r.client_order_id), text(r.symbol), text(r.side),
      text(r.price), text(r.qty), notional(r.price, r.qty), text(r.fee), text(r.fee_asset), text(r.interest), text(r.liquidity), text(r.ledger), text(r.origin), words(r.tag),
    ],
  },
};

/** Rows are written in chunks of about this many characters, not one write per row. */
const CHUNK_CHARS = 64 * 1024;

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** An account filter naming no account of this journal (the message lists the ones it has). */
export class UnknownAccountError extends ExportError {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownAccountError';
  }
}

/** What to keep beyond the time range: one account's rows (orders and fills; every account's without it). */
export interface ExportFilter {
  account?: string;
}

/** Writes the header and every row of `kind` in the range (and filter) through `write`; returns the row count. */
export function exportCsv(db: Database.Database, kind: ExportKind, range: ExportRange, write: (chunk: string) => void, filter: ExportFilter = {}): number {
  const exporter = EXPORTERS[kind];
  if (filter.account !== undefined) checkAccount(db, kind, filter.account);
  if (!hasTable(db, exporter.table)) throw new ExportError(`this journal has no ${exporter.table} table yet, so there are no ${kind} to export`);
  const byAccount = filter.account !== undefined && exporter.account !== undefined;
  const rows = db.prepare<(number | string)[], Row>(exporter.sql.replace('{account}', byAccount ? ` AND ${exporter.account} = ?` : ''));
  const params: (number | string)[] = [range.from ?? Number.MIN_SAFE_INTEGER, range.toExclusive ?? Number.MAX_SAFE_INTEGER];
  if (byAccount) params.push(filter.account!);
  let chunk = csvRecord(exporter.header);
  let count = 0;
  for (const row of rows.iterate(...params)) {
    chunk += csvRecord(exporter.values(row));
    count++;
    if (chunk.length >= CHUNK_CHARS) {
      write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') write(chunk);
  return count;
}

/** The trading accounts this journal has opened ("paper", "binance:main"), in name order. */
export function journalAccounts(db: Database.Database): string[] {
  if (!hasTable(db, 'trading_accounts')) return [];
  return db.prepare<[], { account: string }>('SELECT account FROM trading_accounts ORDER BY account').all().map((r) => r.account);
}

/** An account filter is for a kind kept per account, and names an account this journal has. */
function checkAccount(db: Database.Database, kind: ExportKind, account: string): void {
  if (EXPORTERS[kind].account === undefined) throw new ExportError(`the audit log is one log for every account, so it cannot be kept to ${account}; an account applies to ${EXPORT_KINDS.filter((k) => EXPORTERS[k].account !== undefined).join(' and ')}`);
  const accounts = journalAccounts(db);
  if (!accounts.includes(account)) {
    throw new UnknownAccountError(accounts.length === 0 ? `no account "${account}" in this journal: it has no trading account yet` : `no account "${account}" in this journal; its accounts: ${accounts.join(', ')}`);
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

function iso(ms: unknown): string | null {
  return typeof ms === 'number' ? new Date(ms).toISOString() : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** Free text someone wrote, with an apostrophe before a start a spreadsheet would read as a formula. */
function words(v: unknown): string | null {
  const t = text(v);
  return t !== null && /^[=+\-@\t\r]/.test(t) ? `'${t}` : t;
}

function bool(v: unknown): string {
  return v === 1 ? 'true' : 'false';
}

/** filled_notional / filled_qty, exact to 10^-18; empty before the first fill. */
function averagePrice(filledNotional: unknown, filledQty: unknown): string | null {
  if (typeof filledNotional !== 'string' || typeof filledQty !== 'string') return null;
  const qty = dec(filledQty);
  return qty === 0n ? null : format(div(dec(filledNotional), qty));
}

function notional(price: unknown, qty: unknown): string | null {
  return typeof price === 'string' && typeof qty === 'string' ? format(mul(dec(price), dec(qty))) : null;
}
