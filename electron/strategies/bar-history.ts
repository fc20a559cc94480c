// The closed bars a strategy may read, and nothing after them. Look-ahead is impossible by construction:
// the candle arrays live in a #private holder the strategy cannot reach; each field is exposed only as a
// view whose get(i) answers for i < the number of closed bars and throws a LookAheadError past it. The
// host (the backtest runner or the live StrategyRunner) moves the count forward as bars close; nothing
// the strategy holds can move it. The strategy's declared indicators are more columns of the same holder,
// behind the same views: a backtest computes them whole before the first bar (a batch kernel costs a
// fraction of feeding a streaming one bar by bar), live trading one value per closed bar.
import { batchColumns, resolveUses, StreamColumns, useLegend, type ResolvedUse } from './indicator-kinds.ts';
import type { BarHistory, IndicatorUse, SeriesView } from './strategy.ts';

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
  /** t, o, h, l, c, v, then one per declared indicator. */
  cols: Float64Array[];
  /** Closed bars: the visible length. */
  n = 0;
  /** Slots filled (≥ n): a backtest fills them all up front, live trading one per closed bar. */
  filled: number;
  /** The views over the columns, told of a column's new array when the history grows. */
  readonly views: { field: number; set: (a: Float64Array) => void }[] = [];

  constructor(cols: Float64Array[], filled: number) {
    this.cols = cols;
    this.filled = filled;
  }
}

class Column implements SeriesView {
  readonly #holder: Holder;
  /** The holder's column, held directly (one load less per read); the holder swaps it when it grows. */
  #col: Float64Array;

