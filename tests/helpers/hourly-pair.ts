// The real BTC/USDT and ETH/USDT hourly files from ../shared/data as the engine reads them (the app's file
// reader), cut to their first `bars` bars: the two markets of the portfolio tests.
import { readCandleFile } from '../../electron/market/import/read-candle-file.ts';
import { sliceColumns } from '../../electron/backtest/run-setup.ts';
import type { CandleColumns } from '../../electron/journal/candle-columns.ts';
import { BTC_1H, ETH_1H } from './keel-cli.ts';

export async function hourlyPair(bars: number): Promise<{ btc: CandleColumns; eth: CandleColumns }> {
  const read = async (file: string) => sliceColumns((await readCandleFile(file)).columns, 0, bars);
  return { btc: await read(BTC_1H), eth: await read(ETH_1H) };
}
