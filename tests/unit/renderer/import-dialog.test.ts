// The import dialog's workings without a page: the request its boxes make (blank boxes left for the engine
// to read from the file), its progress following only its own file, the line it shows once stored (after
// the opener has the series selected), the engine's message when it fails, and the hints in the boxes.
import { afterEach, describe, expect, it } from 'vitest';
import { KeelError, type FileImport } from '../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import { closeImport, openImport, runImport, setImportField } from '../../../renderer/src/features/import/import-actions.ts';
import { EMPTY_FIELDS, useImport } from '../../../renderer/src/features/import/import-store.ts';
import { progressShare, progressText, sourcesLine, storedLine, symbolHint, toImportRequest } from '../../../renderer/src/features/import/import-view.ts';
import { fakeApi } from './fake-api.ts';

const T0 = Date.UTC(2024, 0, 1);
const RESULT: FileImport = {
  series: { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' },
  count: 1_000_000,
  first: T0,
  last: T0 + 999_999 * 60_000,
  format: 'csv: timestamp,open,high,low,close,volume; time in epoch ms',
  path: '/data/BTCUSDT_1m.csv',
  symbolFrom: 'file name',
  timeframeFrom: 'spacing',
  joined: null,
};

afterEach(() => useImport.setState({ open: false, fields: EMPTY_FIELDS, busy: false, progress: null, result: null, error: null, onStored: null }));

function deferred<T>() {
  let settle!: (v: T | Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = (v) => (v instanceof Error ? reject(v) : resolve(v));
  });
  return { promise, settle };
}

describe('the import dialog', () => {
  it('sends the path with only the boxes filled in, follows its own file, and shows the result once the opener has the series', async () => {
    const answer = deferred<FileImport>();
    const api = fakeApi({ 'market.import': () => answer.promise });
    const chosen: SeriesKey[] = [];
    openImport(async (series) => {
      chosen.push(series);
      // The result line waits for this: the form has the series selected when the trader reads it.
      expect(useImport.getState().result).toBeNull();
    });
    setImportField('path', ' /data/BTCUSDT_1m.csv ');
    setImportField('exchange', '  ');
    const running = runImport(api);
    expect(api.calls).toEqual([{ name: 'market.import', request: { path: '/data/BTCUSDT_1m.csv' } }]);
    expect(useImport.getState().busy).toBe(true);

    api.emit('market.importProgress', { path: '/data/BTCUSDT_1m.csv', stage: 'reading', done: 25, total: 100 });
    api.emit('market.importProgress', { path: '/data/other.csv', stage: 'reading', done: 99, total: 100 });
    expect(useImport.getState().progress).toEqual({ stage: 'reading', done: 25, total: 100 });

    answer.settle(RESULT);
    await running;
    expect(chosen).toEqual([RESULT.series]);
    expect(useImport.getState()).toMatchObject({ busy: false, progress: null, result: RESULT, error: null });
    expect(api.listenerCount('market.importProgress')).toBe(0);
  });

  it('shows the engine\'s message when the import fails, and a change to a box clears it', async () => {
    const api = fakeApi({
      'market.import': () => {
        throw new KeelError('not_found', '/data/nope.csv: no such file');
      },
    });
    let stored = false;
    openImport(() => {
      stored = true;
    });
    setImportField('path', '/data/nope.csv');
    await runImport(api);
    expect(useImport.getState().error).toEqual({ code: 'not_found', message: '/data/nope.csv: no such file' });
    expect(stored).toBe(false);
    setImportField('path', '/data/BTCUSDT_1m.csv');
    expect(useImport.getState().error).toBeNull();
  });

  it('stays open while importing, and opens afresh', async () => {
    const answer = deferred<FileImport>();
    const api = fakeApi({ 'market.import': () => answer.promise });
    openImport(null);
    setImportField('path', '/data/BTCUSDT_1m.csv');
    const running = runImport(api);
    closeImport();
    expect(useImport.getState().open).toBe(true);
    answer.settle(RESULT);
    await running;
    closeImport();
    expect(useImport.getState().open).toBe(false);
    openImport(null);
    expect(useImport.getState()).toMatchObject({ open: true, fields: EMPTY_FIELDS, result: null, error: null });
  });
});

describe('what the dialog reads', () => {
  it('makes the request from the boxes, trimmed, blanks left out', () => {
    expect(toImportRequest({ path: ' /d/x.csv', symbol: 'btc/usdt ', timeframe: '1h', exchange: '' })).toEqual({ path: '/d/x.csv', symbol: 'btc/usdt', timeframe: '1h' });
  });

  it('hints the symbol the file name gives, or that it must be typed', () => {
    expect(symbolHint('/data/binance_ETHUSDT_1h.csv')).toBe('ETH/USDT, from the file name');
    expect(symbolHint('/data/export.csv')).toBe('needed: the file name holds no market');
    expect(symbolHint('')).toBe('from the file name, e.g. BTCUSDT_1h.csv');
  });

  it('says what was stored and where its symbol and timeframe came from', () => {
    expect(storedLine(RESULT)).toBe('stored 1,000,000 candles of BTC/USDT 1m (local) from 2024-01-01 00:00 to 2025-11-25 10:39 UTC');
    expect(sourcesLine(RESULT)).toBe("symbol from the file name · timeframe from the candles' spacing · csv: timestamp,open,high,low,close,volume; time in epoch ms");
    expect(sourcesLine({ ...RESULT, symbolFrom: 'given', timeframeFrom: 'trades' })).toBe('symbol as given · trades gathered into 1m candles, as no timeframe was given · csv: timestamp,open,high,low,close,volume; time in epoch ms');
  });

  it('fills the bar as the file is read, and says the candles are being stored', () => {
    expect(progressShare({ stage: 'reading', done: 5_242_880, total: 20_971_520 })).toBe(0.25);
    expect(progressText({ stage: 'reading', done: 5_242_880, total: 20_971_520 })).toBe('reading 5.0 MB of 20 MB');
    expect(progressShare({ stage: 'storing', done: 0, total: 1_000_000 })).toBeNull();
    expect(progressText({ stage: 'storing', done: 0, total: 1_000_000 })).toBe('storing 1,000,000 candles…');
    // A new series is written in steps: the bar fills again as they go.
    expect(progressShare({ stage: 'storing', done: 250_000, total: 1_000_000 })).toBe(0.25);
    expect(progressText({ stage: 'storing', done: 250_000, total: 1_000_000 })).toBe('storing 250,000 of 1,000,000 candles');
  });
});
