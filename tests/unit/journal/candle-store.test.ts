import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { toColumns } from '../../../electron/journal/candle-columns.ts';
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import { MIN, minuteCandles, T0 } from '../../helpers/minute-candles.ts';

const btc: SeriesKey = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };
const eth: SeriesKey = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' };

describe('CandleStore', () => {
  let journal: Journal;
  let store: CandleStore;
  beforeEach(() => {
    journal = openJournal(':memory:');
    store = new CandleStore(journal.db);
  });
  afterEach(() => journal.close());

  describe('upsert', () => {
    it('stores candles and reads them back exactly', () => {
      const cs = minuteCandles(1234);
      expect(store.upsert(btc, cs)).toBe(1234);
      expect(store.read(btc)).toEqual(cs);
    });

    it('stores columns (a file import) as it stores the same candles: missing volume as none, rows and blocks alike', () => {
      const cs = minuteCandles(1234);
      expect(store.upsertColumns(eth, toColumns(cs))).toBe(1234);
      expect(store.read(eth)).toEqual(cs);
      const cols = store.readColumns(eth);
      expect(Array.from(cols.v.subarray(0, 3))).toEqual([0.5, 1.5, Number.NaN]);
      expect(Array.from(cols.c)).toEqual(cs.map((c) => c.c));
      expect(() => store.upsertColumns(eth, toColumns([{ t: T0 + 0.5, o: 1, h: 1, l: 1, c: 1, v: 1 }]))).toThrow('candle open time must be an integer of epoch ms, got 1704067200000.5');
    });

    it('is idempotent: the same candles twice leave one copy', () => {
      const cs = minuteCandles(450);
      store.upsert(btc, cs);
      store.upsert(btc, cs);
      expect(store.count(btc)).toBe(450);
      expect(store.read(btc)).toEqual(cs);
    });

    it('lets the newer values win on overlap', () => {
      store.upsert(btc, minuteCandles(10));
      const revised = minuteCandles(10, T0 + 5 * MIN, 500); // candles 5..14, new prices
      expect(store.upsert(btc, revised)).toBe(10);
      const all = store.read(btc);
      expect(all).toHaveLength(15);
      expect(all.slice(0, 5)).toEqual(minuteCandles(5));
      expect(all.slice(5)).toEqual(revised);
    });

    it('keeps series apart', () => {
      store.upsert(btc, minuteCandles(5));
      store.upsert(eth, minuteCandles(7, T0, 2000));
      store.upsert({ ...btc, timeframe: '1h' }, [{ t: T0, o: 1, h: 2, l: 1, c: 2, v: 3 }]);
      expect(store.count(btc)).toBe(5);
      expect(store.count(eth)).toBe(7);
      expect(store.read(eth)[0]?.o).toBe(2000);
    });

    it('writes nothing and creates no series for an empty list', () => {
      expect(store.upsert(btc, [])).toBe(0);
      expect(journal.db.prepare('SELECT COUNT(*) FROM series').pluck().get()).toBe(0);
    });

    it('refuses a candle whose time is not whole milliseconds, writing none of the batch', () => {
      const cs = minuteCandles(3);
      cs[2] = { ...cs[2]!, t: 1.5 };
      expect(() => store.upsert(btc, cs)).toThrow(/integer/);
      expect(store.count(btc)).toBe(0);
    });

    it('writes all or nothing: a failing row rolls back the whole upsert', () => {
      store.upsert(btc, minuteCandles(10));
      const cs = minuteCandles(450, T0 + 100 * MIN);
      cs[420] = { ...cs[420]!, o: NaN }; // SQLite stores NaN as NULL: NOT NULL fails in the last batch
      expect(() => store.upsert(btc, cs)).toThrow(/NOT NULL/);
      expect(store.count(btc)).toBe(10);
    });
  });

  describe('read', () => {
    beforeEach(() => {
      store.upsert(btc, minuteCandles(100));
    });

    it('returns [] for an unknown series', () => {
      expect(store.read(eth)).toEqual([]);
      expect(store.count(eth)).toBe(0);
    });

    it('takes inclusive open-time bounds', () => {
      const got = store.read(btc, { from: T0 + 10 * MIN, to: T0 + 20 * MIN });
      expect(got.map((c) => c.t)).toEqual(Array.from({ length: 11 }, (_, i) => T0 + (10 + i) * MIN));
      expect(store.read(btc, { from: T0 + 10 * MIN + 1, to: T0 + 11 * MIN - 1 })).toEqual([]);
      expect(store.read(btc, { to: T0 + 2 * MIN })).toHaveLength(3);
      expect(store.read(btc, { from: T0 + 97 * MIN })).toHaveLength(3);
    });

    it('with a limit returns the latest candles of the range, oldest first', () => {
      expect(store.read(btc, { limit: 3 }).map((c) => c.t)).toEqual([T0 + 97 * MIN, T0 + 98 * MIN, T0 + 99 * MIN]);
      expect(store.read(btc, { to: T0 + 10 * MIN, limit: 2 }).map((c) => c.t)).toEqual([T0 + 9 * MIN, T0 + 10 * MIN]);
      expect(store.read(btc, { limit: 1000 })).toHaveLength(100);
      expect(store.read(btc, { limit: 0 })).toEqual([]);
      expect(() => store.read(btc, { limit: -1 })).toThrow(/limit/);
    });

    it('counts a range', () => {
      expect(store.count(btc)).toBe(100);
      expect(store.count(btc, { from: T0 + 50 * MIN })).toBe(50);
      expect(store.count(btc, { from: T0 + 50 * MIN, to: T0 + 59 * MIN })).toBe(10);
    });
  });

  describe('readColumns', () => {
    it('returns the same candles as typed arrays, NaN where volume is null', () => {
      const cs = minuteCandles(500);
      store.upsert(btc, cs);
      const cols = store.readColumns(btc);
      expect(cols.length).toBe(500);
      for (const arr of [cols.t, cols.o, cols.h, cols.l, cols.c, cols.v]) {
        expect(arr).toBeInstanceOf(Float64Array);
        expect(arr.length).toBe(500);
      }
      cs.forEach((c, i) => {
        expect([cols.t[i], cols.o[i], cols.h[i], cols.l[i], cols.c[i]]).toEqual([c.t, c.o, c.h, c.l, c.c]);
        if (c.v === null) expect(cols.v[i]).toBeNaN();
        else expect(cols.v[i]).toBe(c.v);
      });
    });

    it('honours the range and the limit like read', () => {
      store.upsert(btc, minuteCandles(100));
      const ranged = store.readColumns(btc, { from: T0 + 10 * MIN, to: T0 + 19 * MIN });
      expect(Array.from(ranged.t)).toEqual(store.read(btc, { from: T0 + 10 * MIN, to: T0 + 19 * MIN }).map((c) => c.t));
      const latest = store.readColumns(btc, { to: T0 + 50 * MIN, limit: 4 });
      expect(Array.from(latest.t)).toEqual([47, 48, 49, 50].map((i) => T0 + i * MIN));
      expect(Array.from(latest.o)).toEqual([147, 148, 149, 150]);
    });

    it('returns candles by time whatever order they were written in', () => {
      const cs = minuteCandles(1000);
      const shuffled = cs.map((c, i) => ({ c, k: (i * 7919) % 1000 })).sort((a, b) => a.k - b.k).map(({ c }) => c);
      for (let i = 0; i < shuffled.length; i += 37) store.upsert(btc, shuffled.slice(i, i + 37));
      const cols = store.readColumns(btc);
      expect(Array.from(cols.t)).toEqual(cs.map((c) => c.t));
      expect(Array.from(cols.c)).toEqual(cs.map((c) => c.c));
    });

    it('works with two stores on one connection', () => {
      const second = new CandleStore(journal.db);
      store.upsert(btc, minuteCandles(20));
      second.upsert(eth, minuteCandles(30));
      expect(store.readColumns(eth).length).toBe(30);
      expect(second.readColumns(btc).length).toBe(20);
      expect(store.readColumns(btc).length).toBe(20);
    });

    it('is empty for an unknown series or an empty range', () => {
      expect(store.readColumns(eth).length).toBe(0);
      store.upsert(btc, minuteCandles(5));
      expect(store.readColumns(btc, { from: T0 + 100 * MIN }).length).toBe(0);
    });
  });

  describe('listSeries', () => {
    it('lists series that hold candles, with count and span', () => {
      expect(store.listSeries()).toEqual([]);
      store.upsert(eth, minuteCandles(7, T0 + MIN));
      store.upsert(btc, minuteCandles(5));
      expect(store.listSeries()).toEqual([
        { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m', count: 5, firstTs: T0, lastTs: T0 + 4 * MIN },
        { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m', count: 7, firstTs: T0 + MIN, lastTs: T0 + 7 * MIN },
      ]);
    });
  });

  describe('deleteSeries', () => {
    it('removes the series and its candles only', () => {
      store.upsert(btc, minuteCandles(5));
      store.upsert(eth, minuteCandles(7));
      expect(store.deleteSeries(btc)).toBe(5);
      expect(store.deleteSeries(btc)).toBe(0);
      expect(store.listSeries().map((s) => s.symbol)).toEqual(['ETH/USDT']);
      // It can come back.
      store.upsert(btc, minuteCandles(2));
      expect(store.count(btc)).toBe(2);
    });
  });

  describe('transaction', () => {
    it('rolls back every write inside it when it throws', () => {
      store.upsert(btc, minuteCandles(3));
      expect(() =>
        store.transaction(() => {
          store.upsert(btc, minuteCandles(10, T0 + 3 * MIN));
          store.upsert(eth, minuteCandles(10));
          throw new Error('stop');
        }),
      ).toThrow('stop');
      expect(store.count(btc)).toBe(3);
      expect(store.listSeries()).toHaveLength(1);
    });

    it('returns what the function returns', () => {
      expect(store.transaction(() => store.upsert(btc, minuteCandles(4)))).toBe(4);
    });
  });
});
