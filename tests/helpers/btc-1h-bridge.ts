// What the backtest bridge tests run over: the real BTC/USDT 1h file in ../shared/data, imported as the
// local series, and the two years (2021–2022, bar open times) their runs cover.
import path from 'node:path';
import { REPO_ROOT } from './keel-serve.ts';

export const FILE = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
export const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;
export const FROM = Date.UTC(2021, 0, 1);
export const TO = Date.UTC(2022, 11, 31, 23);
