// Order and fill times in the tables: market time in UTC (a replay's clock, not the wall clock), short
// enough for a dense column; the full stamp goes in the cell's tooltip.
import { formatMarketTime } from '../../lib/format.ts';

/** "12:34:56" (the date is in the tooltip: the tables show one session's trading). */
export function shortTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  return new Date(ms).toISOString().slice(11, 19);
}

export const fullTime = formatMarketTime;
