// The block index must say exactly what the candles table says: after any mix of upserts (overlapping,
// out of order, repeated times in one batch, updates, missing volumes, -0, across block boundaries, in
// several series and timeframes), after a rollback, and after a series is deleted. The rows are read
// here with plain SQL, not through CandleStore, and compared bit for bit.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateColumns, type CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { CandleStore, type CandleRange } from '../../../electron/journal/candle-store.ts';
import { blockLength, blockSpanMs, blockStartOf } from '../../../electron/journal/candle-blocks.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import type { Candle, SeriesKey } from '../../../shared/domain/candle.ts';
import { timeframeMs } from '../../../shared/domain/timeframe.ts';
import { mulberry32 as random } from '../../../electron/risk/projection/prng.ts';

type Row = [t: number, o: number, h: number, l: number, c: number, v: number | null];

const SERIES: SeriesKey[] = [
  { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' },
  { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' },
  { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' },
  { exchange: 'other', symbol: 'BTC/USDT', timeframe: '1w' },
];

function seriesId(db: Database.Database, key: SeriesKey): number | undefined {
  return db.prepare<[string, string, string], number>('SELECT id FROM series WHERE exchange = ? AND symbol = ? AND timeframe = ?').pluck().get(key.exchange, key.symbol, key.timeframe);
}

/** What the candles table holds for the range, as columns: the reference the blocks must match. */
function rowColumns(db: Database.Database, key: SeriesKey, range: CandleRange = {}): CandleColumns {
  const id = seriesId(db, key);
  if (id === undefined) return allocateColumns(0);
  const from = range.from ?? Number.MIN_SAFE_INTEGER;
  const to = range.to ?? Number.MAX_SAFE_INTEGER;
  let rows = db.prepare<[number, number, number], Row>('SELECT ts, open, high, low, close, volume FROM candles WHERE series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts').raw().all(id, from, to);
  if (range.limit !== undefined) rows = rows.slice(Math.max(0, rows.length - range.limit));
  const cols = allocateColumns(rows.length);
  rows.forEach(([t, o, h, l, c, v], i) => {
    cols.t[i] = t;
    cols.o[i] = o;
    cols.h[i] = h;
    cols.l[i] = l;
    cols.c[i] = c;
    cols.v[i] = v ?? NaN;
  });
  return cols;
}

/** Where two sets of columns first differ in their bits, or null when they are the same. */
function difference(got: CandleColumns, want: CandleColumns): string | null {
  if (got.length !== want.length) return `length ${got.length}, want ${want.length}`;
  for (const f of ['t', 'o', 'h', 'l', 'c', 'v'] as const) {
    if (got[f].length !== got.length) return `${f} has ${got[f].length} values for ${got.length} candles`;
    const a = new BigUint64Array(got[f].slice().buffer);
    const b = new BigUint64Array(want[f].slice().buffer);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `${f}[${i}] is ${got[f][i]}, want ${want[f][i]} (t ${want.t[i]})`;
  }
  return null;
}

/** Every stored block against the rows of its span: sorted, in its span, same bits, count right. */
function checkEveryBlock(db: Database.Database): void {
  const blocks = db.prepare<[], [number, string, number, number, Uint8Array]>(
    'SELECT b.series_id, s.timeframe, b.block_start, b.count, b.data FROM candle_blocks b JOIN series s ON s.id = b.series_id ORDER BY 1, 3',
  ).raw().all();
  let candles = 0;
  for (const [id, timeframe, start, count, bytes] of blocks) {
    const span = blockSpanMs(timeframe);
    expect(blockStartOf(start, span)).toBe(start);
    expect(count).toBeGreaterThan(0);
    const data = new Float64Array(bytes.slice().buffer);
    expect(blockLength(data)).toBe(count);
    const rows = db.prepare<[number, number, number], Row>('SELECT ts, open, high, low, close, volume FROM candles WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts').raw().all(id, start, start + span);
    const want = new Float64Array(6 * rows.length);
    rows.forEach((r, k) => r.forEach((x, f) => (want[f * rows.length + k] = x ?? NaN)));
    expect(Buffer.compare(Buffer.from(data.buffer), Buffer.from(want.buffer)), `block of series ${id} at ${start}`).toBe(0);
    candles += count;
  }
  expect(candles).toBe(db.prepare('SELECT COUNT(*) FROM candles').pluck().get());
}

function expectSame(store: CandleStore, db: Database.Database, key: SeriesKey, range: CandleRange = {}): void {
  const what = `${key.symbol} ${key.timeframe} ${JSON.stringify(range)}`;
  expect(difference(store.readColumns(key, range), rowColumns(db, key, range)), what).toBeNull();
  expect(store.count(key, range), what).toBe(rowColumns(db, key, { ...range, limit: undefined }).length);
}

/** A random candle at `t`: two-decimal prices, now and then -0 or a price that is a whole number, volume sometimes missing. */
function randomCandle(rnd: () => number, t: number): Candle {
  const o = rnd() < 0.05 ? -0 : Math.round(rnd() * 1e6) / 100;
  const c = rnd() < 0.1 ? Math.round(rnd() * 1000) : Math.round(rnd() * 1e6) / 100;
  const roll = rnd();
  const v = roll < 0.1 ? null : roll < 0.15 ? NaN : roll < 0.2 ? -0 : Math.round(rnd() * 1e8) / 1e4;
  return { t, o, h: Math.max(o, c) + 1, l: Math.min(o, c) - 1, c, v };
}

/** A random batch for `key`: runs across block boundaries, shuffled, repeated times, odd times, single appends. */
function randomBatch(rnd: () => number, key: SeriesKey): Candle[] {
  const step = timeframeMs(key.timeframe);
  const span = blockSpanMs(key.timeframe);
  // Near a block boundary most of the time, so runs cross it; a few before 1970.
  const boundary = (Math.floor(rnd() * 8) - 2) * span;
  const start = boundary + Math.round((rnd() - 0.5) * 300) * step;
  const kind = rnd();
  const n = kind < 0.1 ? 1 : Math.ceil(rnd() ** 2 * 2500);
  let times = Array.from({ length: n }, (_, i) => start + i * step);
  if (kind < 0.3) times = times.sort(() => rnd() - 0.5); // out of order
  else if (kind < 0.45) times = times.flatMap((t) => (rnd() < 0.2 ? [t, t] : [t])); // a time twice in one batch: the last wins
  else if (kind < 0.55) times = times.filter(() => rnd() < 0.3); // sparse: gaps inside blocks
  else if (kind < 0.6) times = times.map((t) => t + Math.floor(rnd() * step)); // not on the timeframe's grid
  return times.map((t) => randomCandle(rnd, t));
}

/** A random range: bounds on stored times most of the time (the inclusive ends matter there), else anywhere. */
function randomRange(rnd: () => number, key: SeriesKey, stored: Float64Array): CandleRange {
  const span = blockSpanMs(key.timeframe);
  const at = () => (stored.length > 0 && rnd() < 0.6 ? stored[Math.floor(rnd() * stored.length)]! : Math.round((rnd() * 8 - 2.5) * span));
  const range: CandleRange = {};
  const roll = rnd();
  if (roll < 0.8) range.from = at();
  if (roll > 0.2) range.to = at();
  if (range.from !== undefined && range.to !== undefined && range.from > range.to && rnd() < 0.8) [range.from, range.to] = [range.to, range.from];
  if (rnd() < 0.1 && range.from !== undefined) range.from += 0.5; // a bound between whole ms
  if (rnd() < 0.3) range.limit = Math.floor(rnd() * 3000);
  return range;
}

describe('candle block index', () => {
  let journal: Journal;
  let store: CandleStore;
  beforeEach(() => {
    journal = openJournal(':memory:');
    store = new CandleStore(journal.db);
  });
  afterEach(() => journal.close());

  for (const seed of [1, 2, 3]) {
    it(`reads what the rows hold after random upserts, bit for bit (seed ${seed})`, () => {
      const rnd = random(seed);
      for (let step = 0; step < 60; step++) {
        const key = SERIES[Math.floor(rnd() * SERIES.length)]!;
        store.upsert(key, randomBatch(rnd, key));
        expectSame(store, journal.db, key);
        const stored = rowColumns(journal.db, key).t;
        for (let r = 0; r < 6; r++) expectSame(store, journal.db, key, randomRange(rnd, key, stored));
      }
      for (const key of SERIES) expectSame(store, journal.db, key);
      checkEveryBlock(journal.db);
      // listSeries counts from the blocks: the same as grouping the rows.
      const grouped = journal.db.prepare(
        `SELECT s.exchange, s.symbol, s.timeframe, COUNT(*) AS count, MIN(c.ts) AS firstTs, MAX(c.ts) AS lastTs
         FROM series s JOIN candles c ON c.series_id = s.id GROUP BY s.id ORDER BY s.exchange, s.symbol, s.timeframe`,
      );
      expect(store.listSeries()).toEqual(grouped.all());
    });
  }

  it('builds a long series into full blocks and reads it back, whole and in parts', () => {
    const key = SERIES[0]!;
    const rnd = random(7);
    const t0 = Date.UTC(2020, 0, 1);
    const cs = Array.from({ length: 100_000 }, (_, i) => randomCandle(rnd, t0 + i * 60_000));
    store.upsert(key, cs.slice(0, 60_000));
    store.upsert(key, cs.slice(60_000));
    expectSame(store, journal.db, key);
    expectSame(store, journal.db, key, { from: t0 + 12_345 * 60_000, to: t0 + 87_654 * 60_000 });
    expectSame(store, journal.db, key, { limit: 1 });
    expectSame(store, journal.db, key, { from: t0 + 5 * 60_000, to: t0 + 5 * 60_000 });
    checkEveryBlock(journal.db);
  });

  it('is empty for an unknown series, a range with nothing in it, and a reversed or NaN range', () => {
    const key = SERIES[0]!;
    expect(store.readColumns(key).length).toBe(0);
    store.upsert(key, [randomCandle(random(1), 60_000)]);
    for (const range of [{ from: 120_000 }, { to: 0 }, { from: 60_001, to: 60_000 }, { from: NaN }, { to: NaN }, { limit: 0 }]) {
      expectSame(store, journal.db, key, range);
      expect(store.readColumns(key, range).length).toBe(0);
    }
  });

  describe('rollback', () => {
    const key = SERIES[0]!;
    const t0 = Date.UTC(2024, 0, 1);
    const minutes = (n: number, from: number, rnd = random(n)) => Array.from({ length: n }, (_, i) => randomCandle(rnd, from + i * 60_000));
    const blocksTable = () => journal.db.prepare('SELECT series_id, block_start, count, hex(data) FROM candle_blocks ORDER BY 1, 2').raw().all();

    beforeEach(() => {
      store.upsert(key, minutes(3000, t0));
      store.upsert(SERIES[2]!, minutes(50, t0));
    });

    it('takes back the blocks with the rows when the surrounding transaction throws', () => {
      const before = blocksTable();
      expect(() =>
        store.transaction(() => {
          store.upsert(key, minutes(2500, t0 + 1000 * 60_000, random(99))); // updates and an append
          store.upsert(SERIES[1]!, minutes(10, t0));
          store.deleteSeries(SERIES[2]!);
          throw new Error('stop');
        }),
      ).toThrow('stop');
      expect(blocksTable()).toEqual(before);
      for (const k of SERIES) expectSame(store, journal.db, k);
      checkEveryBlock(journal.db);
    });

    it('writes no block when a row is refused', () => {
      const before = blocksTable();
      const cs = minutes(450, t0 + 2900 * 60_000);
      cs[420] = { ...cs[420]!, o: NaN }; // NOT NULL fails in the last batch of rows
      expect(() => store.upsert(key, cs)).toThrow(/NOT NULL/);
      expect(blocksTable()).toEqual(before);
      expectSame(store, journal.db, key);
    });

    it('takes back the rows when a block write fails', () => {
      const before = blocksTable();
      const rowsBefore = rowColumns(journal.db, key);
      const span = blockSpanMs('1m');
      const lastBlock = blockStartOf(t0 + 2999 * 60_000, span);
      journal.db.exec(`CREATE TEMP TRIGGER refuse_block BEFORE UPDATE ON candle_blocks WHEN NEW.block_start = ${lastBlock} BEGIN SELECT RAISE(ABORT, 'no block'); END`);
      expect(() => store.upsert(key, minutes(100, t0 + 2950 * 60_000))).toThrow(/no block/);
      journal.db.exec('DROP TRIGGER refuse_block');
      expect(blocksTable()).toEqual(before);
      expect(difference(rowColumns(journal.db, key), rowsBefore)).toBeNull();
      checkEveryBlock(journal.db);
    });
  });

  describe('deleteSeries', () => {
    it('removes the series blocks and no other', () => {
      const rnd = random(5);
      for (const k of SERIES) store.upsert(k, randomBatch(rnd, k).concat(randomBatch(rnd, k)));
      const id = seriesId(journal.db, SERIES[0]!)!;
      const blocksOf = (i: number) => journal.db.prepare('SELECT COUNT(*) FROM candle_blocks WHERE series_id = ?').pluck().get(i);
      expect(blocksOf(id)).not.toBe(0);
      store.deleteSeries(SERIES[0]!);
      expect(blocksOf(id)).toBe(0);
      checkEveryBlock(journal.db);
      for (const k of SERIES) expectSame(store, journal.db, k);
      // It comes back with blocks of its own only.
      store.upsert(SERIES[0]!, randomBatch(rnd, SERIES[0]!));
      expectSame(store, journal.db, SERIES[0]!);
      checkEveryBlock(journal.db);
    });
  });
});
