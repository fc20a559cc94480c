// The day clock keeps the span of the current day and asks Intl again only outside it: the day it names
// is the one Intl names for every time, across DST changes (at midnight too), half-hour zones, a day a
// zone skipped, and times that go backwards.
import { describe, expect, it } from 'vitest';
import { DayClock } from '../../../electron/risk/day-clock.ts';

const intlDay = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

describe('DayClock', () => {
  it('names the day Intl names, minute by minute through DST changes and a skipped day', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu'];
    // Weeks with transitions: Apia skipped 2011-12-30; Sao Paulo's DST ended at midnight 2018-02-18 and began at
    // midnight 2018-11-04; Europe changed on 2016-03-27 and 2016-10-30; Lord Howe moves by 30 minutes.
    const weeks = [Date.UTC(2011, 11, 27), Date.UTC(2018, 1, 15), Date.UTC(2018, 10, 1), Date.UTC(2016, 2, 25), Date.UTC(2016, 9, 28), Date.UTC(2017, 3, 30)];
    for (const zone of zones) {
      const ref = intlDay(zone);
      const clock = new DayClock(zone);
      for (const start of weeks) {
        for (let m = 0; m < 5 * 1440; m += 7) {
          const ts = start + m * 60_000 + (m % 60) * 1000;
          expect(clock.dayKey(ts), `${zone} ${new Date(ts).toISOString()}`).toBe(ref.format(ts));
        }
      }
    }
  });

  it('follows times that jump ahead and back', () => {
    let x = 99;
    const r = () => (x = (x * 16807) % 2147483647) / 2147483647;
    for (const zone of ['UTC', 'America/New_York', 'Pacific/Chatham']) {
      const ref = intlDay(zone);
      const clock = new DayClock(zone);
      let ts = Date.UTC(2020, 0, 1);
      for (let i = 0; i < 5000; i++) {
        const u = r();
        ts += u < 0.6 ? Math.ceil(r() * 600) * 60_000 : u < 0.9 ? Math.ceil(r() * 100) * 3_600_000 : -Math.ceil(r() * 3000) * 60_000;
        expect(clock.dayKey(ts)).toBe(ref.format(ts));
      }
    }
  });

  it('names UTC days as Intl does from 1970 to the year 9999 and outside it', () => {
    const ref = intlDay('UTC');
    const clock = new DayClock('Etc/UTC');
    let x = 5;
    const r = () => (x = (x * 16807) % 2147483647) / 2147483647;
    const end = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    const times = [0, -1, end, end + 1, Date.UTC(2000, 1, 29, 12), Date.UTC(1969, 11, 31, 23, 59), Date.UTC(10000, 5, 1), Date.UTC(-5, 0, 1)];
    for (let i = 0; i < 3000; i++) times.push(Math.floor(r() * end * 1.05) - 86_400_000);
    for (const ts of times) expect(clock.dayKey(ts), String(ts)).toBe(ref.format(ts));
  });

  it('refuses an unknown zone and a time that is not one', () => {
    expect(() => new DayClock('Mars/Olympus')).toThrow(RangeError);
    expect(() => new DayClock('UTC').dayKey(Number.NaN)).toThrow(RangeError);
  });
});
