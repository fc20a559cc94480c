// The user's calendar day in an IANA time zone: the daily loss limit counts from its start. Asking Intl
// for a date costs microseconds, so the answer is kept per minute: every time zone's offset is a whole
// number of minutes, so a day never starts in the middle of one.
import { isTimeZone } from '../../shared/risk/validate-limits.ts';

export class DayClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  #minute = Number.NaN;
  #key = '';

  constructor(timeZone: string) {
    if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Paris or UTC`);
    this.timeZone = timeZone;
    // en-CA writes dates as YYYY-MM-DD.
    this.#format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** The day `ts` falls on in this zone, as YYYY-MM-DD. */
  dayKey(ts: number): string {
    const minute = Math.floor(ts / 60_000);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#key = this.#format.format(ts);
    }
    return this.#key;
  }
}

/** The time zone this process runs in, for a new account's default. */
export function localTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isTimeZone(tz) ? tz : 'UTC';
}
