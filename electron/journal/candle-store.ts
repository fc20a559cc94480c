// Candles in the journal: one `series` row per (exchange, symbol, timeframe) and one `candles` row
// per candle, keyed by open time. Writes are upserts, so importing or syncing the same span twice
// leaves one copy with the latest values. Beside the rows, the columnar block index (candle_blocks,
// candle-block-index.ts) holds the same candles packed for fast reads into typed arrays; every write
// here updates both in one transaction, and this class is the only writer of either.
import type Database from 'better-sqlite3';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import type { SeriesInfo } from '../../shared/contract/schemas.ts';
import { allocateColumns, columnsBetween, toColumns, type CandleColumns } from './candle-columns.ts';
import { CandleBlockIndex } from './candle-block-index.ts';
import { blockSpanMs } from './candle-blocks.ts';

/** Inclusive open-time bounds in epoch ms; with `limit`, the latest `limit` candles of the range. */
export interface CandleRange {
  from?: number;
  to?: number;
  limit?: number;
}

type Row = [ts: number, open: number, high: number, low: number, close: number, volume: number | null];

/**
 * Rows per INSERT statement. One statement with many VALUES rows crosses from JS into SQLite once
 * per batch instead of once per candle; past ~100 rows the gain flattens (measured 1.1-1.3M rows/s
 * from 100 to 500) and 200 rows x 7 parameters stays far below SQLite's parameter limit.
 */
const BATCH_ROWS = 200;
const FIELDS_PER_ROW = 7;

const INSERT_HEAD = 'INSERT INTO candles (series_id, ts, open, high, low, close, volume) VALUES ';
const INSERT_TAIL =
  ' ON CONFLICT (series_id, ts) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume';

/**
 * Candles per step of upsertColumnsInSteps: ~25 ms of writing (a million candles take ~1.3 s), so the
 * thread answers a kill switch within that; the block a step ends in is merged with the next step's part.
 */
export const STEP_ROWS = 20 * 1024;
/** How a staging series' exchange starts: no exchange name can (parseExchange takes letters, digits, - and _). */
const STAGING = '~import-';
let stagingSeq = 0;

const COLUMNS = 'ts, open, high, low, close, volume';

/**
 * Whether the process that named a staging series (`~import-<exchange>-<pid>-<n>`) is another one still
 * running. This process's own are leftovers: it asks only at its start, before it imports anything.
 */
