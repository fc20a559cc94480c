// Candles as a file is read: one typed array per field that doubles as rows arrive, with each row's
// place in the file (line or item number) for messages. A million-row file becomes seven arrays, not
// a million objects (and the memory and collector time they cost).
import { allocateColumns, type CandleColumns } from '../../journal/candle-columns.ts';

const FIRST_CAPACITY = 1024;

export class GrowingColumns {
  #cols: CandleColumns = allocateColumns(FIRST_CAPACITY);
  #places = new Float64Array(FIRST_CAPACITY);
  length = 0;

  /** Volume NaN: the row had none. */
  push(t: number, o: number, h: number, l: number, c: number, v: number, place: number): void {
    const i = this.length;
    if (i === this.#places.length) this.#grow(i * 2);
    const cols = this.#cols;
    cols.t[i] = t;
    cols.o[i] = o;
    cols.h[i] = h;
    cols.l[i] = l;
    cols.c[i] = c;
    cols.v[i] = v;
    this.#places[i] = place;
    this.length = i + 1;
  }

  /** The rows in file order, in arrays cut to their length (the spare capacity is let go). */
  finish(): { cols: CandleColumns; places: Float64Array } {
    if (this.#places.length !== this.length) this.#grow(this.length);
    return { cols: this.#cols, places: this.#places };
  }

  #grow(capacity: number): void {
    const n = this.length;
    const next = allocateColumns(capacity);
    const cols = this.#cols;
    next.t.set(cols.t.subarray(0, n));
    next.o.set(cols.o.subarray(0, n));
    next.h.set(cols.h.subarray(0, n));
    next.l.set(cols.l.subarray(0, n));
    next.c.set(cols.c.subarray(0, n));
    next.v.set(cols.v.subarray(0, n));
    next.length = n;
    const places = new Float64Array(capacity);
    places.set(this.#places.subarray(0, n));
    this.#cols = next;
    this.#places = places;
  }
}
