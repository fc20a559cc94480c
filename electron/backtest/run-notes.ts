// A run's notes: what the strategy said and the refusals, the first twenty, and past them a count, so a
// strategy's own notes cannot hide the engine's after them without a word. A strategy that retries an entry
// at every bar while the kill switch is engaged is refused at every bar: those refusals are one note (the
// first, with its reason), which says at the end how many were of its kind and when the first and the last were, rather than
// a note per bar or a bare total. A kind is what refused the order (the risk rule, or the engine's reason:
// shared/trading/refusal-kind.ts) on one side of one market, as the refusal says it in data: not read
// out of its words, where a kill switch pulled for a new reason was another kind and two rules whose
// messages differed only by their numbers were one.
//
// `now`: the run's clock, so each kind says when it was refused first and last (run-backtest.ts passes the
// feed's; without one the notes give the counts only).
import type { OrderRefusalInfo } from '../../shared/trading/refusal-kind.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

const MAX_NOTES = 20;
/** Kinds of refusal noted; past them there is nothing to compare with. */
const MAX_KINDS = 5;

interface Kind {
  /** Where its note is in the list; -1 when the list was full. */
  at: number;
  count: number;
  first: number;
  last: number;
}

export class RunNotes {
  readonly notes: string[] = [];
  refusals = 0;
  now: (() => number) | undefined;
  readonly #kinds = new Map<string, Kind>();
  /** Notes past MAX_NOTES, counted. */
  #dropped = 0;
  /** Refusals of kinds past MAX_KINDS, counted. */
  #pastKinds = 0;

  constructor(now?: () => number) {
    this.now = now;
  }

  readonly note = (m: string): void => {
    if (this.notes.length < MAX_NOTES) this.notes.push(m);
    else this.#dropped++;
  };

  readonly refused = (m: string, r: OrderRefusalInfo): void => {
    this.refusals++;
    const ts = this.now?.() ?? Number.NaN;
    // One note per kind of refusal on a side of a market, whatever its numbers (the quantity, the loss that pulled the switch) and words.
    const kind = `${r.kind} ${r.side} ${r.symbol}`;
    const seen = this.#kinds.get(kind);
    if (seen) {
      seen.count++;
      seen.last = ts;
      return;
    }
    if (this.#kinds.size >= MAX_KINDS) {
      this.#pastKinds++;
      return;
    }
    const listed = this.notes.length < MAX_NOTES;
    this.note(m);
    this.#kinds.set(kind, { at: listed ? this.notes.length - 1 : -1, count: 1, first: ts, last: ts });
  };

  /** Each listed refusal's count and span, then the counts of what the list left out. */
  finish(): void {
    let listed = 0;
    for (const k of this.#kinds.values()) {
      if (k.at < 0) continue;
      listed += k.count;
      if (k.count > 1) this.notes[k.at] += ` (${k.count.toLocaleString('en-US')} refusals of this kind${Number.isNaN(k.first) ? '' : `, the first at ${isoTime(k.first)}, the last at ${isoTime(k.last)}`})`;
    }
    if (this.#dropped > 0) this.notes.push(`${this.#dropped.toLocaleString('en-US')} more note${this.#dropped === 1 ? ' was' : 's were'} left out: a run lists its first ${MAX_NOTES}`);
    const unlisted = this.refusals - listed;
    if (unlisted > 0) {
      const why = [this.#pastKinds > 0 ? `a run lists the first ${MAX_KINDS} kinds` : '', unlisted > this.#pastKinds ? 'the list of notes was full' : ''].filter(Boolean).join('; ');
      this.notes.push(`${this.refusals.toLocaleString('en-US')} orders were refused in all, ${unlisted.toLocaleString('en-US')} of them of kinds not listed (${why})`);
    }
  }
}