function writerAlive(stagingExchange: string): boolean {
  const pid = Number(stagingExchange.split('-').at(-2));
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
const IN_RANGE = 'series_id = ? AND ts >= ? AND ts <= ?';

export class CandleStore {
  readonly db: Database.Database;
  // Reused for every full batch: filling one array beats allocating 1,400 slots per statement.
  readonly #batchArgs: unknown[] = new Array(BATCH_ROWS * FIELDS_PER_ROW);
  readonly #blocks: CandleBlockIndex;
  readonly #stmt;

  constructor(db: Database.Database) {
    this.db = db;
    this.#blocks = new CandleBlockIndex(db);
    this.#stmt = {
      seriesId: db.prepare<[string, string, string], number>('SELECT id FROM series WHERE exchange = ? AND symbol = ? AND timeframe = ?').pluck(),
      insertSeries: db.prepare<[string, string, string]>('INSERT INTO series (exchange, symbol, timeframe) VALUES (?, ?, ?)'),
      deleteSeries: db.prepare<[number]>('DELETE FROM series WHERE id = ?'),
      renameSeries: db.prepare<[string, number]>('UPDATE series SET exchange = ? WHERE id = ?'),
      staging: db.prepare<[string], { id: number; exchange: string }>('SELECT id, exchange FROM series WHERE exchange LIKE ?'),
      deleteCandles: db.prepare<[number]>('DELETE FROM candles WHERE series_id = ?'),
      deleteSomeCandles: db.prepare<[number, number, number]>('DELETE FROM candles WHERE series_id = ? AND ts IN (SELECT ts FROM candles WHERE series_id = ? ORDER BY ts LIMIT ?)'),
      upsertBatch: db.prepare<unknown[]>(INSERT_HEAD + Array(BATCH_ROWS).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ') + INSERT_TAIL),
      upsertOne: db.prepare<unknown[]>(INSERT_HEAD + '(?, ?, ?, ?, ?, ?, ?)' + INSERT_TAIL),
      ascending: db.prepare<[number, number, number], Row>(`SELECT ${COLUMNS} FROM candles WHERE ${IN_RANGE} ORDER BY ts`).raw(),
      latest: db.prepare<[number, number, number, number], Row>(`SELECT ${COLUMNS} FROM candles WHERE ${IN_RANGE} ORDER BY ts DESC LIMIT ?`).raw(),
      // Counts from the block index's stored counts, ends from one primary-key seek each: no scan of
      // the candles, which grouping them took (~90 ms of CPU per million candles, on every call).
      listSeries: db.prepare<[], SeriesInfo>(
        `SELECT s.exchange, s.symbol, s.timeframe, b.count,
           (SELECT min(ts) FROM candles WHERE series_id = s.id) AS firstTs,
           (SELECT max(ts) FROM candles WHERE series_id = s.id) AS lastTs
         FROM series s JOIN (SELECT series_id, sum(count) AS count FROM candle_blocks GROUP BY series_id) b ON b.series_id = s.id
         WHERE s.exchange NOT LIKE '${STAGING}%'
         ORDER BY s.exchange, s.symbol, s.timeframe`,
      ),
    };
  }

  /** Runs `fn` in one transaction (a savepoint when already inside one): a snapshot its reads share. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs `fn` in one write transaction (a savepoint when already inside one): all of its writes land or
   * none. It takes the write lock at its start (BEGIN IMMEDIATE), waiting its turn as the busy timeout
   * allows: a transaction that read first would fail at once when another process (the app, `keel import`)
   * wrote in between, as SQLite cannot move its snapshot forward for it.
   */
  writeTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Inserts or replaces candles by open time, creating the series if needed; returns the rows written. */
  upsert(key: SeriesKey, candles: readonly Candle[]): number {
    return candles.length === 0 ? 0 : this.upsertColumns(key, toColumns(candles));
  }

  /**
   * upsert() of candles already in columns (a file's import: no object per candle, a million of which
   * would cost the import ~100 MB and a sixth of its time). Volume NaN is stored as none (NULL).
   */
  upsertColumns(key: SeriesKey, cols: CandleColumns): number {
    const n = cols.length;
    if (n === 0) return 0;
    const T = cols.t;
    for (let i = 0; i < n; i++) {
      if (!Number.isSafeInteger(T[i])) throw new RangeError(`candle open time must be an integer of epoch ms, got ${T[i]}`);
    }
    return this.writeTransaction(() => {
      const id = this.#ensureSeries(key);
      const args = this.#batchArgs;
      let written = 0;
      let i = 0;
      for (; i + BATCH_ROWS <= n; i += BATCH_ROWS) {
        for (let j = 0; j < BATCH_ROWS; j++) putRow(args, j * FIELDS_PER_ROW, id, cols, i + j);
        written += this.#stmt.upsertBatch.run(...args).changes;
      }
      const one: unknown[] = new Array(FIELDS_PER_ROW);
      for (; i < n; i++) {
        putRow(one, 0, id, cols, i);
        written += this.#stmt.upsertOne.run(...one).changes;
      }
      // After the rows, so a row the table refuses (a NaN price) throws before any block is touched.
      this.#blocks.add(id, blockSpanMs(key.timeframe), cols);
      return written;
    });
  }

  /**
   * upsertColumns() for a caller whose thread must keep answering while it writes (the app's import: the
   * engine, the kill switch and every window share the thread with it): a new series is written in steps
   * of STEP_ROWS candles, each its own short transaction, with `pause()` awaited between them, under a
   * staging series no read lists (its exchange starts with STAGING); the last step renames it to `key` in
   * one statement, so readers see all of it or none of it, and a failure deletes it.
   *
   * A series that already holds candles is replaced the same way when the file holds a candle at every
   * time the series does (the same market downloaded again, longer: the usual re-import): the new series is
   * written under a staging name in steps, then one short transaction swaps the two names, and the old one
   * is deleted in steps under a staging name of its own (a stop meanwhile leaves it to dropUnfinishedImports).
   * In one transaction a million candles held the thread, the kill switch with it, for ~1.7 s. Otherwise
   * (the file leaves out some of the series' times) it is merged in one transaction, as upsertColumns does.
   */
  async upsertColumnsInSteps(key: SeriesKey, cols: CandleColumns, pause: () => Promise<void>, onStep?: (written: number) => void): Promise<number> {
    const n = cols.length;
    if (n === 0 || n <= STEP_ROWS) return this.upsertColumns(key, cols);
    const held = this.count(key);
    const existing = held > 0;
    if (existing && !(await this.#coversInSteps(key, cols, pause))) return this.upsertColumns(key, cols);
    const staging: SeriesKey = { ...key, exchange: `${STAGING}${key.exchange}-${process.pid}-${++stagingSeq}` };
    let written = 0;
    try {
      for (let from = 0; from < n; from += STEP_ROWS) {
        const to = Math.min(n, from + STEP_ROWS);
        written += this.upsertColumns(staging, columnsBetween(cols, from, to));
        this.#foldWal();
        onStep?.(to);
        await pause();
      }
      const trash: SeriesKey = { ...key, exchange: `${STAGING}old-${key.exchange}-${process.pid}-${++stagingSeq}` };
      const swapped = this.writeTransaction(() => {
        // Another writer may have stored candles meanwhile (a feed storing the same market): while the file
        // still has every time the series has, the swap loses none of them; otherwise merged, as before.
        if (this.count(key) > 0) {
          // Writers only add times: the same count is the same times (and the file has a value for each).
          if (!existing || (this.count(key) !== held && !this.#covers(key, cols))) {
            this.upsertColumns(key, cols);
            this.deleteSeries(staging);
            return false;
          }
          this.#stmt.renameSeries.run(trash.exchange, this.#seriesId(key)!);
        } else {
          this.#stmt.deleteSeries.run(this.#seriesId(key) ?? -1);
        }
        this.#stmt.renameSeries.run(key.exchange, this.#seriesId(staging)!);
        return true;
      });
      // The import is done here; a failure deleting the old series leaves it for the next start to drop.
      if (swapped) await this.#deleteInSteps(trash, pause).catch(() => {});
    } catch (err) {
      this.deleteSeries(staging);
      throw err;
    }
    return written;
  }

  /** Whether `cols` (ascending) holds a candle at every open time the stored series has. */
  #covers(key: SeriesKey, cols: CandleColumns): boolean {
    if (this.#storedOutside(key, cols)) return false;
    for (let a = 0; a < cols.length; a += STEP_ROWS) if (!this.#stepCovered(key, cols, a)) return false;
    return true;
  }

  /** #covers() a step of the file's times at a time, with `pause()` between: a million stored times are ~60 ms to read at once. */
  async #coversInSteps(key: SeriesKey, cols: CandleColumns, pause: () => Promise<void>): Promise<boolean> {
    if (this.#storedOutside(key, cols)) return false;
    for (let a = 0; a < cols.length; a += STEP_ROWS) {
      if (!this.#stepCovered(key, cols, a)) return false;
      await pause();
    }
    return true;
  }

  /** Whether the series holds a candle before the file's first time or after its last. */
  #storedOutside(key: SeriesKey, cols: CandleColumns): boolean {
    const T = cols.t;
    return this.count(key, { to: T[0]! - 1 }) > 0 || this.count(key, { from: T[cols.length - 1]! + 1 }) > 0;
  }

  /** Whether the file's times [a, a + STEP_ROWS) include every stored time from the first of them to just before the next step's. */
  #stepCovered(key: SeriesKey, cols: CandleColumns, a: number): boolean {
    const n = cols.length;
    const T = cols.t;
    const b = Math.min(n, a + STEP_ROWS);
    const have = this.readColumns(key, { from: T[a]!, to: b < n ? T[b]! - 1 : T[n - 1]! }).t;
    let j = a;
    for (const t of have) {
      while (j < b && T[j]! < t) j++;
      if (j === b || T[j] !== t) return false;
    }
    return true;
  }

  /** deleteSeries() in steps of STEP_ROWS candles with `pause()` between: a million candles are not one long transaction. */
  async #deleteInSteps(key: SeriesKey, pause: () => Promise<void>): Promise<void> {
    const id = this.#seriesId(key);
    if (id === undefined) return;
    while (this.writeTransaction(() => this.#stmt.deleteSomeCandles.run(id, id, STEP_ROWS).changes) > 0) {
      this.#foldWal();
      await pause();
    }
    this.deleteSeries(key);
  }

  /**
   * Copies the WAL's pages into the database after a step (PASSIVE: it waits for no reader or writer), so
   * the WAL stays about a step long: left to grow, the commit that passes the automatic checkpoint's
   * backstop (idle-checkpoint.ts, ~40 MB) would copy all of it at once and hold the thread for ~0.1 s.
   */
  #foldWal(): void {
    if (this.db.memory) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy: the next step, the idle timer or the backstop folds it.
    }
  }

  /**
   * Deletes what imports that never finished left (the app or `keel import` stopped while one was writing);
   * returns how many. An import another process is writing now (`keel import` while the app starts) is
   * left to finish: its staging series names the writer's process id.
   */
  dropUnfinishedImports(): number {
    const ids = this.#stmt.staging.all(`${STAGING}%`).filter((s) => !writerAlive(s.exchange)).map((s) => s.id);
    this.writeTransaction(() => {
      for (const id of ids) {
        this.#stmt.deleteCandles.run(id);
        this.#blocks.deleteSeries(id);
        this.#stmt.deleteSeries.run(id);
      }
    });
    return ids.length;
  }

  /** Candles in the range, oldest first. An unknown series has none. */
  read(key: SeriesKey, range: CandleRange = {}): Candle[] {
    const id = this.#seriesId(key);
    if (id === undefined) return [];
    const [from, to] = bounds(range);
    if (range.limit === undefined) return this.#stmt.ascending.all(id, from, to).map(toCandle);
    // The latest `limit` come newest first from the index; flip them to oldest first.
    return this.#stmt.latest.all(id, from, to, limitOf(range)).map(toCandle).reverse();
  }

  /**
   * The same candles as `read`, as typed arrays: the hot path for backtests. Read from the block index,
   * about a thousand BLOB copies for a million candles, in one transaction so every block is of one snapshot.
   */
  readColumns(key: SeriesKey, range: CandleRange = {}): CandleColumns {
    const id = this.#seriesId(key);
    if (id === undefined) return allocateColumns(0);
    const limit = range.limit === undefined ? undefined : limitOf(range);
    const [from, to] = bounds(range);
    return this.transaction(() => this.#blocks.columns(id, from, to, limit));
  }

  /** How many candles the series has in the range (`limit` is ignored): the blocks' counts, trimmed at the ends. */
  count(key: SeriesKey, range: CandleRange = {}): number {
    const id = this.#seriesId(key);
    if (id === undefined) return 0;
    const [from, to] = bounds(range);
    return this.transaction(() => this.#blocks.count(id, from, to));
  }

  /** Every series that holds candles, with its size and span, sorted by exchange, symbol, timeframe. */
  listSeries(): SeriesInfo[] {
    return this.#stmt.listSeries.all();
  }

  /** Removes the series and all its candles; returns how many candles went. */
  deleteSeries(key: SeriesKey): number {
    return this.writeTransaction(() => {
      const id = this.#seriesId(key);
      if (id === undefined) return 0;
      const removed = this.#stmt.deleteCandles.run(id).changes;
      this.#blocks.deleteSeries(id);
      this.#stmt.deleteSeries.run(id);
      return removed;
    });
  }

  #seriesId(key: SeriesKey): number | undefined {
    return this.#stmt.seriesId.get(key.exchange, key.symbol, key.timeframe);
  }

  #ensureSeries(key: SeriesKey): number {
    const id = this.#seriesId(key);
    if (id !== undefined) return id;
    return Number(this.#stmt.insertSeries.run(key.exchange, key.symbol, key.timeframe).lastInsertRowid);
  }
}

function putRow(args: unknown[], at: number, seriesId: number, c: CandleColumns, i: number): void {
  args[at] = seriesId;
  args[at + 1] = c.t[i];
  args[at + 2] = c.o[i];
  args[at + 3] = c.h[i];
  args[at + 4] = c.l[i];
  args[at + 5] = c.c[i];
  const v = c.v[i]!;
  args[at + 6] = v === v ? v : null;
}

function toCandle(r: Row): Candle {
  return { t: r[0], o: r[1], h: r[2], l: r[3], c: r[4], v: r[5] };
}

function bounds(range: CandleRange): [from: number, to: number] {
  return [range.from ?? Number.MIN_SAFE_INTEGER, range.to ?? Number.MAX_SAFE_INTEGER];
}

function limitOf(range: CandleRange): number {
  const limit = range.limit ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number of 0 or more, got ${limit}`);
  return limit;
}
