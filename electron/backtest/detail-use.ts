// Which of a --detail-data file's finer bars a run uses: those inside its bars. A file that starts before
// the run's first bar (or, read from the journal, ends after its last) holds bars no fill ever walks, and
// "fills inside those bars from 3,000 1m candles" counting them told the trader more minutes decided the
// fills than did.

export interface DetailSpan {
  count: number;
  /** The first unused bar's open and the last one's close. */
  from: number;
  to: number;
}

export interface DetailUse {
  /** Finer bars inside one of the run's bars: the ones fills walk. */
  used: number;
  /** Before the run's first bar opens, and from its last bar's close on; null: none. */
  before: DetailSpan | null;
  after: DetailSpan | null;
  /** In gaps between the run's bars (none of its bars open there). */
  between: number;
}

const spanOf = (t: ArrayLike<number>, from: number, to: number, detailMs: number): DetailSpan | null => (to > from ? { count: to - from, from: t[from]!, to: t[to - 1]! + detailMs } : null);

/** `main` and `detail`: bar open times, ascending. */
export function detailUse(main: ArrayLike<number>, barMs: number, detail: ArrayLike<number>, detailMs: number): DetailUse {
  const n = detail.length;
  if (main.length === 0) return { used: 0, before: spanOf(detail, 0, n, detailMs), after: null, between: 0 };
  const first = main[0]!;
  const end = main[main.length - 1]! + barMs;
  let lo = 0;
  while (lo < n && detail[lo]! < first) lo++;
  let hi = lo;
  let used = 0;
  let i = 0;
  for (; hi < n && detail[hi]! < end; hi++) {
    const t = detail[hi]!;
    while (main[i]! + barMs <= t) i++;
    if (t >= main[i]!) used++;
  }
  return { used, before: spanOf(detail, 0, lo, detailMs), after: spanOf(detail, hi, n, detailMs), between: hi - lo - used };
}

const count = (n: number) => n.toLocaleString('en-US');
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');

/** keel backtest's line on the finer bars: the count it uses, then the ones it does not, when there are any. */
export function detailUseLine(use: DetailUse, timeframe: string, source: string): string {
  const unused = [
    use.before && `${count(use.before.count)} before the run's first bar (${iso(use.before.from)} to ${iso(use.before.to)})`,
    use.between > 0 && `${count(use.between)} in gaps between its bars`,
    use.after && `${count(use.after.count)} after its last bar's close (${iso(use.after.from)} to ${iso(use.after.to)})`,
  ].filter(Boolean);
  return `fills inside those bars from ${count(use.used)} ${timeframe} candles from ${source}${unused.length ? `; not used, outside the run's bars: ${unused.join(', ')}` : ''}`;
}
