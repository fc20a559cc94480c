// A --timeframe the candles at hand cannot be rolled up into (6h from 4h candles): said as that, with the
// timeframes they do make. Before, a file was blamed on its third line ("candles 4h apart but the timeframe
// is 6h"), as if broken, and the journal said it held nothing shorter to resample from while it held 4h.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candlesFromFile, candlesFromJournal } from '../../../electron/backtest/load-candles.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { notMadeText, shorterStoredText } from '../../../shared/domain/timeframe-nesting.ts';

const H4 = 4 * 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const bars = (n: number) => Array.from({ length: n }, (_, i) => ({ t: T0 + i * H4, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: 5 }));

describe('a timeframe the candles do not make', () => {
  it('says why and which they make', () => {
    expect(notMadeText('4h', '6h')).toBe('6h is not a whole number of 4h candles; 4h candles make 8h, 12h, 1d, 3d, 1w');
    expect(notMadeText('3d', '1w')).toBe('1w is not a whole number of 3d candles; 3d candles make no longer timeframe');
    const stored = [
      { exchange: 'local', symbol: 'BTC/USDT', timeframe: '4h' as const },
      { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' as const },
    ];
    expect(shorterStoredText(stored, { exchange: 'local', symbol: 'BTC/USDT', timeframe: '6h' })).toBe('; the stored local:BTC/USDT:4h candles do not make 6h bars (6h is not a whole number of 4h candles; 4h candles make 8h, 12h, 1d, 3d, 1w)');
    // Nothing shorter of the market: the refusal's own "nor of a shorter timeframe" says it.
    expect(shorterStoredText(stored, { symbol: 'SOL/USDT', timeframe: '6h' })).toBe('');
  });

  it('keel backtest --data: a file of 4h candles with --timeframe 6h is refused naming its 4h candles, not a line; 8h is made from them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keel-tf-'));
    const file = path.join(dir, 'BTCUSDT_4h.csv');
    writeFileSync(file, ['time,open,high,low,close,volume', ...bars(60).map((b) => `${b.t},${b.o},${b.h},${b.l},${b.c},${b.v}`)].join('\n') + '\n');
    await expect(candlesFromFile(file, {}, '6h')).rejects.toThrow(`${file}: its candles are 4h ones (their most common spacing), which do not make 6h bars: 6h is not a whole number of 4h candles; 4h candles make 8h, 12h, 1d, 3d, 1w; give --timeframe 4h or one of those`);
    const eight = await candlesFromFile(file, {}, '8h');
    expect(eight.candles.length).toBe(30);
    expect(eight.timeframe).toBe('8h');
  });

  it('a stored 4h series asked for 6h says it holds 4h that do not make them', () => {
    const journal = openJournal(':memory:');
    try {
      const store = new CandleStore(journal.db);
      store.upsert({ exchange: 'local', symbol: 'BTC/USDT', timeframe: '4h' }, bars(10));
      expect(() => candlesFromJournal(store, { exchange: 'local', symbol: 'BTC/USDT', timeframe: '6h' }, {})).toThrow(
        'no candles stored for local:BTC/USDT:6h; the stored local:BTC/USDT:4h candles do not make 6h bars (6h is not a whole number of 4h candles; 4h candles make 8h, 12h, 1d, 3d, 1w); stored series: local:BTC/USDT:4h',
      );
    } finally {
      journal.close();
    }
  });
});
