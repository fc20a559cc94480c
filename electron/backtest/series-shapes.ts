// Shapes of a run's curves for reports and the UI: drawdown per bar, monthly returns, and curves thinned
// to a drawable number of points (keeping each bucket's extremes, so no peak or trough disappears).

/** Drawdown at each bar, percent below the running peak (0 at a peak, negative below). */
export function drawdownSeries(equity: ArrayLike<number>, start: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = start;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    out[i] = peak > 0 ? (e / peak - 1) * 100 : 0;
  }
  return out;
}

export interface MonthlyReturn {
  /** "2023-03". */
  month: string;
  year: number;
  /** 1..12. */
  m: number;
  returnPct: number;
}

/** Return of each UTC calendar month, from the equity at the previous month's last bar (or the start). */
export function monthlyReturns(t: ArrayLike<number>, equity: ArrayLike<number>, start: number): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  let prev = start;
  const n = equity.length;
  let i = 0;
  while (i < n) {
    // One Date per month, not per bar: the month's span is found once, then its bars are walked.
    const d = new Date(t[i]!);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    const from = Date.UTC(year, month, 1);
    const until = Date.UTC(year, month + 1, 1);
    let last = i;
    while (last + 1 < n && t[last + 1]! >= from && t[last + 1]! < until) last++;
    const e = equity[last]!;
    const m = month + 1;
    out.push({ month: `${year}-${String(m).padStart(2, '0')}`, year, m, returnPct: prev > 0 ? (e / prev - 1) * 100 : 0 });
    prev = e;
    i = last + 1;
  }
  return out;
}

/**
 * At most ~`max` points of (t, v): the series split into buckets, each giving its first point and its
 * lowest and highest, in time order. Short series come back whole.
 */
export function thin(t: ArrayLike<number>, v: ArrayLike<number>, max: number): [number, number][] {
  const n = v.length;
  if (n <= max) {
    const all: [number, number][] = [];
    for (let i = 0; i < n; i++) all.push([t[i]!, v[i]!]);
    return all;
  }
  const buckets = Math.max(1, Math.floor(max / 3));
  const size = n / buckets;
  const out: [number, number][] = [];
  for (let b = 0; b < buckets; b++) {
    const a = Math.floor(b * size);
    const e = Math.min(n, Math.floor((b + 1) * size));
    let lo = a;
    let hi = a;
    for (let i = a; i < e; i++) {
      if (v[i]! < v[lo]!) lo = i;
      if (v[i]! > v[hi]!) hi = i;
    }
    // Three points per bucket, evenly spread when the extremes coincide: charts that space points by
    // index (lightweight-charts) then keep time even across calm and busy stretches.
    const set = new Set([a, lo, hi]);
    for (let k = 1; set.size < 3 && k < 3; k++) set.add(Math.min(e - 1, a + Math.floor(((e - a) * k) / 3)));
    const picks = [...set].sort((x, y) => x - y);
    for (const i of picks) out.push([t[i]!, v[i]!]);
  }
  const last = n - 1;
  if (out[out.length - 1]![0] !== t[last]!) out.push([t[last]!, v[last]!]);
  return out;
}

/**
 * `thin` over consecutive segments of one curve (a walk-forward's stitched folds), each given its share of
 * `max` by length: every segment keeps its first point, so where one fold hands over to the next stays on
 * the thinned curve.
 */
/**
 * A second curve over the same bars at the points another was thinned to: `v` at each of `at`'s times
 * (ascending, each one of `t`'s). A benchmark drawn beside the equity then shares its points exactly.
 */
export function sampleAt(t: ArrayLike<number>, v: ArrayLike<number>, at: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = new Array(at.length);
  let i = 0;
  for (let k = 0; k < at.length; k++) {
    const time = at[k]![0];
    while (i < t.length - 1 && t[i]! < time) i++;
    if (t[i] !== time) throw new RangeError(`no bar at ${time} in the curve to sample`);
    out[k] = [time, v[i]!];
  }
  return out;
}

export function thinSegments(curve: readonly (readonly [number, number])[], lengths: readonly number[], max: number): [number, number][] {
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total !== curve.length) throw new RangeError(`segments of ${total} points for a curve of ${curve.length}`);
  const out: [number, number][] = [];
  let at = 0;
  for (const n of lengths) {
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) [t[i], v[i]] = curve[at + i]!;
    out.push(...thin(t, v, Math.max(3, Math.round((max * n) / Math.max(1, total)))));
    at += n;
  }
  return out;
}
