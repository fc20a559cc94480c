import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { importCandleFile } from '../../../electron/market/import/import-candles.ts';
import { CandleFileError } from '../../../electron/market/import/candle-file-error.ts';
import type { SeriesKey } from '../../../shared/domain/candle.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const key: SeriesKey = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };

/** A CSV of `count` 1m candles from `start`, with `close` as every close, optionally a broken line. */
function csv(count: number, opts: { start?: number; close?: number; brokenAt?: number } = {}): string {
  const { start = T0, close = 100.5, brokenAt } = opts;
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const t = start + i * MIN;
    lines.push(i === brokenAt ? `${t},100,not-a-price,99,${close},1` : `${t},100,${Math.max(101, close)},99,${close},${i}`);
  }
  return lines.join('\n') + '\n';
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('importCandleFile', () => {
  let journal: Journal;
  let store: CandleStore;
  beforeEach(() => {
    journal = openJournal(':memory:');
    store = new CandleStore(journal.db);
  });
  afterEach(() => journal.close());

  function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('stores every candle and reports count, span and format', async () => {
    const result = await importCandleFile(store, file('ok.csv', csv(500)), key);
    expect(result).toEqual({ count: 500, first: T0, last: T0 + 499 * MIN, format: 'csv: timestamp,open,high,low,close,volume; time in epoch ms' });
    expect(store.count(key)).toBe(500);
    expect(store.read(key, { limit: 1 })[0]).toEqual({ t: T0 + 499 * MIN, o: 100, h: 101, l: 99, c: 100.5, v: 499 });
  });

  it('is idempotent, and a re-import with new values replaces the old ones', async () => {
    await importCandleFile(store, file('a.csv', csv(300)), key);
    await importCandleFile(store, file('a.csv', csv(300)), key);
    expect(store.count(key)).toBe(300);
    await importCandleFile(store, file('b.csv', csv(100, { start: T0 + 250 * MIN, close: 100.75 })), key);
    expect(store.count(key)).toBe(350);
    expect(store.read(key, { from: T0 + 249 * MIN, to: T0 + 250 * MIN }).map((c) => c.c)).toEqual([100.5, 100.75]);
  });

  it('leaves a new series out of the journal when a line is bad', async () => {
    const broken = file('broken.csv', csv(1000, { brokenAt: 900 }));
    await expect(importCandleFile(store, broken, key)).rejects.toThrow(`${broken} line 902: high "not-a-price" is not a number`);
    expect(store.count(key)).toBe(0);
    expect(store.listSeries()).toEqual([]);
  });

  it('leaves an existing series exactly as it was when a line is bad', async () => {
    await importCandleFile(store, file('first.csv', csv(200)), key);
    const before = store.read(key);
    // Overlaps the stored candles with new closes and goes past them; its last line is broken.
    const broken = file('broken-overlap.csv', csv(400, { start: T0 + 100 * MIN, close: 120, brokenAt: 399 }));
    const err = await importCandleFile(store, broken, key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CandleFileError);
    expect((err as CandleFileError).line).toBe(401);
    expect(store.count(key)).toBe(200);
    expect(store.read(key)).toEqual(before);
  });

  it('checks the file against the series timeframe', async () => {
    const err = await importCandleFile(store, file('minutes.csv', csv(10)), { ...key, timeframe: '5m' }).catch((e: unknown) => e);
    expect((err as CandleFileError).reason).toMatch(/^candles 1m apart but the timeframe is 5m/);
    expect(store.listSeries()).toEqual([]);
  });
});
