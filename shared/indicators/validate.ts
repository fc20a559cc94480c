// Argument checks shared by every indicator. A bad period or multiplier is a programming error, so
// it throws a RangeError that says what is valid; bad data (NaN, empty, too short) never throws.

/** Periods above this are refused: streaming forms allocate a ring of `period` slots. */
export const MAX_PERIOD = 1_000_000;

export function checkPeriod(indicator: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PERIOD) {
    throw new RangeError(`${indicator}: ${name} must be a whole number from 1 to ${MAX_PERIOD}, got ${String(value)}`);
  }
}

export function checkMultiplier(indicator: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${indicator}: ${name} must be a finite number of 0 or more, got ${String(value)}`);
  }
}

/** Multi-input indicators need one value per bar in every input. */
export function checkSameLength(indicator: string, names: string, ...arrays: ArrayLike<number>[]): number {
  const n = arrays[0]!.length;
  for (const a of arrays) {
    if (a.length !== n) throw new RangeError(`${indicator}: ${names} must have the same length, got ${arrays.map((x) => x.length).join(', ')}`);
  }
  return n;
}

/** The caller's output array (reused to avoid allocation) or a new one; it must match the input length. */
export function outputArray(indicator: string, n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) throw new RangeError(`${indicator}: output array has length ${out.length}, the input has ${n}`);
  return out;
}
