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

export class DayClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  /** The zone is UTC: days start every 86,400,000 ms. */
  readonly #utc: boolean;
  #key = '';
  /** The span known to fall on day #key: [#from, #until). */
  #from = Number.NaN;
  #until = Number.NaN;

  constructor(timeZone: string) {
    if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Paris or UTC`);
    this.timeZone = timeZone;
    // en-CA writes dates as YYYY-MM-DD.
    this.#format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.#utc = this.#format.resolvedOptions().timeZone === 'UTC';
  }

  /** The day `ts` falls on in this zone, as YYYY-MM-DD. */
  dayKey(ts: number): string {
    if (ts >= this.#from && ts < this.#until) return this.#key;
    const key = this.#format.format(ts);
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
