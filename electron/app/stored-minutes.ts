// Where the app's risk rooms start their market history (correlations, ATR): a symbol's stored 1-minute
// candles, the newest `count` of them. Paper's risk service and each live account's read the same.
import type { CandleStore } from '../journal/candle-store.ts';
import type { HistorySeed } from '../risk/market-history.ts';

export function storedMinutes(candles: CandleStore): HistorySeed {
  return (symbol, count) => {
    const series = candles.listSeries().find((s) => s.symbol === symbol && s.timeframe === '1m');
    return series ? candles.readColumns(series, { limit: count }) : null;
  };
}
