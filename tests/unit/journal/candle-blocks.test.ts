// The pure array side of the candle block index: block boundaries, packing, merging, range search.
import { describe, expect, it } from 'vitest';
import { BLOCK_CANDLES, FIELDS, blockBytes, blockFromBytes, blockLength, blockRange, blockSpanMs, blockStartOf, mergeBlocks, packCandles, releaseBlock } from '../../../electron/journal/candle-blocks.ts';
import type { Candle } from '../../../shared/domain/candle.ts';

const candle = (t: number, p: number, v: number | null = p): Candle => ({ t, o: p, h: p + 1, l: p - 1, c: p + 0.5, v });
const pack = (cs: Candle[]) => packCandles(cs, null, 0, cs.length);
/** A block back as candles (volume NaN stays NaN), for readable expectations. */
function unpack(data: Float64Array): Candle[] {
  const n = blockLength(data);
  return Array.from({ length: n }, (_, k) => ({ t: data[k]!, o: data[n + k]!, h: data[2 * n + k]!, l: data[3 * n + k]!, c: data[4 * n + k]!, v: data[5 * n + k]! }));
}

describe('candle blocks', () => {
  it('span a fixed number of candle slots of the series timeframe', () => {
    expect(blockSpanMs('1m')).toBe(BLOCK_CANDLES * 60_000);
    expect(blockSpanMs('1d')).toBe(BLOCK_CANDLES * 86_400_000);
  });

  it('start at the span boundary at or below a time, negative times and 2^53 included', () => {
    const span = blockSpanMs('1m');
    expect(blockStartOf(0, span)).toBe(0);
    expect(blockStartOf(span - 1, span)).toBe(0);
    expect(blockStartOf(span, span)).toBe(span);
    expect(blockStartOf(-1, span)).toBe(-span);
    expect(blockStartOf(-span, span)).toBe(-span);
    // Math.floor(t / span) * span rounds up into the next block here; the remainder does not.
    const t = Number.MAX_SAFE_INTEGER;
    const start = blockStartOf(t, span);
    expect(start).toBeLessThanOrEqual(t);
    expect(t - start).toBeLessThan(span);
    expect(start % span).toBe(0);
  });

  it('pack column after column, -0 as 0 and missing volume as NaN, as the rows give them back', () => {
    const data = pack([candle(1, 10, null), { t: 2, o: -0, h: 3, l: -0, c: 2, v: -0 }, candle(3, 30, NaN)]);
    expect(Array.from(data)).toEqual([1, 2, 3, 10, 0, 30, 11, 3, 31, 9, 0, 29, 10.5, 2, 30.5, NaN, 0, NaN]);
    expect(Object.is(data[4], -0)).toBe(false);
    expect(Object.is(data[16], -0)).toBe(false);
  });

  it('pack in a given order', () => {
    const cs = [candle(3, 3), candle(1, 1), candle(2, 2)];
    expect(unpack(packCandles(cs, Int32Array.from([1, 2, 0]), 1, 3)).map((c) => c.t)).toEqual([2, 3]);
  });

  it('merge an append, a prepend and an interleave, the newer candle winning at a shared time', () => {
    const old = pack([candle(10, 1), candle(20, 2), candle(30, 3)]);
    expect(unpack(mergeBlocks(old, pack([candle(40, 4)]))).map((c) => c.t)).toEqual([10, 20, 30, 40]);
    expect(unpack(mergeBlocks(old, pack([candle(5, 0)]))).map((c) => c.t)).toEqual([5, 10, 20, 30]);
    const merged = unpack(mergeBlocks(old, pack([candle(15, 9), candle(20, 99, null), candle(35, 7)])));
    expect(merged.map((c) => [c.t, c.o])).toEqual([[10, 1], [15, 9], [20, 99], [30, 3], [35, 7]]);
    expect(merged[2]!.v).toBeNaN();
    expect(unpack(mergeBlocks(old, pack([candle(10, 5), candle(20, 6), candle(30, 7)]))).map((c) => c.o)).toEqual([5, 6, 7]);
    expect(mergeBlocks(new Float64Array(0), old)).toBe(old);
    expect(mergeBlocks(old, new Float64Array(0))).toBe(old);
  });

  it('find an inclusive time range by binary search', () => {
    const data = pack([candle(10, 1), candle(20, 2), candle(30, 3)]);
    expect(blockRange(data, 10, 30)).toEqual([0, 3]);
    expect(blockRange(data, 11, 29)).toEqual([1, 2]);
    expect(blockRange(data, 20, 20)).toEqual([1, 2]);
    expect(blockRange(data, 20.5, 20.7)).toEqual([2, 2]);
    expect(blockRange(data, 31, 40)).toEqual([3, 3]);
    expect(blockRange(data, 0, 9)).toEqual([0, 0]);
    expect(blockRange(data, -Infinity, 20.5)).toEqual([0, 2]);
  });

  it('go to bytes and back unchanged, and a BLOB whose size disagrees with its count is refused', () => {
    const data = pack([candle(1, 1, null), candle(2, 2)]);
    const bytes = blockBytes(data);
    expect(bytes.byteLength).toBe(2 * FIELDS * 8);
    expect(Buffer.compare(Buffer.from(blockFromBytes(new Uint8Array(bytes), 2, 'x').buffer), bytes)).toBe(0);
    // Unaligned bytes are copied rather than viewed.
    const shifted = new Uint8Array(bytes.byteLength + 1).subarray(1);
    shifted.set(bytes);
    expect(Array.from(blockFromBytes(shifted, 2, 'x'))).toEqual(Array.from(data));
    expect(() => blockFromBytes(new Uint8Array(bytes), 3, 'of series 1 at 0')).toThrow(/of series 1 at 0 is damaged/);
  });

  it('release the memory a block owns whole, and never a buffer shared with anything else', () => {
    const owned = pack([candle(1, 1), candle(2, 2)]);
    releaseBlock(owned);
    expect(owned.length).toBe(0);
    releaseBlock(owned); // twice is harmless

    const shared = new Float64Array(2 * FIELDS + 1);
    shared.fill(7);
    const view = shared.subarray(1);
    releaseBlock(view);
    expect(view.length).toBe(2 * FIELDS);
    expect(shared[0]).toBe(7);

    // A pooled Buffer (small Buffers share an 8 KiB pool) is a view into a larger buffer: left alone.
    const pooled = Buffer.from(new Uint8Array(48).fill(1));
    const neighbour = Buffer.from(new Uint8Array(48).fill(2));
    if (pooled.byteOffset % 8 === 0) releaseBlock(new Float64Array(pooled.buffer, pooled.byteOffset, 6));
    expect(neighbour[0]).toBe(2);
    expect(pooled.length).toBe(48);
  });
});
