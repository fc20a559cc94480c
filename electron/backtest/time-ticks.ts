// Where the HTML report's time axes get their ticks: on round UTC boundaries picked for the span (the half
// hour, 6 h, midnight, days counted from each month's 1st, Mondays, a month's 1st and 15th, month, quarter
// and year starts), labelled for the step ("14:00", "12 Mar",
// "Mar", "2024"), as a trader's charting tool places them. The span's quarters, ticked before, fell on
// times nobody reads by ("2024-03-17 05:42") and put the same date under two ticks of a short span.
// Pure: the ticks depend on the axis's ends and width only, never on the data (a hole in it moves nothing).
import { utcMinute } from '../../shared/backtest/hold-time.ts';

export interface TimeTick {
  /** The tick's time, ms since the epoch: a round boundary of the step, inside the span. */
  t: number;
  text: string;
  /** How its label is anchored at the tick: centred, unless that would run it past the room there is. */
  anchor: 'start' | 'middle' | 'end';
}

export interface TimeAxis {
  /** The step picked, for a reader and the tests: "30m", "6h", "1d", "1w", "3M", "1y"… */
  step: string;
  ticks: TimeTick[];
}

export interface TimeAxisBox {
  /** Px from the span's start to its end. */
  width: number;
  /** Px a label may use left of the span's start and right of its end (the chart's margins). */
  before: number;
  after: number;
  /** About the width of one character of the labels, px. */
  charPx: number;
  /** The most ticks wanted: the finest step that gives no more (and whose labels do not touch) is taken. */
  most?: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weeks are counted from the Monday after it, as trading charts start them. */
const MONDAY = 4 * DAY;
/** The fewest ticks wanted where some step gives them. */
const LEAST = 4;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

type Kind = 'clock' | 'day' | 'month' | 'year';

interface Step {
  name: string;
  kind: Kind;
  /** About how long it is, to skip a step that would give thousands of ticks before listing them. */
  approx: number;
  /** Its boundaries inside [t0, t1], ascending. */
  list: (t0: number, t1: number) => number[];
}

/** A fixed-length step, its boundaries at whole multiples of it counted from `from`. */
function fixed(name: string, kind: Kind, ms: number, from = 0): Step {
  return {
    name,
    kind,
    approx: ms,
    list: (t0, t1) => {
      const out: number[] = [];
      for (let t = Math.ceil((t0 - from) / ms) * ms + from; t <= t1; t += ms) out.push(t);
      return out;
    },
  };
}

/**
 * Every `k` days from each month's 1st (days 1, 3, 5… or 1, 4, 7…), as a trader's charting tool steps them:
 * counted from 1970 they fell on days no calendar rounds to ("2, 5, 8 Mar") and skipped the next 1st. A
 * month's last is left out where it would sit nearer the next 1st than `k` days, so no two labels crowd.
 */
function daysInMonth(k: number): Step {
  return {
    name: `${k}d`,
    kind: 'day',
    approx: k * DAY,
    list: (t0, t1) => {
      const d = new Date(t0);
      const out: number[] = [];
      for (let m = d.getUTCFullYear() * 12 + d.getUTCMonth(); ; m++) {
        const start = Date.UTC(Math.floor(m / 12), m % 12, 1);
        if (start > t1) return out;
        const next = Date.UTC(Math.floor((m + 1) / 12), (m + 1) % 12, 1);
        for (let t = start; next - t >= k * DAY && t <= t1; t += k * DAY) if (t >= t0) out.push(t);
      }
    },
  };
}

/**
 * Each month's 1st and 15th, as a trader's charting tool marks a month's middle between its starts: a fixed
 * 15 days from each 1st would drop February's 16th (13 days before 1 March), and from 1970 fall anywhere.
 */
function halfMonths(): Step {
  return {
    name: '0.5M',
    kind: 'day',
    approx: 15.22 * DAY,
    list: (t0, t1) => {
      const d = new Date(t0);
      const out: number[] = [];
      for (let m = d.getUTCFullYear() * 12 + d.getUTCMonth(); ; m++) {
        for (const day of [1, 15]) {
          const t = Date.UTC(Math.floor(m / 12), m % 12, day);
          if (t > t1) return out;
          if (t >= t0) out.push(t);
        }
      }
    },
  };
}

/** Month starts every `k` months, counted from January (k of 3: quarter starts). */
function months(k: number): Step {
  return {
    name: `${k}M`,
    kind: 'month',
    approx: k * 30.44 * DAY,
    list: (t0, t1) => {
      const d = new Date(t0);
      let m = d.getUTCFullYear() * 12 + d.getUTCMonth();
      if (Date.UTC(Math.floor(m / 12), m % 12, 1) < t0) m++;
      m = Math.ceil(m / k) * k;
      const out: number[] = [];
      for (let t = Date.UTC(Math.floor(m / 12), m % 12, 1); t <= t1; m += k, t = Date.UTC(Math.floor(m / 12), m % 12, 1)) out.push(t);
      return out;
    },
  };
}

/** Year starts every `k` years (k of 5: 2020, 2025…; k of 4: 2016, 2020, every other tick of k of 2). */
function years(k: number): Step {
  return {
    name: `${k}y`,
    kind: 'year',
    approx: k * 365.25 * DAY,
    list: (t0, t1) => {
      let y = new Date(t0).getUTCFullYear();
      if (Date.UTC(y, 0, 1) < t0) y++;
      y = Math.ceil(y / k) * k;
      const out: number[] = [];
      for (let t = Date.UTC(y, 0, 1); t <= t1; y += k, t = Date.UTC(y, 0, 1)) out.push(t);
      return out;
    },
  };
}

/**
 * Finest first, but for the few taken only where the step before and the step after them both miss 4 to 8
 * ticks. Each next step is at most about three times the last, or has such a filler between, so some step
 * gives 4 to 8 ticks.
 */
const STEPS: readonly Step[] = [
  ...[1, 2, 5, 10, 15, 30].map((m) => fixed(`${m}m`, 'clock', m * MIN)),
  ...[1, 2, 3, 6, 12].map((h) => fixed(`${h}h`, 'clock', h * HOUR)),
  fixed('1d', 'day', DAY),
  // 2 and 3 days restart at each month's 1st, as months do at January.
  ...[2, 3].map(daysInMonth),
  fixed('1w', 'day', WEEK, MONDAY),
  // Only where Mondays give fewer than 4 ticks and every 3 days more than 8 (a span of 24 to 28 days): taken
  // after the weeks, as the first step with 4 to 8 ticks, never before them.
  daysInMonth(5),
  fixed('2w', 'day', 2 * WEEK, MONDAY),
  months(1),
  // Only where every other Monday gives more than 8 ticks and month starts fewer than 4 (a span of about 112 to
  // 122 days, or one whose 2-week labels touch at a new year's), so taken after the months, as the 5 days are.
  halfMonths(),
  ...[2, 3, 6].map(months),
  ...[1, 2, 5].map(years),
  // Only where even years give more than 8 ticks and every 5th year fewer than 4 (a span of 16 to 20 years).
  years(4),
  ...[10, 20, 50, 100, 200, 500, 1000].map(years),
];

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
const dayMonth = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;

/**
 * The labels of one step's ticks: the least that tells them apart ("14:00", "12 Mar", "Mar", "2024"), and
 * the larger unit where it is new, so a reader never has to guess the day or the year: at midnight its date
 * ("13 Mar"), at a year's first tick its year ("1 Jan 2024", January as "2024"), and the first tick all it
 * needs ("12 Mar 14:00", "Mar 2024").
 */
function labels(kind: Kind, ts: readonly number[]): string[] {
  return ts.map((t, i) => {
    const d = new Date(t);
    const prev = i > 0 ? new Date(ts[i - 1]!) : undefined;
    const newYear = prev === undefined || prev.getUTCFullYear() !== d.getUTCFullYear();
    switch (kind) {
      case 'clock':
        if (t % DAY === 0) return dayMonth(d);
        return prev === undefined ? `${dayMonth(d)} ${clock(d)}` : clock(d);
      case 'day':
        return newYear ? `${dayMonth(d)} ${d.getUTCFullYear()}` : dayMonth(d);
      case 'month':
        if (d.getUTCMonth() === 0) return String(d.getUTCFullYear());
        return prev === undefined ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()]!;
      case 'year':
        return String(d.getUTCFullYear());
    }
  });
}

