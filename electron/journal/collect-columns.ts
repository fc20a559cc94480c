// The fast way to pour many candle rows into typed arrays. better-sqlite3 hands each row to JS as a
// fresh array wrapped in an iterator result; a SQL function that SQLite calls once per row gets the
// six values as plain arguments instead, with nothing allocated per row. Measured on 1M candles:
// about 25% less CPU than `.raw().iterate()`, which is the backtests' whole load time.
import type Database from 'better-sqlite3';
import type { CandleColumns } from './candle-columns.ts';

const FUNCTION_NAME = 'keel_collect_candle';

/** SQL that feeds every row of `rowsSql` (columns ts, open, high, low, close, volume) to the collector. */
export function collectSql(rowsSql: string): string {
  return `SELECT count(${FUNCTION_NAME}(ts, open, high, low, close, volume)) FROM (${rowsSql})`;
}

// Where the rows of the running collection go. Module-wide rather than per store, so registering
// the function again (a second CandleStore on the same connection) cannot strand a statement.
let target: { cols: CandleColumns; next: number } | null = null;

export function registerCollector(db: Database.Database): void {
  // directOnly: callable from Keel's own statements only, never from a view or trigger in the file.
  db.function(FUNCTION_NAME, { deterministic: false, directOnly: true }, collectRow);
}

function collectRow(t: number, o: number, h: number, l: number, c: number, v: number | null): null {
  const into = target;
  if (into === null || into.next >= into.cols.length) return null;
  const i = into.next++;
  const cols = into.cols;
  cols.t[i] = t;
  cols.o[i] = o;
  cols.h[i] = h;
  cols.l[i] = l;
  cols.c[i] = c;
  cols.v[i] = v ?? NaN;
  return null;
}

/**
 * Runs `query` (a statement made with collectSql) with rows going into `cols`, in the order SQLite
 * delivers them; returns how many arrived. Synchronous, so no other collection can interleave.
 */
export function collectInto(cols: CandleColumns, query: () => void): number {
  const previous = target;
  target = { cols, next: 0 };
  try {
    query();
    return target.next;
  } finally {
    target = previous;
  }
}
