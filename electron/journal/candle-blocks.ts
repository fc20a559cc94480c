// Candle blocks: a series' candles packed as column arrays, many candles to one journal row, so a
// long read is a handful of BLOB copies instead of a million rows (see candle-block-index.ts for
// how they sit in the journal). This file is the pure array side: where a candle's block starts,
// packing candles into a block, merging blocks, and finding a time range inside one.
//
// Layout of one block of n candles (the `data` BLOB): one little-endian Float64Array of 6 × n
// numbers, column after column, each column sorted by open time with no time twice:
//
//   [ t0 … tn-1 | o0 … on-1 | h0 … hn-1 | l0 … ln-1 | c0 … cn-1 | v0 … vn-1 ]
//
// t is the open time in epoch ms, v is NaN where the candle has no volume. Values are what the
// candles table gives back, bit for bit: SQLite keeps -0 as 0 (a REAL with no fraction is stored as
// an integer) and NaN as NULL, so packing turns -0 into 0 and any NaN or null volume into NaN.
import type { Candle } from '../../shared/domain/candle.ts';
import { TIMEFRAMES } from '../../shared/domain/timeframe.ts';
import type { CandleColumns } from './candle-columns.ts';

/** Columns per block: t, o, h, l, c, v. */
export const FIELDS = 6;
const BYTES_PER_CANDLE = FIELDS * Float64Array.BYTES_PER_ELEMENT;

/**
 * Candle slots per block at the series' own spacing. 1,024 one-minute candles (17 hours, 48 KiB) make a
 * million candles 977 rows: a full read measured as fast as with 4,096 or 16,384 (the bytes cost, not
 * the rows), while a live append, which rewrites its block once per closed candle, writes a quarter.
 * Changing it (or the layout) needs a migration that rebuilds candle_blocks: existing blocks are cut
 * at the old span.
 */
export const BLOCK_CANDLES = 1024;

/**
 * The span of open times one block covers. Any fixed span per series is correct (a block holds the
 * candles that fall in it, however many); the timeframe only keeps a block near BLOCK_CANDLES candles.
 * A timeframe Keel does not know (nothing writes one today) gets one-minute spacing.
 */
export function blockSpanMs(timeframe: string): number {
  const tf = Object.hasOwn(TIMEFRAMES, timeframe) ? TIMEFRAMES[timeframe as keyof typeof TIMEFRAMES] : 60_000;
  return BLOCK_CANDLES * tf;
}

/**
 * Where the block holding open time `t` starts: the span boundary at or below it. By remainder, not
 * Math.floor(t / span) * span: the division rounds, and near 2^53 it can round up into the next block.
 */
export function blockStartOf(t: number, span: number): number {
  const r = t % span;
  return r < 0 ? t - r - span : t - r;
}

/** Candles in a packed block. */
export function blockLength(data: Float64Array): number {
  return data.length / FIELDS;
}

// Float64Array is the host's byte order; the BLOB is little-endian. Every platform Keel ships on
// (x64, arm64) is little-endian, so blocks are used as they are; a big-endian host is refused loudly.
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function requireLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('candle blocks are little-endian Float64 arrays; this host is big-endian');
}