  constructor(holder: Holder, field: number) {
    this.#holder = holder;
    this.#col = holder.cols[field]!;
    holder.views.push({ field, set: (a) => (this.#col = a) });
  }

  get length(): number {
    return this.#holder.n;
  }

  // Whole numbers only, checked before anything else: a fraction would read no slot (undefined), and an
  // object whose valueOf and toString disagree would pass the range test and then index a later bar.
  get(i: number): number {
    const n = this.#holder.n;
    if (Number.isInteger(i) && i >= 0 && i < n) return this.#col[i]!;
    return refuseIndex(i, n);
  }

  ago(back: number): number {
    const n = this.#holder.n;
    if (!Number.isInteger(back) || back < 0) return refuseBack(back, n);
    const i = n - 1 - back;
    return i >= 0 ? this.#col[i]! : Number.NaN;
  }
}

/** Out of line, so the views' reads stay small enough to inline into a strategy's onBar. */
function refuseIndex(i: number, n: number): never {
  if (!Number.isInteger(i)) throw new RangeError(`get(i) takes a bar index, a whole number from 0 to ${n - 1} (ago(k) counts back from the current bar), got ${shown(i)}`);
  if (i >= n) throw new LookAheadError(i, n);
  throw new RangeError(`bar index must be 0 or more, got ${i}`);
}

function refuseBack(back: number, n: number): never {
  if (!Number.isInteger(back)) throw new RangeError(`ago(k) takes a whole number of bars back, 0 for the current bar, got ${shown(back)}`);
  throw new LookAheadError(n - 1 - back, n);
}

/** A value as a message shows it, without calling anything of the strategy's (an object's toString could throw). */
function shown(v: unknown): string {
  if (typeof v === 'string') return `text ${JSON.stringify(v)}`;
  if (typeof v === 'number' || v === undefined || v === null || typeof v === 'boolean') return String(v);
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

class History implements BarHistory {
  readonly #holder: Holder;
  readonly t: SeriesView;
  readonly o: SeriesView;
  readonly h: SeriesView;
  readonly l: SeriesView;
  readonly c: SeriesView;
  readonly v: SeriesView;
  readonly indicators: readonly SeriesView[];

  constructor(holder: Holder, declared: Declared) {
    this.#holder = holder;
    this.indicators = declaredOnly(Object.freeze(holder.cols.slice(FIELDS.length).map((_, k) => new Column(holder, FIELDS.length + k))), declared);
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

/** Whose indicators a history holds and what they are, for the error a read of one it does not hold gets. */
interface Declared {
  strategy: string;
  labels: readonly string[];
}

/**
 * The views, with a read of an index past them refused, naming what is declared: `ctx.indicators[2]` of a
 * strategy that declares two was undefined, and the strategy then failed with "Cannot read properties of
 * undefined (reading 'ago')", which says nothing of the declaration. Reads that exist go straight through.
 */
function declaredOnly(views: readonly SeriesView[], declared: Declared): readonly SeriesView[] {
  return new Proxy(views, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (v === undefined && typeof key === 'string' && /^\d+$/.test(key)) throw new RangeError(undeclared(Number(key), declared));
      return v;
    },
  });
}

function undeclared(k: number, d: Declared): string {
  const who = d.strategy === '' ? 'the strategy' : d.strategy;
  const list = d.labels.length === 0 ? 'none' : `${d.labels.length}: ${d.labels.map((l, j) => `[${j}] ${l}`).join(', ')}`;
  return `ctx.indicators[${k}] is not declared: ${who}'s indicators(params) declares ${list}; add the indicator there to read it`;
}

const labelsOf = (uses: readonly ResolvedUse[]): string[] => uses.map((u) => useLegend(u).label);

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

/** What a history computes beside the bars: the strategy's declared indicators, and whose they are (for errors). */
export interface IndicatorPlan {
  uses: readonly IndicatorUse[];
  strategy: string;
  /** The bars' length, ms: an indicator on a longer timeframe rolls them up into it. */
  barMs?: number | undefined;
}

const NO_INDICATORS: IndicatorPlan = { uses: [], strategy: '' };

/**
 * A history over bars already loaded (a backtest): none visible until the host advances. The declared
 * indicators are computed here over all `length` bars; the views still show only the closed ones.
 */
export function historyOver(cols: ColumnSet, length: number, plan: IndicatorPlan = NO_INDICATORS): BarHistoryControl {
  const bars = [cols.t, cols.o, cols.h, cols.l, cols.c, cols.v].map((a) => (a.length === length ? a : a.subarray(0, length)));
  const uses = resolveUses(plan.uses, plan.strategy);
  const indicators = batchColumns(uses, bars, plan.barMs, plan.strategy);
  return new Control(new Holder([...bars, ...indicators], length), null, { strategy: plan.strategy, labels: labelsOf(uses) });
}

/** An empty history that grows as bars close (live and paper trading), its indicators one bar at a time. */
export function growingHistory(capacity = 1024, plan: IndicatorPlan = NO_INDICATORS): BarHistoryControl {
  const uses = resolveUses(plan.uses, plan.strategy);
  const streams = uses.length > 0 ? new StreamColumns(uses, plan.barMs, plan.strategy) : null;
  return new Control(new Holder([...FIELDS, ...uses].map(() => new Float64Array(capacity)), 0), streams, { strategy: plan.strategy, labels: labelsOf(uses) });
}

/**
 * A class rather than an object of closures: one shape for every run, so the backtest's loop can inline
 * advance() (the throw is out of line to keep it small).
 */
class Control implements BarHistoryControl {
  readonly history: BarHistory;
  readonly #holder: Holder;
  /** Live: the indicators' streaming forms, fed on push. */
  readonly #streams: StreamColumns | null;

  constructor(holder: Holder, streams: StreamColumns | null, declared: Declared) {
    this.#holder = holder;
    this.#streams = streams;
    this.history = new History(holder, declared);
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
      for (const v of holder.views) v.set(holder.cols[v.field]!);
    }
    const i = holder.filled;
    const cols = holder.cols;
    cols[0]![i] = t;
    cols[1]![i] = o;
    cols[2]![i] = h;
    cols[3]![i] = l;
    cols[4]![i] = c;
    cols[5]![i] = v;
    this.#streams?.push(cols, i);
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
