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

const DAY_MS = 86_400_000;

/**
 * The note when the candles skip a stretch of a day or more inside the run (three bars or more on daily and
 * longer bars): a data file with a month cut out ran across it without a word, its equity carried flat and
 * its charts drawn as a straight line over the hole, as if the market had been there. Shorter holes (an
 * exchange's maintenance hour) are common and left unsaid. Null when there is none.
 */
export function gapsNote(candles: CandleColumns, barMs: number, market?: string): string | null {
  const gaps = dataGaps(candles.t, candles.length, barMs);
  if (gaps.length === 0) return null;
  let missing = 0;
  let longest = gaps[0]!;
  for (const g of gaps) {
    missing += Math.round((g.to - g.from) / barMs);
    if (g.to - g.from > longest.to - longest.from) longest = g;
  }
  const whose = market === undefined ? 'the candles' : `${market}'s candles`;
  const where = `${utcMinute(longest.from)} to ${utcMinute(longest.to)}`;
  const holes = gaps.length === 1 ? `a stretch of ${heldText(longest.from, longest.to)} with no bar (${where})` : `${gaps.length} stretches of a day or more with no bar, ${missing.toLocaleString('en-US')} bars in all (the longest ${heldText(longest.from, longest.to)}, ${where})`;
  return `${whose} skip ${holes}: nothing was traded or checked there, and the equity is carried flat across`;
}

/**
 * The holes of a day or more (three bars or more on daily and longer bars) among the bars opening at `t`:
 * each from the close of the bar before it to the open of the bar after it. The notes say them, and the HTML
 * report's charts break their lines over them rather than draw a straight line where there was no market.
 */
export function dataGaps(t: ArrayLike<number>, length: number, barMs: number): { from: number; to: number }[] {
  const least = Math.max(DAY_MS, 3 * barMs);
  const out: { from: number; to: number }[] = [];
  for (let i = 1; i < length; i++) {
    const from = t[i - 1]! + barMs;
    if (t[i]! - from >= least) out.push({ from, to: t[i]! });
  }
  return out;
}

/** What the candles do not cover of the run, said as notes: the range's ends (rangeCoverageNote), then holes inside it (gapsNote). */
export function coverageNotes(range: ExportRange, candles: CandleColumns, barMs: number, market?: string): string[] {
  return [rangeCoverageNote(range, candles, barMs, market), gapsNote(candles, barMs, market)].filter((n): n is string => n !== null);
}
