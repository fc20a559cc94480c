// The name a mistyped one most likely meant, for "did you mean …?" in a refusal: a flag (`--dat`), a
// subcommand, a strategy (`sma-cros`), a strategy's parameter (`rsiperiod` for rsiPeriod), a field of a
// strategy file. One measure everywhere, so every refusal guesses the same way.

/** Letters to change, add, drop or swap (adjacent) to turn `a` into `b` (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The one of `names` that `typed` is nearest to: the same but for letter case, else at most two letters
 * apart (one for a name of up to four; the nearest, the first of a tie), else the only name it is the start
 * of. Null when none is close.
 */
export function nearestName(typed: string, names: readonly string[]): string | null {
  if (typed === '') return null;
  const lower = typed.toLowerCase();
  const sameLetters = names.find((n) => n.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  let best: string | null = null;
  // Two slips in a short name leave little of it: "foo" is two letters from "low", and means nothing by it.
  let bestDistance = lower.length <= 4 ? 2 : 3;
  for (const name of names) {
    const d = editDistance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  if (best !== null) return best;
  const starts = names.filter((n) => n.toLowerCase().startsWith(lower));
  return starts.length === 1 ? starts[0]! : null;
}

/** " (did you mean X?)" after the name a refusal quotes, or nothing when no name is close. */
export function didYouMean(typed: string, names: readonly string[]): string {
  const near = nearestName(typed, names);
  return near === null ? '' : ` (did you mean ${near}?)`;
}
