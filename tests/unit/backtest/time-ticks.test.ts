// The HTML report's time axes tick on round UTC boundaries picked for the span, labelled for the step, as a
// trader's charting tool does, never at the span's quarters ("2024-03-17 05:42"). Every expected list
// below was worked out by hand from a calendar.
import { describe, expect, it } from 'vitest';
import { timeTicks, type TimeAxisBox } from '../../../electron/backtest/time-ticks.ts';

/** The report's charts: 960 px wide, 64 px of margin left and 12 right (svg-chart.ts), 6 px a character. */
const BOX: TimeAxisBox = { width: 884, before: 64, after: 12, charPx: 6 };
const at = (iso: string) => Date.parse(`${iso}Z`);
const ticks = (from: string, to: string, box = BOX) => timeTicks(at(from), at(to), box);
const texts = (from: string, to: string, box = BOX) => ticks(from, to, box).ticks.map((t) => t.text);
const times = (from: string, to: string) => ticks(from, to).ticks.map((t) => new Date(t.t).toISOString().slice(0, 16));

describe('timeTicks', () => {
  it('ticks a 3-hour span every half hour, the first tick with its date', () => {
    expect(ticks('2024-03-12T13:10', '2024-03-12T16:10').step).toBe('30m');
    expect(texts('2024-03-12T13:10', '2024-03-12T16:10')).toEqual(['12 Mar 13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);
    expect(times('2024-03-12T13:10', '2024-03-12T16:10')[0]).toBe('2024-03-12T13:30');
  });

  it('ticks 2 days every 6 hours, each midnight by its date', () => {
    expect(ticks('2024-03-12T05:00', '2024-03-14T05:00').step).toBe('6h');
    expect(texts('2024-03-12T05:00', '2024-03-14T05:00')).toEqual(['12 Mar 06:00', '12:00', '18:00', '13 Mar', '06:00', '12:00', '18:00', '14 Mar']);
    // Midnight to midnight would be 9 ticks at 6 h: more than 8, so every 12 hours.
    expect(texts('2024-03-12T00:00', '2024-03-14T00:00')).toEqual(['12 Mar', '12:00', '13 Mar', '12:00', '14 Mar']);
  });

  it('ticks 2 and 3 days from each month\'s 1st, as a trader\'s charting tool does', () => {
    // Counted from 1970-01-01 they fell on "26 Mar, 28 Mar, 30 Mar, 1 Apr" and "21 Mar, 24 Mar, 27 Mar, 30 Mar,
    // 2 Apr": dates no calendar rounds to, the next month's 1st skipped. Restarted at each 1st (days 1, 3, 5… or
    // 1, 4, 7…), and the month's last dropped where it would sit nearer the next 1st than the step (31 March).
    expect(ticks('2024-03-25T00:00', '2024-04-05T00:00').step).toBe('2d');
    expect(texts('2024-03-25T00:00', '2024-04-05T00:00')).toEqual(['25 Mar 2024', '27 Mar', '29 Mar', '1 Apr', '3 Apr', '5 Apr']);
    expect(ticks('2024-03-20T12:00', '2024-04-09T00:00').step).toBe('3d');
    expect(texts('2024-03-20T12:00', '2024-04-09T00:00')).toEqual(['22 Mar 2024', '25 Mar', '28 Mar', '1 Apr', '4 Apr', '7 Apr']);
    // A leap February: 28 Feb is two days before 1 March, nearer than the step of 3, so it goes.
    expect(texts('2024-02-20T12:00', '2024-03-09T00:00')).toEqual(['22 Feb 2024', '25 Feb', '1 Mar', '4 Mar', '7 Mar']);
    expect(times('2024-03-25T00:00', '2024-04-05T00:00')[3]).toBe('2024-04-01T00:00');
    // 4 to 28 April: every 3 days is 9 ticks, Mondays (8, 15, 22) only 3, so every 5 days from the 1st.
    expect(ticks('2024-04-04T00:00', '2024-04-28T12:00').step).toBe('5d');
    expect(texts('2024-04-04T00:00', '2024-04-28T12:00')).toEqual(['6 Apr 2024', '11 Apr', '16 Apr', '21 Apr', '26 Apr']);
  });

  it('ticks 5 weeks on Mondays, the first with its year', () => {
    // 4 March 2024 was a Monday; the span starts after its midnight, so the first tick is the 11th.
    expect(ticks('2024-03-04T09:00', '2024-04-08T09:00').step).toBe('1w');
    expect(texts('2024-03-04T09:00', '2024-04-08T09:00')).toEqual(['11 Mar 2024', '18 Mar', '25 Mar', '1 Apr', '8 Apr']);
    expect(times('2024-03-04T09:00', '2024-04-08T09:00')).toEqual(['2024-03-11T00:00', '2024-03-18T00:00', '2024-03-25T00:00', '2024-04-01T00:00', '2024-04-08T00:00']);
  });

  it('ticks 8 months on month starts', () => {
    expect(ticks('2024-02-20T00:00', '2024-10-20T00:00').step).toBe('1M');
    expect(texts('2024-02-20T00:00', '2024-10-20T00:00')).toEqual(['Mar 2024', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct']);
    expect(times('2024-02-20T00:00', '2024-10-20T00:00')[0]).toBe('2024-03-01T00:00');
  });

  it('ticks 3 years on half-year starts, January by its year', () => {
    expect(ticks('2021-01-15T00:00', '2024-01-15T00:00').step).toBe('6M');
    expect(texts('2021-01-15T00:00', '2024-01-15T00:00')).toEqual(['Jul 2021', '2022', 'Jul', '2023', 'Jul', '2024']);
  });

  it('ticks 6 years on year starts', () => {
    expect(ticks('2018-03-01T00:00', '2024-03-01T00:00').step).toBe('1y');
    expect(texts('2018-03-01T00:00', '2024-03-01T00:00')).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    expect(times('2018-03-01T00:00', '2024-03-01T00:00')).toEqual(['2019', '2020', '2021', '2022', '2023', '2024'].map((y) => `${y}-01-01T00:00`));
  });

  it('names the new year where a span crosses one', () => {
    // Weeks: 1 January 2024 was a Monday, and says its year.
    expect(texts('2023-12-10T00:00', '2024-01-20T00:00')).toEqual(['11 Dec 2023', '18 Dec', '25 Dec', '1 Jan 2024', '8 Jan', '15 Jan']);
    // Months: January is the year.
    expect(texts('2023-10-01T00:00', '2024-03-01T00:00')).toEqual(['Oct 2023', 'Nov', 'Dec', '2024', 'Feb', 'Mar']);
    // Hours over New Year's midnight.
    expect(texts('2023-12-31T20:00', '2024-01-01T04:00')).toEqual(['31 Dec 20:00', '22:00', '1 Jan', '02:00', '04:00']);
  });

  it('takes a coarser step where a narrow axis cannot hold the labels apart', () => {
    const narrow = { ...BOX, width: 150 };
    const axis = ticks('2024-02-20T00:00', '2024-10-20T00:00', narrow);
    // Monthly, or every two months, "Apr 2024" (1 April, 25 px in) would run into the next label.
    expect(axis.step).toBe('3M');
    expect(axis.ticks.map((t) => t.text)).toEqual(['Apr 2024', 'Jul', 'Oct']);
  });

  it('gives 4 to 8 ticks whose labels never touch, on every span from an hour to a decade', () => {
    for (const start of [at('2023-11-17T07:23'), at('2020-01-01T00:00')]) {
      for (let span = 3_600_000; span < 12 * 365 * 86_400_000; span *= 1.1) {
        const axis = timeTicks(start, start + span, BOX);
        expect(axis.ticks.length, `${axis.step} over ${span} ms`).toBeGreaterThanOrEqual(4);
        expect(axis.ticks.length, `${axis.step} over ${span} ms`).toBeLessThanOrEqual(8);
        const extents = axis.ticks.map((t) => {
          const x = ((t.t - start) / span) * BOX.width;
          const w = t.text.length * BOX.charPx;
          expect(t.t).toBeGreaterThanOrEqual(start);
          expect(t.t).toBeLessThanOrEqual(start + span);
          const from = t.anchor === 'start' ? x : t.anchor === 'end' ? x - w : x - w / 2;
          expect(from).toBeGreaterThanOrEqual(-BOX.before);
          expect(from + w).toBeLessThanOrEqual(BOX.width + BOX.after);
          return [from, from + w] as const;
        });
        for (let i = 1; i < extents.length; i++) expect(extents[i]![0] - extents[i - 1]![1]).toBeGreaterThanOrEqual(2 * BOX.charPx);
      }
    }
  });

  it('ticks about 4 months on each month\'s 1st and 15th where 2 weeks give too many and months too few', () => {
    // 3 January to 30 April 2024: every other Monday is 9 ticks (8 Jan to 29 Apr), month starts only 3 (Feb,
    // Mar, Apr), so the 1st and the 15th, as a trader's charting tool marks a month's middle.
    expect(ticks('2024-01-03T00:00', '2024-04-30T00:00').step).toBe('0.5M');
    expect(texts('2024-01-03T00:00', '2024-04-30T00:00')).toEqual(['15 Jan 2024', '1 Feb', '15 Feb', '1 Mar', '15 Mar', '1 Apr', '15 Apr']);
    // Taken only so: where every other Monday gives 8 ticks they stay (10 January to 6 May).
    expect(ticks('2024-01-10T00:00', '2024-05-06T00:00').step).toBe('2w');
  });

  it('ticks 16 to 20 years every 4 years where 2 give too many and 5 too few', () => {
    // 2006 to 2024: even years are 9 ticks, 2010, 2015, 2020 only 3; every 4th year (2000, 2020…) keeps 2 years'
    // ticks, one in two.
    expect(ticks('2006-03-01T00:00', '2024-03-01T00:00').step).toBe('4y');
    expect(texts('2006-03-01T00:00', '2024-03-01T00:00')).toEqual(['2008', '2012', '2016', '2020', '2024']);
    // Taken only so: where 5 years give 4 ticks they stay (2004 to 2024: 2005, 2010, 2015, 2020).
    expect(ticks('2004-03-01T00:00', '2024-03-01T00:00').step).toBe('5y');
  });

  it('gives 4 to 8 ticks whose labels never touch from any start, on an 800 px axis, from an hour to a decade', () => {
    // Every span of an hour or more covers at least 4 round boundaries of some step (an hour holds 4 quarter
    // hours), so each must get 4 to 8 ticks. 400 starts, each at an odd minute, spread over 1995 to 2035 (the
    // golden ratio's multiples, so no two fall alike); spans from an hour to a decade 3% apart, then the two
    // ranges no step covered before, about 112 to 122 days and 16 to 20 years, closer.
    const box: TimeAxisBox = { width: 800, before: 64, after: 12, charPx: 7 };
    const day = 86_400_000;
    const starts = Array.from({ length: 400 }, (_, i) => at('1995-01-01T00:00') + Math.floor(((i * 0.618_033_988_7) % 1) * 40 * 365.25 * 1440) * 60_000 + 7 * 60_000);
    const spans: number[] = [];
    for (let span = 3_600_000; span <= 10 * 365.25 * day; span *= 1.03) spans.push(span);
    for (let days = 112; days <= 122; days += 0.5) spans.push(days * day);
    for (let years = 16; years <= 20; years += 0.25) spans.push(years * 365.25 * day);
    const wrong: string[] = [];
    for (const span of spans) {
      for (const start of starts) {
        const axis = timeTicks(start, start + span, box);
        const extents = axis.ticks.map((t) => {
          const x = ((t.t - start) / span) * box.width;
          const w = t.text.length * box.charPx;
          const from = t.anchor === 'start' ? x : t.anchor === 'end' ? x - w : x - w / 2;
          return [from, from + w] as const;
        });
        const touch = extents.some(([from], i) => i > 0 && from - extents[i - 1]![1] < 2 * box.charPx);
        if (axis.ticks.length < 4 || axis.ticks.length > 8 || touch) {
          wrong.push(`${new Date(start).toISOString()} + ${(span / day).toFixed(2)} d: ${axis.step} ${axis.ticks.map((t) => t.text).join(', ')}`);
        }
      }
    }
    expect(wrong.slice(0, 10), `${wrong.length} axes`).toEqual([]);
  });

  it('anchors a label at an end of the axis so it stays inside the chart', () => {
    const axis = ticks('2024-03-12T00:00', '2024-03-14T00:00');
    expect(axis.ticks.at(-1)).toEqual({ t: at('2024-03-14T00:00'), text: '14 Mar', anchor: 'end' });
  });

  it('gives a chart of one point its minute', () => {
    const t = at('2024-03-12T13:07:30');
    expect(timeTicks(t, t + 1, BOX).ticks).toEqual([{ t, text: '2024-03-12 13:07', anchor: 'middle' }]);
  });
});
