// Where a chart's value axis gets its ticks: at round numbers (1, 2, 2.5 or 5 times a power of ten) inside
// the range, as a trader's charting tool places them, not at the range's quarters, whose labels come out
// as 12,281 / 11,245 / … and, rounded to the label's decimals, as the same text twice (-0.3%, -0.3%).
// Shared: the HTML report's charts (svg-chart.ts) and the backtest page's plots (plot-axes.ts) tick alike.
import { enNumber } from '../domain/en-number.ts';

export interface Ticks {
  /** The tick values, ascending, every one inside [lo, hi]. */
  values: number[];
  /** Decimals that tell every tick apart (0 for a whole-number step). */
  decimals: number;
}

const MANTISSAS = [1, 2, 2.5, 5] as const;

/**
 * The widest round step that still puts `least` ticks inside [lo, hi]: with the default 4, from 4 to 7
 * ticks, as many as a chart a couple of hundred pixels tall labels without crowding.
 */
export function niceTicks(lo: number, hi: number, least = 4): Ticks {
  const range = hi - lo;
  if (!(range > 0) || !Number.isFinite(range)) return { values: Number.isFinite(lo) ? [lo] : [], decimals: 0 };
  // Start a little under range / least and walk up while the next step still leaves `least` ticks.
  let exp = Math.floor(Math.log10(range / least)) - 1;
  let at = 0;
  const count = (e: number, m: number) => {
    const step = MANTISSAS[m]! * 10 ** e;
    return Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  };
  for (;;) {
    const nextM = at === MANTISSAS.length - 1 ? 0 : at + 1;
    const nextE = at === MANTISSAS.length - 1 ? exp + 1 : exp;
    if (count(nextE, nextM) < least) break;
    at = nextM;
    exp = nextE;
  }
  const step = MANTISSAS[at]! * 10 ** exp;
  const decimals = Math.max(0, -exp + (MANTISSAS[at] === 2.5 ? 1 : 0));
  const values: number[] = [];
  // Indices times the step, rounded to the decimals: repeated additions drift (0.1 + 0.2 is not 0.3).
  for (let k = Math.ceil(lo / step - 1e-9); k <= Math.floor(hi / step + 1e-9); k++) values.push(k === 0 ? 0 : Number((k * step).toFixed(Math.min(decimals, 100))));
  return { values, decimals };
}

/** A plot's value range and its round ticks (niceTicks), with the decimals their labels need. */
export interface Axis {
  min: number;
  max: number;
  ticks: number[];
  decimals: number;
}

/** A fitted axis's margin beyond its values, each side, as a share of their span: room for a dot's or marker's size. */
const FIT_PAD = 0.06;

export interface FitOptions {
  /**
   * Pads past an end at exactly 0 too, as past any other: a scatter's dots at 0 (trades that never went
   * against them) need room there, or they sit half cut on the frame. Without it (a bar chart's axis) an
   * end at 0 is a baseline the bars stand on, not padded past.
   */
  padZero?: boolean;
}

/**
 * An axis fitted to the values: from `lo` to `hi` and a little padding, with round ticks inside it
 * (niceTicks), so a value just past a round step does not stretch the axis by most of a step (-34 % to
 * 270 % once read -200 % to 600 % on steps of 200). An end at exactly 0 is a baseline, not padded past
 * (bars stand on it), unless the caller draws dots there (`padZero`). One way of fitting for the app's plots
 * (plot-axes.ts) and the HTML report's scatter (svg-chart.ts), so the same chart ticks alike on both.
 */
export function fitAxis(lo: number, hi: number, { padZero = false }: FitOptions = {}): Axis {
  if (!(hi > lo)) {
    // One value: a span around it (0 alone reads from -1 to 1), never an axis of no height.
    const d = lo === 0 ? 1 : Math.abs(lo) / 10;
    [lo, hi] = [lo - d, hi + d];
  }
  const span = hi - lo;
  const min = lo === 0 && !padZero ? 0 : lo - span * FIT_PAD;
  const max = hi === 0 && !padZero ? 0 : hi + span * FIT_PAD;
  const t = niceTicks(min, max);
  return { min, max, ticks: t.values, decimals: t.decimals };
}

/**
 * A tick's label as the tables write numbers: grouped by thousands, en-US ("12,000", "1,250.5"), with the
 * decimals that tell the ticks apart. Every plot's ticks, the app's and the HTML report's, read through it.
 */
export const tickText = (v: number, decimals: number): string => enNumber(v, decimals, decimals);

/** A percent tick: "-2.5%", "1,200%". */
export const pctTickText = (v: number, decimals: number): string => `${tickText(v, decimals)}%`;

/** How many times its lowest value a chart's highest must be for `autoLog` to draw it on a log scale. */
export const LOG_RATIO = 10;

/**
 * Whether values from lo to hi read better on a log scale: all above 0 and the highest at least LOG_RATIO
 * times the lowest. An account that fell to 8,000 beside a buy and hold that rose to 350,000 is a flat line
 * along the bottom of a linear axis; on a log one each gridline step is the same percent move, and both read.
 */
export function autoLog(lo: number, hi: number): boolean {
  return lo > 0 && Number.isFinite(hi) && hi / lo >= LOG_RATIO;
}

/**
 * The lowest and highest finite values of a chart's curves (each a list of [time, value]); null when they
 * have none. What `autoLog` is asked about: the HTML report's lines (svg-chart.ts wantsLog) and the app's
 * curves (log-scale.ts) are scanned alike, so both decide the same chart the same way.
 */
export function valueRange(curves: readonly (readonly (readonly [number, number])[])[]): { lo: number; hi: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of curves) for (const [, v] of c) if (Number.isFinite(v)) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : null;
}

/**
 * A log axis's ticks from lo to hi (both above 0): 1, 2 and 5 times each power of ten inside, or the powers
 * alone when those would be more than `most`, as a charting tool's log scale labels them.
 */
export function logTicks(lo: number, hi: number, most = 8): Ticks {
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return { values: lo > 0 ? [lo] : [], decimals: 0 };
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const within = (mantissas: readonly number[]) => {
    const out: { v: number; e: number }[] = [];
    for (let e = e0; e <= e1; e++) for (const m of mantissas) {
      // Rounded to the power's decimals: 2 * 10 ** -3 is 0.0020000000000000005.
      const v = Number((m * 10 ** e).toFixed(Math.max(0, -e)));
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push({ v, e });
    }
    return out;
  };
  let ticks = within([1, 2, 5]);
  if (ticks.length > most) ticks = within([1]);
  // Powers alone still too many (an axis over many decades): every other, every third... of them.
  const every = Math.ceil(ticks.length / most);
  if (every > 1) ticks = ticks.filter((t) => (t.e - e0) % every === 0);
  return { values: ticks.map((t) => t.v), decimals: Math.max(0, ...ticks.map((t) => -t.e)) };
}
