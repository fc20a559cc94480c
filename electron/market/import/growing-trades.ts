// Trades as a file is read, before they become candles: time, price and amount, one typed array each,
// doubling as trades arrive. A file of millions of trades becomes three arrays, not millions of objects.
// No place in the file is kept: a bad trade is reported as it is read, and nothing later points back at one.

const FIRST_CAPACITY = 4096;

/** Trades in file order; the arrays may be longer than `length`. */
export interface ParsedTrades {
  t: Float64Array;
  price: Float64Array;
  amount: Float64Array;
  length: number;
}

export class GrowingTrades {
  #t = new Float64Array(FIRST_CAPACITY);
  #price = new Float64Array(FIRST_CAPACITY);
  #amount = new Float64Array(FIRST_CAPACITY);
  length = 0;

  push(t: number, price: number, amount: number): void {
    const i = this.length;
    if (i === this.#t.length) this.#grow(i * 2);
    this.#t[i] = t;
    this.#price[i] = price;
    this.#amount[i] = amount;
    this.length = i + 1;
  }

  /** The trades read, in file order. */
  finish(): ParsedTrades {
    return { t: this.#t, price: this.#price, amount: this.#amount, length: this.length };
  }

  #grow(capacity: number): void {
    const grow = (a: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(a.subarray(0, this.length));
      return next;
    };
    this.#t = grow(this.#t);
    this.#price = grow(this.#price);
    this.#amount = grow(this.#amount);
  }
}
