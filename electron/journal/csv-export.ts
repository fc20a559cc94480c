// `keel journal export`: one journal table as CSV for a spreadsheet or an accountant. Each kind
// names its columns and how a row becomes CSV values; times appear twice, as ISO 8601 UTC for
// people and as epoch ms for programs (and exact sorting).
import type Database from 'better-sqlite3';
import { csvRecord, type CsvValue } from './csv.ts';
import type { ExportRange } from './export-range.ts';

export const EXPORT_KINDS = ['orders', 'fills', 'audit'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

interface Exporter {
  table: string;
  header: readonly string[];
  /** Selects the rows whose time is in [?, ?), oldest first. */
  sql: string;
  values(row: unknown[]): CsvValue[];
}

const EXPORTERS: Record<ExportKind, Exporter> = {
  audit: {
    table: 'audit_log',
    header: ['seq', 'time', 'time_ms', 'actor', 'action', 'details', 'prev_hash', 'hash'],
    sql: 'SELECT seq, ts, actor, action, details, prev_hash, hash FROM audit_log WHERE ts >= ? AND ts < ? ORDER BY seq',
    values: ([seq, ts, ...rest]) => [seq as number, iso(ts), ts as number, ...(rest as string[])],
  },
  orders: {
    table: 'orders',
    header: [],
    sql: '',
    values: () => [],
  },
  fills: {
    table: 'fills',
    header: [],
    sql: '',
    values: () => [],
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

/** Writes the header and every row of `kind` in the range through `write`; returns the row count. */
export function exportCsv(db: Database.Database, kind: ExportKind, range: ExportRange, write: (chunk: string) => void): number {
  const exporter = EXPORTERS[kind];
  if (!hasTable(db, exporter.table)) throw new ExportError(`this journal has no ${exporter.table} table yet, so there are no ${kind} to export`);
  const rows = db.prepare<[number, number], unknown[]>(exporter.sql).raw();
  let chunk = csvRecord(exporter.header);
  let count = 0;
  for (const row of rows.iterate(range.from ?? Number.MIN_SAFE_INTEGER, range.toExclusive ?? Number.MAX_SAFE_INTEGER)) {
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

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

function iso(ms: unknown): string | null {
  return typeof ms === 'number' ? new Date(ms).toISOString() : null;
}
