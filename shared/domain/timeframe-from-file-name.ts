// The timeframe a candle file's name gives (BTCUSDT-1h-2024-01.csv, btc_usdt_15m.csv): the import's
// fallback when the candles' spacing cannot tell it (a file of one candle, or spacing no timeframe
// matches). Names spell timeframes as exchanges do, 1m a minute and 1M a month, so the match is exact
// rather than case-folded: a month must not be read as a minute.
import { isTimeframe, type Timeframe } from './timeframe.ts';

export function timeframeFromFileName(name: string): Timeframe | null {
  const words = name.replace(/^.*[\\/]/, '').split(/[^A-Za-z0-9]+/);
  for (const w of words) if (isTimeframe(w)) return w;
  return null;
}
