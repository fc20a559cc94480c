// Comparison helpers for the indicator tests: a mismatch names its index and both numbers.
import { expect } from 'vitest';

/** Index of the first non-NaN value, or -1. */
export function firstValue(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (a[i] === a[i]) return i;
  return -1;
}

/**
 * Same NaN positions, and every other value within `rel` relative error of the reference. The error is
 * taken relative to max(|reference|, floor): an oscillator that is exactly 0 in one library and 1e-14 in
 * the other (both from running sums) agrees to 1e-9 of its 0..100 scale, not of 0.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, rel = 1e-9, floor = 0): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (e !== e || a !== a) {
      if ((e !== e) !== (a !== a)) expect.fail(`${label}[${i}]: Keel ${a}, reference ${e} (NaN in only one)`);
      continue;
    }
    const err = Math.abs(a - e) / Math.max(Math.abs(e), floor, Number.MIN_VALUE);
    if (err > rel) expect.fail(`${label}[${i}]: Keel ${a}, reference ${e}, relative error ${err.toExponential(2)} > ${rel}`);
  }
}

/** Bit-for-bit the same numbers (NaN equal to NaN). */
export function expectIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${label}[${i}]: ${actual[i]} but expected ${expected[i]}`);
  }
}

/** NaN exactly at `indices` and nowhere else among `from..` — for warm-up and NaN-window checks. */
export function nanIndices(a: ArrayLike<number>): number[] {
  const r: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) r.push(i);
  return r;
}

/** A copy of `a` with NaN written at `at`. */
export function withNaN(a: Float64Array, at: number[]): Float64Array {
  const b = Float64Array.from(a);
  for (const i of at) b[i] = NaN;
  return b;
}

/** `a` without the bars at `at` (what a "missing bar" indicator should see). */
export function without(a: Float64Array, at: number[]): Float64Array {
  const skip = new Set(at);
  return Float64Array.from(Array.from(a).filter((_, i) => !skip.has(i)));
}

/** Spread `compact` back over `n` bars, NaN at `at`: the inverse of without(). */
export function expand(compact: Float64Array, n: number, at: number[]): Float64Array {
  const skip = new Set(at);
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) out[i] = skip.has(i) ? NaN : compact[j++]!;
  return out;
}

/**
 * Feeds a series through a streaming indicator the way a live chart does — every bar first appears as
 * a forming candle (`forming` values), is replaced once more mid-bar, then with its final values — and
 * through a second stream with add() only. Both must give, bar by bar, exactly `expected`.
 */
export function expectStreamMatches<S>(
  label: string,
  n: number,
  make: () => S,
  feed: (s: S, i: number, how: 'add' | 'replace', stage: 'forming' | 'final') => number,
  read: (s: S) => number[],
  expected: ArrayLike<number>[],
): void {
  const live = make();
  const closed = make();
  const got = expected.map(() => new Float64Array(n));
  const gotClosed = expected.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    feed(live, i, 'add', 'forming');
    feed(live, i, 'replace', 'forming');
    const ret = feed(live, i, 'replace', 'final');
    const r = read(live);
    if (!Object.is(ret, r[0])) expect.fail(`${label}: replace() returned ${ret}, not the first output ${r[0]}, at bar ${i}`);
    for (let k = 0; k < r.length; k++) got[k]![i] = r[k]!;
    const ret2 = feed(closed, i, 'add', 'final');
    const r2 = read(closed);
    if (!Object.is(ret2, r2[0])) expect.fail(`${label}: add() returned ${ret2}, not the first output ${r2[0]}, at bar ${i}`);
    for (let k = 0; k < r2.length; k++) gotClosed[k]![i] = r2[k]!;
  }
  expected.forEach((e, k) => {
    expectIdentical(got[k]!, e, `${label} stream with replace(), output ${k}`);
    expectIdentical(gotClosed[k]!, e, `${label} stream with add() only, output ${k}`);
  });
}
