// A run asked for dates the candles do not reach: "--from 2023-03-15 --to 2023-04-30" over candles that end
// on 21 March ran six days and reported them as the range's. The row and the report name the dates asked
// for; the metrics (CAGR, buy and hold, the drawdown's duration) are the candles' span. Said as a note,
// the same words in `keel backtest` and the app.
import { heldText, utcMinute } from '../../shared/backtest/hold-time.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { ExportRange } from '../journal/export-range.ts';

/**
 * The note when the candles in the range start later or end earlier than it by more than a bar, else null.
 * `candles` are the range's (their lead, the warm-up read before it, is not counted); `market` names them in a
 * portfolio, where each market's candles may cover a different part.
 */
export function rangeCoverageNote(range: ExportRange, candles: CandleColumns, barMs: number, market?: string): string | null {
  const n = candles.length;
  if (n === 0) return null;
  const first = candles.t[0]!;
  const end = candles.t[n - 1]! + barMs;
  const gaps: string[] = [];
  if (range.from !== undefined && first - range.from > barMs) gaps.push(`start ${heldText(range.from, first)} after it starts`);
  if (range.toExclusive !== undefined && range.toExclusive - end > barMs) gaps.push(`end ${heldText(end, range.toExclusive)} before it ends`);
  if (gaps.length === 0) return null;
  const asked = `${utcMinute(range.from ?? first)} to ${utcMinute(range.toExclusive ?? end)}`;
  const whose = market === undefined ? 'the candles' : `${market}'s candles`;
  const so = market === undefined ? 'so the run, its metrics and buy and hold cover their span only' : `so ${market} is traded over that span only`;
  return `the range asked for is ${asked}; ${whose} in it run from ${utcMinute(first)} to ${utcMinute(end)}: they ${gaps.join(' and ')}, ${so}`;
}
