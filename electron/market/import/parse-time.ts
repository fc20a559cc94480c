// Candle times as files write them: ISO-8601-like text (no offset means UTC, which is what every
// exchange export means) or epoch numbers whose unit is told apart by magnitude.

export type TimeEncoding = 'ISO time' | 'epoch s' | 'epoch ms' | 'epoch µs' | 'epoch ns';

// 2023-03-01 00:00:00+00:00, 2021-12-31 23:01:00.000000, 2023-03-01T00:00:00Z, 2023-03-01, and
// MetaTrader's 2023.03.01 00:00
const ISO_RE = /^(\d{4})[-/.](\d{2})[-/.](\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_RE = /^\d+(?:\.\d+)?$/;

// Epoch values of today's dates differ by three orders of magnitude per unit; these bounds pick the
// unit for any date from 1973 to 5138: seconds below 1e11, milliseconds below 1e14, and so on.
const SECONDS_BELOW = 1e11;
const MILLIS_BELOW = 1e14;
const MICROS_BELOW = 1e17;

/** 1973-03-03: no market data is older, and below it epoch seconds cannot be told from other numbers. */
export const EARLIEST_MS = 1e11;

/**
 * Why a time read as `t` (before EARLIEST_MS) from the field `shown` (as the message quotes it) is refused.
 * A small number read as epoch seconds lands in 1970: most likely a spreadsheet's date serial (44986.0007 is
 * 2023-03-01 00:01) or a row index, which read on would only fail later as a run of duplicate times.
 */
export function tooEarlyReason(shown: string, text: string, t: number): string {
  const at = new Date(t).toISOString();
  if (timeEncoding(text) === 'ISO time') return `time ${shown} is ${at}, before any market's data (Keel reads times from 1973 on)`;
  return `time ${shown} read as an epoch number is ${at}, before any market's data; a spreadsheet's date serial (days since 1899-12-30) reads so: save the times as YYYY-MM-DD HH:MM:SS, or as epoch seconds or milliseconds`;
}

/**
 * How far past the clock a row's time may be. A candle's time is when it opened, so a true one is never
 * later than now (the bar still open is now's at the latest); the margin is for a clock that runs behind the
 * one that wrote the file, and for times written in a zone east of UTC without their offset (up to UTC+14),
 * read as UTC. A mistake lands years out: a year typed wrong, a number of the wrong unit.
 */
export const AHEAD_MS = 86_400_000;

/** The latest time a file's rows may hold, read from the clock once per file. */
export function latestTime(now: number = Date.now()): number {
  return now + AHEAD_MS;
}

/**
 * Why a time read as `t` (after `latest`, from latestTime()) from the field `shown` is refused: the date it
 * read, now, and what is valid; a number that is plainly of the wrong unit says so (unitMixUp).
 */
export function tooLateReason(shown: string, text: string, t: number, latest: number): string {
  const encoding = timeEncoding(text);
  const now = new Date(latest - AHEAD_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const read = encoding === 'ISO time' || encoding === null ? `is ${dateText(t)}` : `read as ${encoding} is ${dateText(t)}`;
  const valid = "a candle's time is when it opened, so none is later than the present: Keel reads times from 1973 to a day past now";
  return `time ${shown} ${read}, after now (${now}); ${valid}${encoding === null || encoding === 'ISO time' ? '' : unitMixUp(text, latest)}`;
}

/**
 * "; it looks like a unit mix-up: …" when the number divided by 1,000 reads as a date up to now; else nothing.
 * Only nanoseconds have no upper bound in the magnitudes that pick the unit, so only a number past them (a
 * time converted to a finer unit once too often) lands years out and is a date again a thousand times smaller.
 */
function unitMixUp(text: string, latest: number): string {
  const smaller = Number(text.trim()) / 1000;
  const t = epochToMs(smaller);
  if (t === null || t < EARLIEST_MS || t > latest) return '';
  return `; it looks like a unit mix-up: divided by 1,000 and read as ${timeEncoding(String(smaller))} it is ${dateText(t)}, so the times were likely converted to a finer unit once too often: write them as epoch s, ms, µs or ns`;
}

/** A time as ISO text; one past the year 9999 as its year, which ISO text (and past 275,760 a Date) cannot hold. */
function dateText(t: number): string {
  if (t < 253402300800000) return new Date(t).toISOString();
  return `a date in the year ${Math.floor(1970 + t / 31_556_952_000).toLocaleString('en-US')}`;
}

/** How a time field is written, or null when it is neither form. */
export function timeEncoding(text: string): TimeEncoding | null {
  const s = text.trim();
  if (EPOCH_RE.test(s)) {
    const n = Number(s);
    return n < SECONDS_BELOW ? 'epoch s' : n < MILLIS_BELOW ? 'epoch ms' : n < MICROS_BELOW ? 'epoch µs' : 'epoch ns';
  }
  return parseIso(s) === null ? null : 'ISO time';
}

/** Epoch milliseconds (UTC) for a time field, or null when it cannot be read. */
export function parseTime(text: string): number | null {
  const s = text.trim();
  if (EPOCH_RE.test(s)) return epochToMs(Number(s));
  return parseIso(s);
}

export function epochToMs(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  if (n < SECONDS_BELOW) return Math.round(n * 1000);
  if (n < MILLIS_BELOW) return Math.round(n);
  if (n < MICROS_BELOW) return Math.round(n / 1e3);
  return Math.round(n / 1e6);
}

// What may follow the seconds: a fraction, then a zone.
const TAIL_RE = /^(?:[.,](\d{1,9}))?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(s: string): number | null {
  // Most files write the full `YYYY-MM-DD HH:MM:SS` on every line; reading it by character codes
  // instead of the general pattern makes multi-million-line files noticeably faster.
  if (s.length >= 19 && s[4] === '-' && s[7] === '-' && (s[10] === ' ' || s[10] === 'T') && s[13] === ':' && s[16] === ':') {
    const tail = s.length === 19 ? null : TAIL_RE.exec(s.slice(19));
    if (tail === null && s.length > 19) return null;
    return utc(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2), tail?.[1] ?? '', tail?.[2]);
  }
  const m = ISO_RE.exec(s);
  if (m === null) return null;
  const [, y, mo, d, hh = '0', mi = '0', ss = '0', frac = '', zone] = m;
  return utc(Number(y), Number(mo), Number(d), Number(hh), Number(mi), Number(ss), frac, zone);
}

/** The decimal number in s[at, at + n), or NaN when those are not all digits. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, frac: string, zone: string | undefined): number | null {
  // Date.UTC rolls 2023-02-30 over into March; a file saying that is wrong, not a date. (NaN fails every test.)
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)) return null;
  const ms = frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs(zone);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}
