// The closed bars a strategy may read, and nothing after them. Look-ahead is impossible by construction:
// the candle arrays live in a #private holder the strategy cannot reach; each field is exposed only as a
// view whose get(i) answers for i < the number of closed bars and throws a LookAheadError past it. The
// host (the backtest runner or the live StrategyRunner) moves the count forward as bars close; nothing
// the strategy holds can move it.
import type { BarHistory, SeriesView } from './strategy.ts';

/** A strategy asked for a bar that has not closed yet. */
export class LookAheadError extends RangeError {
  constructor(index: number, closed: number) {
    super(`look-ahead: bar ${index} has not closed yet (bars 0..${closed - 1} have)`);
    this.name = 'LookAheadError';
  }
}

const FIELDS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

/** The arrays and how many of their bars are closed; only the host holds it. */
class Holder {
  /** t, o, h, l, c, v. */
  cols: Float64Array[];
  /** Closed bars: the visible length. */
  n = 0;
  /** Slots filled (≥ n): a backtest fills them all up front, live trading one per closed bar. */
  filled: number;

  constructor(cols: Float64Array[], filled: number) {
    this.cols = cols;
    this.filled = filled;
  }
}

class Column implements SeriesView {
  readonly #holder: Holder;
  readonly #field: number;

  constructor(holder: Holder, field: number) {
    this.#holder = holder;
    this.#field = field;
  }

  get length(): number {
    return this.#holder.n;
  }

  get(i: number): number {
    const h = this.#holder;
    if (i >= 0 && i < h.n) return h.cols[this.#field]![i]!;
    if (i >= h.n) throw new LookAheadError(i, h.n);
    throw new RangeError(`bar index must be 0 or more, got ${i}`);
  }

  ago(back: number): number {
    const h = this.#holder;
    if (back < 0) throw new LookAheadError(h.n - 1 - back, h.n);
    const i = h.n - 1 - back;
    return i >= 0 ? h.cols[this.#field]![i]! : Number.NaN;
  }
}

class History implements BarHistory {
  readonly #holder: Holder;
  readonly t: SeriesView;
  readonly o: SeriesView;
  readonly h: SeriesView;
  readonly l: SeriesView;
  readonly c: SeriesView;
  readonly v: SeriesView;

  constructor(holder: Holder) {
    this.#holder = holder;
    this.t = new Column(holder, 0);
    this.o = new Column(holder, 1);
    this.h = new Column(holder, 2);
    this.l = new Column(holder, 3);
    this.c = new Column(holder, 4);
    this.v = new Column(holder, 5);
    Object.freeze(this);
  }

  get length(): number {
    return this.#holder.n;
  }
}

/** The host's side: the history to hand to the strategy, and the controls only the host holds. */
export interface BarHistoryControl {
  readonly history: BarHistory;
  /** One more bar has closed (backtest: the next prefilled slot). */
  advance(): void;
  /** Live: appends a closed bar and makes it visible. */
  push(t: number, o: number, h: number, l: number, c: number, v: number): void;
  readonly closed: number;
}

export interface ColumnSet {
  t: Float64Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
}

/** A history over bars already loaded (a backtest): none visible until the host advances. */
export function historyOver(cols: ColumnSet, length: number): BarHistoryControl {
  return control(new Holder([cols.t, cols.o, cols.h, cols.l, cols.c, cols.v], length));
}

/** An empty history that grows as bars close (live and paper trading). */
export function growingHistory(capacity = 1024): BarHistoryControl {
  return control(new Holder(FIELDS.map(() => new Float64Array(capacity)), 0));
}

/**
 * A class rather than an object of closures: one shape for every run, so the backtest's loop can inline
 * advance() (the throw is out of line to keep it small).
 */
class Control implements BarHistoryControl {
  readonly history: BarHistory;
  readonly #holder: Holder;

  constructor(holder: Holder) {
    this.#holder = holder;
    this.history = new History(holder);
  }

  advance(): void {
    const holder = this.#holder;
    if (holder.n >= holder.filled) noMoreBars(holder.filled);
    holder.n++;
  }

  push(t: number, o: number, h: number, l: number, c: number, v: number): void {
    const holder = this.#holder;
    if (holder.filled === holder.cols[0]!.length) {
      holder.cols = holder.cols.map((a) => {
        const b = new Float64Array(Math.max(16, a.length * 2));
        b.set(a);
        return b;
      });
    }
    const i = holder.filled;
    const cols = holder.cols;
    cols[0]![i] = t;
    cols[1]![i] = o;
    cols[2]![i] = h;
    cols[3]![i] = l;
    cols[4]![i] = c;
    cols[5]![i] = v;
    holder.filled = i + 1;
    holder.n = i + 1;
  }

  get closed(): number {
    return this.#holder.n;
  }
}

function noMoreBars(filled: number): never {
  throw new RangeError(`no more bars: all ${filled} have closed`);
}

function control(holder: Holder): BarHistoryControl {
  return new Control(holder);
}
