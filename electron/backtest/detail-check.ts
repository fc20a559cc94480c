// What a run's lower-timeframe detail (keel backtest --detail 1m, the page's "Fills inside bars") really
// decided: the main bars it covered, and whether it is the same market as those bars. A trader who asks
// for 1m detail on four years of 1h bars, with 1m bars for three weeks of them, would otherwise read the
// whole run as decided minute by minute; and 1m bars of another price (a spot market's trades under a
// futures mark price) move fills and refuse entries sized on the main bar's close, without a word.
import { TIMEFRAME_NAMES, timeframeMs } from '../../shared/domain/timeframe.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';

type Bars = Pick<CandleColumns, 't' | 'h' | 'l' | 'c' | 'length'>;

export interface DetailCheck {
  /** Main bars in the run. */
  bars: number;
  /** Main bars with at least one detail bar inside: the broker walked their detail. */
  covered: number;
  /** Covered bars whose detail has gaps (fewer detail bars than the main bar holds). */
  partial: number;
  /** The first and last covered main bar's open; null when none is covered (the notes say the span from the first's open to the last's close). */
  first: number | null;
  last: number | null;
  /** Fully covered bars whose detail disagrees with them (the close, or the high or low, apart by more than AGREE_PCT). */
  disagree: number;
  /** The largest gap between them, percent of the main bar's price, and the first main bar it was at. */
  worstPct: number;
  firstDisagreeAt: number | null;
}

/**
 * How far a fully covered bar's close, high and low may be from its detail's before they are called
 * another market's. Bars of one market built from the same trades agree exactly; a hundredth of a percent
 * leaves room for a venue's rounding, far below the gap between two feeds (a mark and a last price).
 */
export const AGREE_PCT = 0.01;

export function checkDetail(main: Bars, barMs: number, detail: Bars, detailMs: number): DetailCheck {
  const out: DetailCheck = { bars: main.length, covered: 0, partial: 0, first: null, last: null, disagree: 0, worstPct: 0, firstDisagreeAt: null };
  const perBar = Math.max(1, Math.round(barMs / detailMs));
  const dt = detail.t;
  let j = 0;
  for (let i = 0; i < main.length; i++) {
    const t = main.t[i]!;
    const end = t + barMs;
    while (j < detail.length && dt[j]! < t) j++;
    const start = j;
    let hi = Number.NEGATIVE_INFINITY;
    let lo = Number.POSITIVE_INFINITY;
    while (j < detail.length && dt[j]! < end) {
      if (detail.h[j]! > hi) hi = detail.h[j]!;
      if (detail.l[j]! < lo) lo = detail.l[j]!;
      j++;
    }
    const n = j - start;
    if (n === 0) continue;
    out.covered++;
    out.first ??= t;
    out.last = t;
    if (n < perBar) {
      out.partial++;
      continue;
    }
    const ref = main.c[i]!;
    const gap = (100 * Math.max(Math.abs(detail.c[j - 1]! - ref), Math.abs(hi - main.h[i]!), Math.abs(lo - main.l[i]!))) / Math.abs(ref);
    if (gap > AGREE_PCT) {
      out.disagree++;
      out.firstDisagreeAt ??= t;
      if (gap > out.worstPct) out.worstPct = gap;
    }
  }
  return out;
}

const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
const count = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => {
  const p = (100 * part) / whole;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
};

/** A bar length as the trader names it: "1m", "1h"; a length Keel has no timeframe for in minutes. */
function barName(ms: number): string {
  return TIMEFRAME_NAMES.find((tf) => timeframeMs(tf) === ms) ?? `${ms / 60_000}-minute`;
}

/** What the run's notes say of its detail: nothing when the detail covered every bar in full and agreed with them. */
export function detailNotes(c: DetailCheck, barMs: number, detailMs: number): string[] {
  const detailTf = barName(detailMs);
  const mainTf = barName(barMs);
  const notes: string[] = [];
  if (c.covered === 0) {
    notes.push(`the ${detailTf} detail holds no bars inside the run's ${mainTf} bars: every bar filled along its own open-high-low-close path, as without detail`);
    return notes;
  }
  if (c.covered < c.bars) {
    notes.push(
      `the ${detailTf} detail covered ${count(c.covered)} of the ${count(c.bars)} ${mainTf} bars (${pct(c.covered, c.bars)}, from ${iso(c.first!)} to ${iso(c.last! + barMs)}): fills inside those bars followed the ${detailTf} bars, and the other bars filled along their own open-high-low-close path`,
    );
  }
  if (c.partial > 0) notes.push(`${count(c.partial)} of the ${mainTf} bars the detail covered ${c.partial === 1 ? 'has' : 'have'} gaps in ${c.partial === 1 ? 'its' : 'their'} ${detailTf} bars: fills inside ${c.partial === 1 ? 'it' : 'them'} followed the ${detailTf} bars there are`);
  if (c.disagree > 0) {
    notes.push(
      `the ${detailTf} detail disagrees with ${count(c.disagree)} of the ${mainTf} bars it covers (closes, highs or lows up to ${c.worstPct.toFixed(2)}% apart, the first the bar closed at ${iso(c.firstDisagreeAt! + barMs)}): is it the same market and the same price (trades, not a mark or index price)? Fills followed the detail's prices, and entries sized on a bar's close may be refused at them`,
    );
  }
  return notes;
}

/** A run's data source as its reports name it, saying when finer bars decided the fills inside its bars. */
export function withDetailSource(source: string, detailTf: string | null | undefined): string {
  return detailTf ? `${source}, fills inside bars from ${detailTf} detail` : source;
}
