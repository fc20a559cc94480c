// Order and fill times in the tables: market time in UTC (a replay's clock, not the wall clock), short
// enough for a dense column; the full stamp goes in the cell's tooltip.
import { formatMarketTime } from '../../lib/format.ts';

/** "12:34:56" (the date is in the tooltip: the tables show one session's trading). */
export function shortTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  return new Date(ms).toISOString().slice(11, 19);
}

export const fullTime = formatMarketTime;

/** shortTime as "12:34" and ":56": the orders' narrowest dock shows the minute alone (the seconds are in the tooltip). */
export function shortTimeParts(ms: number): [minute: string, seconds: string] {
  const t = shortTime(ms);
  return t.length === 8 ? [t.slice(0, 5), t.slice(5)] : [t, ''];
}
