// A file of trades as candles of a timeframe: each trade goes in the candle its time falls in (from
// 00:00 UTC, weeks from Mondays, as every candle Keel stores), which opens at its first trade, closes at its
// last, has the extremes as high and low, and the amounts summed as volume (tradesToCandles). A stretch with
// no trade has no candle: a quiet minute is a gap, not an invented flat bar.
import type { Timeframe } from '../../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';
import { tradesToCandles } from '../candles/trade-candles.ts';
import type { ParsedTrades } from './growing-trades.ts';
import { fileOrder, type FileOrder } from './order-candles.ts';

/**
 * The timeframe a file of trades becomes when the reader is given none: the shortest Keel has. Trades
 * have no spacing to infer it from, and any longer timeframe can be resampled from it.
 */
export const TRADES_TIMEFRAME: Timeframe = '1m';

export function candlesFromTrades(trades: ParsedTrades, timeframe: Timeframe): { columns: CandleColumns; order: FileOrder } {
  const n = trades.length;
  const order = fileOrder(trades.t, n);
  const { t, price, amount } = inTimeOrder(trades, order);
  // Every trade of the file is in: the last candle is as complete as the file (tradesToCandles' partial flag is moot).
  return { columns: tradesToCandles(t, price, amount, timeframe), order };
}

/**
 * The trades oldest first, as arrays of exactly their length. Trades of the same millisecond keep the
 * file's order (the later line is the later trade, and closes the candle); a newest-first file is read
 * backwards whole, as it lists the latest of those first.
 */
function inTimeOrder(trades: ParsedTrades, order: FileOrder): { t: Float64Array; price: Float64Array; amount: Float64Array } {
  const n = trades.length;
  const exact = { t: trades.t.subarray(0, n), price: trades.price.subarray(0, n), amount: trades.amount.subarray(0, n) };
  if (order === 'ascending') return exact;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = order === 'descending' ? n - 1 - i : i;
  const { t } = exact;
  if (order === 'unordered') rows.sort((a, b) => t[a]! - t[b]! || a - b);
  const out = { t: new Float64Array(n), price: new Float64Array(n), amount: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    out.t[k] = t[i]!;
    out.price[k] = exact.price[i]!;
    out.amount[k] = exact.amount[i]!;
  }
  return out;
}