/** The BLOB to store for a packed block (a view, no copy). */
export function blockBytes(data: Float64Array): Buffer {
  requireLittleEndian();
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * A stored BLOB as a packed block, checked against the count stored beside it. A view when the bytes
 * are 8-byte aligned (better-sqlite3 gives each BLOB a buffer of its own, so they are), else a copy.
 */
export function blockFromBytes(bytes: Uint8Array, expectedCount: number, where: string): Float64Array {
  requireLittleEndian();
  if (bytes.byteLength !== expectedCount * BYTES_PER_CANDLE) {
    throw new Error(`candle block ${where} is damaged: ${bytes.byteLength} bytes for ${expectedCount} candles (expected ${expectedCount * BYTES_PER_CANDLE})`);
  }
  if (bytes.byteOffset % Float64Array.BYTES_PER_ELEMENT === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.slice().buffer);
}

/** ArrayBuffer's ES2024 members, which the ES2023 library this project compiles against leaves out. */
type Transferable = ArrayBuffer & { readonly detached: boolean; transfer(newLength?: number): ArrayBuffer };

/**
 * Frees a block's memory now rather than at the next garbage collection. A million-candle read passes
 * through 48 MB of BLOBs besides the 48 MB of columns it returns; left to the collector, that doubled the
 * external memory that makes V8 run a full collection, which marks the whole heap (~100 ms with a million
 * candle objects alive). Only memory the block owns whole is released (better-sqlite3 gives every BLOB a
 * buffer of its own, and packing allocates one), never a buffer shared with anything else.
 */
export function releaseBlock(data: Float64Array): void {
  const buffer = data.buffer as Transferable;
  if (!(buffer instanceof ArrayBuffer) || buffer.detached) return;
  if (data.byteOffset !== 0 || data.byteLength !== buffer.byteLength) return;
  buffer.transfer(0);
}

/**
 * Packs `candles[order[from]] … candles[order[to - 1]]` (already by time, no time twice) into a block;
 * `order` null means the candles themselves are in that order.
 */
export function packCandles(candles: readonly Candle[], order: Int32Array | null, from: number, to: number): Float64Array {
  const n = to - from;
  const data = new Float64Array(FIELDS * n);
  for (let k = 0; k < n; k++) {
    const c = candles[order === null ? from + k : order[from + k]!]!;
    // `+ 0` turns -0 into 0 and leaves every other number as it is: what SQLite gives back.
    data[k] = c.t + 0;
    data[n + k] = c.o + 0;
    data[2 * n + k] = c.h + 0;
    data[3 * n + k] = c.l + 0;
    data[4 * n + k] = c.c + 0;
    const v = c.v;
    data[5 * n + k] = v === null ? NaN : v + 0;
  }
  return data;
}

/** packCandles over columns: the candles at `order`'s indexes (or in place) from..to, volume NaN kept as none. */
export function packColumns(c: CandleColumns, order: Int32Array | null, from: number, to: number): Float64Array {
  const n = to - from;
  const data = new Float64Array(FIELDS * n);
  const { t, o, h, l, v } = c;
  const close = c.c;
  for (let k = 0; k < n; k++) {
    const i = order === null ? from + k : order[from + k]!;
    // `+ 0` as packCandles: -0 becomes 0, what SQLite gives back.
    data[k] = t[i]! + 0;
    data[n + k] = o[i]! + 0;
    data[2 * n + k] = h[i]! + 0;
    data[3 * n + k] = l[i]! + 0;
    data[4 * n + k] = close[i]! + 0;
    data[5 * n + k] = v[i]! + 0;
  }
  return data;
}

/**
 * The candles of both blocks by time, one per time; where both hold a time, `newer`'s candle wins (as
 * the upsert on the rows does). Disjoint blocks (an append, a prepend) are one copy per column.
 */
export function mergeBlocks(older: Float64Array, newer: Float64Array): Float64Array {
  const n = blockLength(older);
  const m = blockLength(newer);
  if (n === 0) return newer;
  if (m === 0) return older;
  if (older[n - 1]! < newer[0]!) return concatBlocks(older, newer);
  if (newer[m - 1]! < older[0]!) return concatBlocks(newer, older);

  // Interleaved: walk the two time columns once to size the result, then again to fill it.
  let size = 0;
  for (let i = 0, j = 0; i < n || j < m; size++) {
    const ti = i < n ? older[i]! : Infinity;
    const tj = j < m ? newer[j]! : Infinity;
    if (ti <= tj) i++;
    if (tj <= ti) j++;
  }
  const out = new Float64Array(FIELDS * size);
  for (let i = 0, j = 0, k = 0; k < size; k++) {
    const ti = i < n ? older[i]! : Infinity;
    const tj = j < m ? newer[j]! : Infinity;
    if (tj <= ti) {
      for (let f = 0; f < FIELDS; f++) out[f * size + k] = newer[f * m + j]!;
      if (ti === tj) i++;
      j++;
    } else {
      for (let f = 0; f < FIELDS; f++) out[f * size + k] = older[f * n + i]!;
      i++;
    }
  }
  return out;
}

/** `first` then `second`, every candle of `first` earlier than every candle of `second`. */
function concatBlocks(first: Float64Array, second: Float64Array): Float64Array {
  const n = blockLength(first);
  const m = blockLength(second);
  const size = n + m;
  const out = new Float64Array(FIELDS * size);
  for (let f = 0; f < FIELDS; f++) {
    out.set(first.subarray(f * n, (f + 1) * n), f * size);
    out.set(second.subarray(f * m, (f + 1) * m), f * size + n);
  }
  return out;
}

/** The block's candles with open time in [from, to] as [start, end) indexes (binary search on t). */
export function blockRange(data: Float64Array, from: number, to: number): [start: number, end: number] {
  const n = blockLength(data);
  const start = countBelow(data, n, from, false);
  return [start, Math.max(start, countBelow(data, n, to, true))];
}

/** How many of the block's times are below `t` (or at most `t` when `inclusive`): times sort ascending. */
function countBelow(data: Float64Array, n: number, t: number, inclusive: boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[mid]! < t || (inclusive && data[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copies candles [start, end) of a block into the columns at `at`: six subarray copies. */
export function copyBlockInto(cols: { t: Float64Array; o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v: Float64Array }, at: number, data: Float64Array, start: number, end: number): void {
  const n = blockLength(data);
  cols.t.set(data.subarray(start, end), at);
  cols.o.set(data.subarray(n + start, n + end), at);
  cols.h.set(data.subarray(2 * n + start, 2 * n + end), at);
  cols.l.set(data.subarray(3 * n + start, 3 * n + end), at);
  cols.c.set(data.subarray(4 * n + start, 4 * n + end), at);
  cols.v.set(data.subarray(5 * n + start, 5 * n + end), at);
}
