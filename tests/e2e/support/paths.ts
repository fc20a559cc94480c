// Where the e2e tests find Keel and the shared sample data. The data stays outside the repo.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const keelBin = path.join(repoRoot, 'bin', 'keel.js');

const sharedData = path.resolve(repoRoot, '..', 'shared', 'data');

/** 45,031 one-minute BTC perpetual candles, 2021-12-31 to 2022-02-01, from the shared data folder. */
export const btcMinuteCsv = path.join(sharedData, 'nautilus_btc-perp-20211231-20220201_1m.csv');

/** The sample series a test can have imported, by name: the file in the shared data folder and what `keel import` stores it as. */
export const samples = {
  /** 45,031 BTC/USDT minutes, 2021-12-31 to 2022-02-01. */
  'btc-1m': { file: btcMinuteCsv, symbol: 'BTC/USDT', timeframe: '1m' },
  /** BTC/USDT hours (Binance futures mark price), 2019-12-23 to 2024-01-09. */
  'btc-1h': { file: path.join(sharedData, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv'), symbol: 'BTC/USDT', timeframe: '1h' },
  /** ETH/USDT hours (Binance futures mark price), 2019-12-23 to 2024-01-09. */
  'eth-1h': { file: path.join(sharedData, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv'), symbol: 'ETH/USDT', timeframe: '1h' },
} as const;
export type Sample = keyof typeof samples;

/** `keel serve` serves out/renderer; the e2e run needs it built (`npm run test:e2e` builds it first). */
export function assertRendererBuilt(): void {
  const index = path.join(repoRoot, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npm run build:renderer\` (or \`npm run test:e2e\`, which builds it) before the e2e tests`);
}
