// What a trader asks to import, read before the file is opened: an absolute path (`~` is home), inputs
// read as `keel import` reads its flags (btc/usdt is BTC/USDT, a blank box is one not given), each mistake
// naming the input and what it may be; and the symbol from the file name when none is given.
import { describe, expect, it } from 'vitest';
import { ImportInputError } from '../../../electron/market/import/import-input-error.ts';
import { readRequest, symbolFor } from '../../../electron/market/import/import-request.ts';
import { timeframeFromFileName } from '../../../shared/domain/timeframe-from-file-name.ts';

const HOME = '/home/trader';

function refusal(fn: () => unknown): ImportInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportInputError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('readRequest', () => {
  it('reads the inputs as keel import reads its flags, and a blank box as one not given', () => {
    expect(readRequest({ path: '/data/x.csv', symbol: ' btc/usdt ', timeframe: '1h', exchange: 'Binance' }, HOME)).toEqual({ path: '/data/x.csv', symbol: 'BTC/USDT', timeframe: '1h', exchange: 'binance' });
    expect(readRequest({ path: '/data/x.csv', symbol: '', timeframe: '  ', exchange: '' }, HOME)).toEqual({ path: '/data/x.csv', symbol: null, timeframe: null, exchange: 'local' });
    expect(readRequest({ path: '/data/x.csv' }, HOME)).toEqual({ path: '/data/x.csv', symbol: null, timeframe: null, exchange: 'local' });
  });

  it('reads ~ as the home directory and tidies the path', () => {
    expect(readRequest({ path: '~/data/BTCUSDT_1h.csv' }, HOME).path).toBe('/home/trader/data/BTCUSDT_1h.csv');
    expect(readRequest({ path: ' /data/./a/../BTCUSDT_1h.csv ' }, HOME).path).toBe('/data/BTCUSDT_1h.csv');
  });

  it('refuses a relative path, saying it must be whole, with an example', () => {
    const err = refusal(() => readRequest({ path: 'data/BTCUSDT_1h.csv' }, HOME));
    expect(err.field).toBe('path');
    expect(err.message).toBe('"data/BTCUSDT_1h.csv" is not an absolute path: give the file\'s whole path, such as /home/trader/data/BTCUSDT-1h.csv');
    expect(refusal(() => readRequest({ path: '   ' }, HOME)).message).toBe('give the path of a candle or trades file');
  });

  it.each([
    [{ timeframe: '7m' }, 'timeframe', 'unknown timeframe "7m"; valid timeframes: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w'],
    [{ symbol: 'BTCUSDT' }, 'symbol', 'invalid symbol "BTCUSDT" (did you mean BTC/USDT?); a symbol is BASE/QUOTE such as BTC/USDT (or BASE/QUOTE:SETTLE for derivatives)'],
    [{ exchange: 'my exchange' }, 'exchange', 'invalid exchange "my exchange"; use a ccxt exchange id such as binance, or a label of lower-case letters, digits, - and _'],
  ])('refuses %j, naming the input and what is valid', (inputs, field, message) => {
    const err = refusal(() => readRequest({ path: '/data/BTCUSDT_1h.csv', ...inputs }, HOME));
    expect({ field: err.field, message: err.message }).toEqual({ field, message });
  });
});

describe('symbolFor', () => {
  const asked = (path: string, symbol: string | null = null) => ({ path, symbol, timeframe: null, exchange: 'local' });

  it('takes the symbol given over the file name', () => {
    expect(symbolFor(asked('/data/ETHUSDT_1h.csv', 'SOL/USDT'))).toEqual({ symbol: 'SOL/USDT', symbolFrom: 'given' });
  });

  it('reads it from the file name when none is given', () => {
    expect(symbolFor(asked('/data/binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv'))).toEqual({ symbol: 'ETH/USDT', symbolFrom: 'file name' });
    expect(symbolFor(asked('/data/freqtrade_XRP_ETH-trades.json.gz'))).toEqual({ symbol: 'XRP/ETH', symbolFrom: 'file name' });
  });

  it('asks for it, in the words of where it is given, when the file name holds none', () => {
    const app = refusal(() => symbolFor(asked('/data/candles.csv')));
    expect(app.field).toBe('symbol');
    expect(app.message).toBe('/data/candles.csv: the file name holds no market (such as BTCUSDT or btc_usdt); give the symbol, e.g. BTC/USDT');
    expect(refusal(() => symbolFor(asked('/data/candles.csv'), { symbol: '--symbol', timeframe: '--timeframe' })).message).toContain('give --symbol, e.g. BTC/USDT');
  });
});

describe('timeframeFromFileName', () => {
  it.each([
    ['/data/BTCUSDT-1h-2024-01.csv', '1h'],
    ['nautilus_btc-perp-20211231-20220201_1m.csv', '1m'],
    ['C:\\data\\ETHUSDT_15m.csv.gz', '15m'],
    ['ADAUSDT_1d.json', '1d'],
  ])('%s → %s', (name, timeframe) => {
    expect(timeframeFromFileName(name)).toBe(timeframe);
  });

  it.each(['BTCUSDT.csv', 'BTCUSDT-1M-2024.csv', 'BTCUSDT_1H.csv', '1h/BTCUSDT.csv'])('%s names none (a month is not a minute)', (name) => {
    expect(timeframeFromFileName(name)).toBeNull();
  });
});
