// The paper broker's copy of an order book: flat arrays of price and remaining amount per level, best
// first. Market executions walk it and use up what they take, until the next snapshot replaces it.
import type { BookLevel } from '../../market/market-source.ts';

export class BookSide {
  price: Float64Array = new Float64Array(0);
  amount: Float64Array = new Float64Array(0);
  length = 0;

  set(levels: readonly BookLevel[]): void {
    if (this.price.length < levels.length) {
      this.price = new Float64Array(levels.length);
      this.amount = new Float64Array(levels.length);
    }
    let n = 0;
    for (const [p, a] of levels) {
      if (!(p > 0) || !(a > 0)) continue;
      this.price[n] = p;
      this.amount[n] = a;
      n++;
    }
    this.length = n;
  }

  /** Amount available at prices no worse than `limit` (NaN: any price), for fill-or-kill. */
  available(limit: number, buying: boolean): number {
    let sum = 0;
    for (let i = 0; i < this.length; i++) {
      const p = this.price[i]!;
      if (limit === limit && (buying ? p > limit : p < limit)) break;
      sum += this.amount[i]!;
    }
    return sum;
  }
}

export class BookSnapshot {
  readonly bids = new BookSide();
  readonly asks = new BookSide();
  present = false;
}
