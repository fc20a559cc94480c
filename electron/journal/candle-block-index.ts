// The columnar block index of the candles table: candle_blocks holds every series' candles again,
// packed by span of open times (candle-blocks.ts has the layout), so reading a million candles into
// typed arrays is about a thousand BLOB copies instead of a million rows through the SQLite API.
//
// The rows stay the record; the blocks are derived from them and must say the same thing. CandleStore
// is the only writer of candles and calls this in the same transaction as every row it writes or
// deletes, so a rollback takes both back together. Nothing here caches a block between calls: a
// cached block could outlive the transaction that wrote it.
import type Database from 'better-sqlite3';
import { allocateColumns, type CandleColumns } from './candle-columns.ts';
import { blockBytes, blockFromBytes, blockLength, blockRange, blockStartOf, copyBlockInto, mergeBlocks, packColumns, releaseBlock } from './candle-blocks.ts';

/** The part of one block a read takes: candles [start, end); `data` when the block was already read. */
interface Slice {
  blockStart: number;
  start: number;
  end: number;
  data: Float64Array | null;
}

export class CandleBlockIndex {
  readonly #stmt;

  constructor(db: Database.Database) {
    this.#stmt = {
      block: db.prepare<[number, number], [count: number, data: Uint8Array]>('SELECT count, data FROM candle_blocks WHERE series_id = ? AND block_start = ?').raw(),
      put: db.prepare<[number, number, number, Buffer]>(
        'INSERT INTO candle_blocks (series_id, block_start, count, data) VALUES (?, ?, ?, ?) ON CONFLICT (series_id, block_start) DO UPDATE SET count = excluded.count, data = excluded.data',
      ),
      // The blocks that can hold open times in [from, to], oldest first, without reading their data: the
      // last one starting at or before `from` and every one starting after it up to `to`. Found by start
      // alone, so reading needs no span.
      overlapping: db.prepare<[number, number, number, number, number], [blockStart: number, count: number]>(
        `SELECT block_start, count FROM candle_blocks
         WHERE series_id = ? AND block_start <= ?
           AND block_start >= coalesce((SELECT max(block_start) FROM candle_blocks WHERE series_id = ? AND block_start <= ?), ?)
         ORDER BY block_start`,
      ).raw(),
      deleteSeries: db.prepare<[number]>('DELETE FROM candle_blocks WHERE series_id = ?'),
    };
  }

  /**
   * Merges candles already written to the rows into their blocks: each affected block is read, merged
   * with the new candles by time (a new candle replaces a stored one at the same time, and the last of
   * several at one time wins, as in the rows' upsert) and written back. A new series or an append is
   * array work only. Call inside the transaction that wrote the rows.
   */
  add(seriesId: number, span: number, candles: CandleColumns): void {
    const order = timeOrder(candles.t, candles.length);
    const size = order === null ? candles.length : order.length;
    const T = candles.t;
    const timeAt = (k: number) => T[order === null ? k : order[k]!]!;
    for (let i = 0; i < size; ) {
      const blockStart = blockStartOf(timeAt(i), span);
      const blockEnd = blockStart + span;
      let j = i + 1;
      while (j < size && timeAt(j) < blockEnd) j++;
      const fresh = packColumns(candles, order, i, j);
      const stored = this.#block(seriesId, blockStart);
      const merged = stored === null ? fresh : mergeBlocks(stored, fresh);
      this.#stmt.put.run(seriesId, blockStart, blockLength(merged), blockBytes(merged));
      // SQLite has its own copy now; an import of a million candles would otherwise leave 48 MB to the collector.
      for (const block of [fresh, stored, merged]) if (block !== null) releaseBlock(block);
      i = j;
    }
  }

  /**
   * The series' candles with open time in [from, to], oldest first, as columns; with `limit`, the latest
   * `limit` of them. Sized once from the blocks' counts, filled with six array copies per block. Call
   * inside a transaction so every block comes from one snapshot.
   */
  columns(seriesId: number, from: number, to: number, limit?: number): CandleColumns {
    const slices = this.#slices(seriesId, from, to);
    let total = 0;
    for (const s of slices) total += s.end - s.start;
    if (limit !== undefined && total > limit) {
      // Keep the latest `limit`: drop whole blocks from the front, then the head of the first kept one.
      let drop = total - limit;
      for (const s of slices) {
        const take = Math.min(drop, s.end - s.start);
        s.start += take;
        drop -= take;
        if (drop === 0) break;
      }
      total = limit;
    }
    const cols = allocateColumns(total);
    let at = 0;
    for (const s of slices) {
      if (s.end > s.start) {
        const data = s.data ?? this.#requireBlock(seriesId, s.blockStart);
        copyBlockInto(cols, at, data, s.start, s.end);
        at += s.end - s.start;
        releaseBlock(data);
      }
      if (s.data !== null) releaseBlock(s.data);
    }
    return cols;
  }

  /** How many candles of the series have open time in [from, to]: the blocks' counts, trimmed at both ends. */
  count(seriesId: number, from: number, to: number): number {
    let total = 0;
    for (const s of this.#slices(seriesId, from, to)) {
      total += s.end - s.start;
      if (s.data !== null) releaseBlock(s.data);
    }
    return total;
  }

  deleteSeries(seriesId: number): void {
    this.#stmt.deleteSeries.run(seriesId);
  }

  /**
   * What a read of [from, to] takes from each overlapping block. Only the first and last block can hold
   * candles outside the range, so only they are read here (to find the range's ends in them); the ones
   * between count whole, from the stored count.
   */
  #slices(seriesId: number, from: number, to: number): Slice[] {
    if (!(from <= to)) return []; // also NaN bounds, which SQL compares as NULL: no rows
    const found = this.#stmt.overlapping.all(seriesId, to, seriesId, from, from);
    const slices: Slice[] = found.map(([blockStart, count]) => ({ blockStart, start: 0, end: count, data: null }));
    const first = slices[0];
    const last = slices.at(-1);
    for (const edge of first === last ? [first] : [first, last]) {
      if (edge === undefined) continue;
      const data = this.#requireBlock(seriesId, edge.blockStart);
      [edge.start, edge.end] = blockRange(data, from, to);
      edge.data = data;
    }
    return slices;
  }

  #block(seriesId: number, blockStart: number): Float64Array | null {
    const row = this.#stmt.block.get(seriesId, blockStart);
    return row === undefined ? null : blockFromBytes(row[1], row[0], `of series ${seriesId} at ${blockStart}`);
  }

  #requireBlock(seriesId: number, blockStart: number): Float64Array {
    const data = this.#block(seriesId, blockStart);
    // The directory listed it a moment ago in the same transaction: only a damaged file gets here.
    if (data === null) throw new Error(`candle block of series ${seriesId} at ${blockStart} is listed but cannot be read`);
    return data;
  }
}

/**
 * The order to pack the first `n` candles in, by their open times `t`: null when they already run strictly
 * by time (an import, a sync), else their indexes by time with only the last of several at one time kept.
 */
function timeOrder(t: Float64Array, n: number): Int32Array | null {
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = t[i]! > t[i - 1]!;
  if (ordered) return null;
  // Ties broken by position, so the last written of a time sorts last and is the one kept.
  const byTime = Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a]! - t[b]! || a - b);
  const kept: number[] = [];
  for (let k = 0; k < byTime.length; k++) {
    const next = byTime[k + 1];
    if (next !== undefined && t[next] === t[byTime[k]!]) continue;
    kept.push(byTime[k]!);
  }
  return Int32Array.from(kept);
}
