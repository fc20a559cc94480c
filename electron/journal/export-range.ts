// The --from/--to dates of `keel journal export`, read as the user most likely means them:
// - 2024-03-01: a UTC day; as --to it includes that whole day;
// - 2024-03-01T12:30:00Z (or with an offset like +02:00): that instant, included;
// - 1709251200000: epoch ms, included.
// A date-time without Z or an offset is refused rather than read in the machine's time zone, and a number
// too small to be epoch ms of this era (1709251200 is epoch seconds) rather than read as a day in 1970.
import { isoTime } from '../../shared/domain/iso-time.ts';

/** Half-open [from, to) in epoch ms; absent ends are unbounded. */
export interface ExportRange {
  from?: number;
  toExclusive?: number;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;
const EPOCH_MS = /^\d{1,16}$/;
/** 1973-03-03T09:46:40Z in epoch ms; below it a number is almost surely seconds (until the year 5138). */
const EPOCH_MS_FLOOR = 100_000_000_000;

export function parseExportRange(from: string | undefined, to: string | undefined): ExportRange {
  const range: ExportRange = {};
  if (from !== undefined) range.from = parseDate('--from', from).start;
  if (to !== undefined) range.toExclusive = parseDate('--to', to).endExclusive;
  if (range.from !== undefined && range.toExclusive !== undefined && range.from >= range.toExclusive) {
    throw new RangeError(`--from ${from} is not before --to ${to}`);
  }
  return range;
}

const VALID = 'give a UTC date (2024-03-01), a date-time with a zone (2024-03-01T12:00:00Z) or epoch ms';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseDate(flag: string, text: string): { start: number; endExclusive: number } {
  const day = DATE.exec(text);
  if (day) {
    const start = calendarDay(flag, text, day);
    return { start, endExclusive: start + DAY_MS };
  }
  if (DATE_TIME.test(text)) {
    // Date.parse rolls 2024-02-30T12:00Z over into March 1st without a word, as Date.UTC does a date.
    calendarDay(flag, text, DATE.exec(text.slice(0, 10))!);
    const at = Date.parse(text);
    if (Number.isNaN(at)) throw new RangeError(`${flag} ${text} is not a valid date-time; ${VALID}`);
    return { start: at, endExclusive: at + 1 };
  }
  if (EPOCH_MS.test(text)) {
    const at = Number(text);
    if (at < EPOCH_MS_FLOOR) {
      throw new RangeError(`${flag} ${text} would be epoch ms ${isoTime(at)}; for epoch seconds give ms (${text}000), or a date such as 2024-03-01`);
    }
    return { start: at, endExclusive: at + 1 };
  }
  throw new RangeError(`${flag} ${text}: ${VALID}`);
}

/** The day's midnight UTC, or a refusal saying which part is not in the calendar and what is valid. */
function calendarDay(flag: string, text: string, [, ys, ms, ds]: RegExpExecArray): number {
  const [y, m, d] = [Number(ys), Number(ms), Number(ds)];
  // setUTCFullYear, not Date.UTC, which reads the years 0-99 as 1900-1999.
  const utc = (month: number, date: number) => new Date(0).setUTCFullYear(y, month, date);
  const start = utc(m - 1, d);
  // A date rolls over (2024-02-30 into March); one that does not round-trip does not exist.
  if (new Date(start).toISOString().slice(0, 10) === `${ys}-${ms}-${ds}`) return start;
  const days = new Date(utc(m, 0)).getUTCDate();
  const why = m < 1 || m > 12 ? `there is no month ${m}` : d < 1 ? `there is no day ${d}` : `${MONTHS[m - 1]} ${y} has ${days} days`;
  throw new RangeError(`${flag} ${text} is not a calendar date (${why}); ${VALID}`);
}

/**
 * "from 2024-03-01T00:00:00Z to the end of 2024-03-31": the range as the trader gave it, for a refusal of a
 * range with nothing in it. --to 2024-03-31 reads through that day (to the next midnight), and --to
 * 2024-03-01T12:00:00Z through that instant, shown as given, not as the millisecond after.
 */
export function rangeWords(range: ExportRange): string {
  const to = range.toExclusive;
  const end = to === undefined ? 'the end' : to % DAY_MS === 0 ? `the end of ${isoTime(to - DAY_MS).slice(0, 10)}` : (to - 1) % 1000 === 0 ? isoTime(to - 1) : isoTime(to);
  return `from ${range.from === undefined ? 'the start' : isoTime(range.from)} to ${end}`;
}
