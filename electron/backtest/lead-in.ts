// The warm-up before a run's first bar. A backtest from --from 2024-03-01 of an SMA 30 strategy should
// trade on 1 March, as the strategy would live with its history loaded, not sit out 30 bars while its
// averages fill (freqtrade's startup candles, Jesse's warm-up candles). So the loaders keep the bars just
// before the range as the columns' `lead`, and a run's indicators (and the history its strategy reads)
// start that many bars early: the last W of them, W the strategy's warm-up with the run's parameters, so
// every run of a set reads the same bars whatever else was loaded beside it. The strategy's onBar first
// hears the range's first bar; nothing trades, and no equity is counted, before it.
//
// A stretch of the range (a search's in-sample and held-out parts, a walk-forward's folds) has the bars
// before it as its lead, the range's own and then the range's lead (sliceColumns): its indicators are
// valued from its first bar, as a strategy re-optimized live would compute them over the history it has.
// The lead is a chain (a stretch's lead has a lead of its own); runs read the last W bars along it, without
// copying when those bars lie just before the columns in the same memory.
import { columnsBetween, type CandleColumns } from '../journal/candle-columns.ts';
import { historyOver, type BarHistoryControl, type ColumnSet, type IndicatorPlan } from '../strategies/bar-history.ts';
import { findStrategy, usesWarmup, warmupOf } from '../strategies/registry.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

const FIELDS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

/** Every bar before the columns along their lead's chain. */
export function leadLength(c: CandleColumns): number {
  let n = 0;
  for (let l = c.lead; l !== undefined; l = l.lead) n += l.length;
  return n;
}

/** How many of the columns' lead bars a run with warm-up `warmup` reads (fewer when the data has fewer). */
export function leadInBars(c: CandleColumns, warmup: number): number {
  return warmup <= 0 ? 0 : Math.min(warmup, leadLength(c));
}

/** Whether `bars` elements of memory just before `a` are `b`'s last ones: one buffer, `b` ending where `a` starts. */
function endsAt(b: Float64Array, a: Float64Array): boolean {
  return b.buffer === a.buffer && b.byteOffset + b.length * 8 === a.byteOffset;
}

/**
 * The columns with the last `bars` bars of their lead before them, as one set of arrays the indicators run
 * over, and its length: views of the same memory when the lead lies just before the columns (a file's
 * bars, a stretch of the range), a copy otherwise; the columns themselves for none.
 */
export function joinLeadIn(c: CandleColumns, bars: number): { cols: ColumnSet; length: number } {
  const lead = c.lead;
  if (bars <= 0 || lead === undefined) return { cols: c, length: c.length };
  const length = bars + c.length;
  const cols = {} as ColumnSet;
  if (lead.length >= bars && FIELDS.every((f) => endsAt(lead[f].subarray(0, lead.length), c[f]))) {
    for (const f of FIELDS) cols[f] = new Float64Array(c[f].buffer, c[f].byteOffset - bars * 8, length);
    return { cols, length };
  }
  for (const f of FIELDS) {
    const a = new Float64Array(length);
    a.set(c[f].subarray(0, c.length), bars);
    // Back along the chain: the nearest lead's last bars first.
    let at = bars;
    for (let l: CandleColumns | undefined = lead; l !== undefined && at > 0; l = l.lead) {
      const take = Math.min(at, l.length);
      a.set(l[f].subarray(l.length - take, l.length), at - take);
      at -= take;
    }
    cols[f] = a;
  }
  return { cols, length };
}

/**
 * The history a run's strategy reads over the columns: the lead bars its warm-up needs already closed
 * (visible to it, as a live strategy's loaded history is), the range's bars still to come. `lead` is how
 * many bars came before the range's first: that bar's index in the history.
 */
export function runHistory(c: CandleColumns, plan: IndicatorPlan & { barMs: number }): { control: BarHistoryControl; lead: number; warmup: number } {
  const warmup = usesWarmup(plan.uses, plan.barMs);
  const lead = leadInBars(c, warmup);
  const joined = joinLeadIn(c, lead);
  const control = historyOver(joined.cols, joined.length, plan);
  for (let k = 0; k < lead; k++) control.advance();
  return { control, lead, warmup };
}

/** The last `bars` bars of `all` before index `at`, as a lead for the columns from `at` on (zero-copy), or undefined. */
export function leadBefore(all: CandleColumns, at: number, bars: number): CandleColumns | undefined {
  const from = Math.max(0, at - bars);
  if (from >= at) return undefined;
  return columnsBetween(all, from, at);
}

/**
 * The most bars before the range any of these runs reads, on bars `barMs` long: what the loaders keep (for
 * a search, its largest set's warm-up, so each set reads its own W of them, as its run alone would).
 */
export function leadBarsFor(runs: readonly { strategy: string; params: Record<string, number> }[], barMs: number): number {
  let most = 0;
  for (const r of runs) most = Math.max(most, warmupOf(findStrategy(r.strategy), r.params, barMs));
  return most;
}

/**
 * What a run says when the data before its range is shorter than the strategy's warm-up: from which bar of
 * the range its indicators have values, or that they never do, the range being too short for the rest of
 * it. Null when the lead covers the warm-up, or when the range starts where the data does and is longer
 * than the warm-up (no lead was cut off, and the strategy warms up on the range's first bars as it would on
 * any history: nothing to explain).
 */
export function shortLeadNote(strategy: string, c: CandleColumns, warmup: number): string | null {
  const have = leadLength(c);
  if (have >= warmup || c.length === 0) return null;
  const from = warmup - have + 1;
  const never = from > c.length;
  if (c.lead === undefined && !never) return null;
  const before = c.lead === undefined ? 'none' : String(have);
  const valued = never
    ? ` and the range holds only ${c.length} bar${c.length === 1 ? '' : 's'}, so they never have values and it cannot trade: give a longer range`
    : `, so they have values from the range's bar ${from} on`;
  return `${strategy} needs ${warmup} bars before its first for its indicators; the data has ${before} before ${isoTime(c.t[0]!)}${valued}`;
}
