// The user's calendar day in an IANA time zone: the daily loss limit counts from its start. Asking Intl
// for a date costs microseconds, so the clock keeps the span of time the current day covers and asks
// again only when a time falls outside it: the day's end is found once per day (UTC: by arithmetic; other
// zones: the previous day's end plus 24 hours, checked, else a search by minutes). Every time zone's offset
// is a whole number of minutes, so a day always starts at a whole minute.
import { isTimeZone } from '../../shared/risk/validate-limits.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The latest day end searched for: no day (DST, or a zone moving across the date line) lasts 50 hours. */
const SEARCH = 50 * 3_600_000;
/** The last time a Date can hold. */
const MAX_TIME = 8.64e15;
/** 10000-01-01T00:00Z: from 1970 to before it, a UTC day's name has a four-digit year. */
const ISO_END = 253_402_300_800_000;

/**
 * One formatter per zone for the whole process: building one costs about half a millisecond (a backtest
 * builds a clock), and formatting is all the clock asks of it. `iso`: the zone is UTC and the formatter
 * writes YYYY-MM-DD as isoDay() does (checked once), so a new day's key needs no Intl call (several
 * µs each where a backtest makes it, once per 1,440 minute bars).
 */
const FORMATS = new Map<string, ZoneFormat>();

interface ZoneFormat {
  format: Intl.DateTimeFormat;
  utc: boolean;
  iso: boolean;
}

function formatOf(timeZone: string): ZoneFormat {
  let f = FORMATS.get(timeZone);
  if (f === undefined) {
    // en-CA writes dates as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const utc = format.resolvedOptions().timeZone === 'UTC';
    const samples = [0, 951_782_400_000, 1_709_251_199_999, ISO_END - 1];
    const iso = utc && samples.every((ts) => format.format(ts) === isoDay(ts));
    FORMATS.set(timeZone, (f = { format, utc, iso }));
  }
  return f;
}

/**
 * YYYY-MM-DD of a UTC time from 1970 to the year 9999, by integer arithmetic (days to a civil date, as in
 * H. Hinnant's days_from_civil inverse): what toISOString() starts with, without a Date or its string.
 */
function isoDay(ts: number): string {
  const z = Math.floor(ts / DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export class DayClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  /** The zone is UTC: days start every 86,400,000 ms. */
  readonly #utc: boolean;
  /** UTC, and isoDay() names its days as the formatter does. */
  readonly #iso: boolean;
  #key = '';
  /** The span known to fall on day #key: [#from, #until). */
  #from = Number.NaN;
  #until = Number.NaN;

  constructor(timeZone: string) {
    if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Paris or UTC`);
    this.timeZone = timeZone;
    const f = formatOf(timeZone);
    this.#format = f.format;
    this.#utc = f.utc;
    this.#iso = f.iso;
  }

  /** The day `ts` falls on in this zone, as YYYY-MM-DD. */
  dayKey(ts: number): string {
    if (ts >= this.#from && ts < this.#until) return this.#key;
    const key = this.#iso && ts >= 0 && ts < ISO_END ? isoDay(ts) : this.#format.format(ts);
    const minute = Math.floor(ts / MINUTE) * MINUTE;
    const guess = ts >= this.#until && ts < this.#until + DAY ? this.#until + DAY : Number.NaN;
    this.#until = this.#utc ? (Math.floor(ts / DAY) + 1) * DAY : this.#dayEnd(minute, key, guess);
    this.#from = minute;
    this.#key = key;
    return key;
  }

  /**
   * The first minute after `minute` that is no longer on day `key`: `guess` when it checks out, else a
   * search (dates only move forward, so a bisection over minutes finds it). With no end in sight, the
   * minute itself is all that is known.
   */
  #dayEnd(minute: number, key: string, guess: number): number {
    const f = this.#format;
    if (guess > minute && guess <= MAX_TIME && f.format(guess - MINUTE) === key && f.format(guess) !== key) return guess;
    let lo = minute;
    let hi = Math.min(minute + SEARCH, MAX_TIME - (MAX_TIME % MINUTE));
    if (hi <= lo || f.format(hi) === key) return minute + MINUTE;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / (2 * MINUTE)) * MINUTE;
      if (f.format(mid) === key) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** The time zone this process runs in, for a new account's default. */
export function localTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isTimeZone(tz) ? tz : 'UTC';
}