/**
 * The ticks of a time axis from t0 to t1 drawn `box.width` px wide: the first step of STEPS (finest first)
 * that gives 4 to `most` (8) ticks whose labels, each anchored as it fits, keep clear of each other by two
 * characters; where none gives 4, the first that gives at most `most`.
 */
export function timeTicks(t0: number, t1: number, box: TimeAxisBox): TimeAxis {
  const most = box.most ?? 8;
  const span = t1 - t0;
  const px = (t: number) => (span > 0 ? ((t - t0) / span) * box.width : 0);
  const lay = (ts: readonly number[], texts: readonly string[]) =>
    ts.map((t, i): TimeTick & { from: number; to: number } => {
      const x = px(t);
      const w = texts[i]!.length * box.charPx;
      const anchor = x - w / 2 < -box.before ? 'start' : x + w / 2 > box.width + box.after ? 'end' : 'middle';
      const from = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      return { t, text: texts[i]!, anchor, from, to: from + w };
    });
  // The first step with at least `least` ticks: 4 where one gives them (the 5 days, half months and 4 years,
  // each listed after the coarser step beside it, are taken only so), else any, as a span too short for 4
  // round boundaries has fewer.
  const pick = (least: number): TimeAxis | null => {
    for (const step of STEPS) {
      if (span / step.approx > most + 1) continue;
      const ts = step.list(t0, t1);
      if (ts.length < least || ts.length > most) continue;
      const laid = lay(ts, labels(step.kind, ts));
      if (laid.some((l, i) => i > 0 && l.from - laid[i - 1]!.to < 2 * box.charPx)) continue;
      return { step: step.name, ticks: laid.map(({ t, text, anchor }) => ({ t, text, anchor })) };
    }
    return null;
  };
  const picked = span > 0 ? (pick(Math.min(LEAST, most)) ?? pick(1)) : null;
  if (picked) return picked;
  // A span too short to hold any round boundary (a chart of one point): its minute.
  const [only] = lay([t0], [utcMinute(t0)]);
  return { step: 'none', ticks: [{ t: only!.t, text: only!.text, anchor: only!.anchor }] };
}
