// A time in a trade as people read it: "47m", "5h 12m", "9h", "3d 4h". Metrics keep it in days (as the drawdown's
// duration is), which reads badly for minute bars ("0.03"); the CLI's summary, the HTML report and the app's
// runs table all print it through this one function.

const MINUTES_PER_DAY = 1440;

/** Days as the largest two units, to the minute, the second left off when 0 ("1d", not "1d 0h"); "–" for none (no trades), "<1m" for less than a minute. */
export function holdTimeText(days: number | null): string {
  if (days === null || !Number.isFinite(days) || days < 0) return '–';
  const minutes = Math.round(days * MINUTES_PER_DAY);
  if (minutes === 0) return days > 0 ? '<1m' : '0m';
  const d = Math.floor(minutes / MINUTES_PER_DAY);
  const h = Math.floor((minutes % MINUTES_PER_DAY) / 60);
  const m = minutes % 60;
  // A second unit of zero is left off ("9h", not "9h 0m"): it reads as a figure missing, not as exact.
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}

/** How long a trade was held, entry to exit (epoch ms), as holdTimeText words it. */
export function heldText(entryTs: number, exitTs: number): string {
  return holdTimeText((exitTs - entryTs) / (MINUTES_PER_DAY * 60_000));
}

/** "2021-03-04 05:00": a bar time to the minute, UTC, as the trade lists, drawdown tables and walk-forward folds print it. */
export function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
