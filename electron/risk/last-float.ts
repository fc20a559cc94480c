// toNumber with its last answer remembered. Turning a bigint amount into a float costs about 25 ns; an
// amount read again and again while it rarely changes (a position's realized P&L, its fees) need not be
// turned again. The same float as toNumber(), always: an equal amount converts to the same float.
import { toNumber, type Dec } from '../../shared/trading/decimal.ts';

export class LastFloat {
  #dec: Dec = 0n;
  #float = 0;

  of(amount: Dec): number {
    if (amount !== this.#dec) {
      this.#float = toNumber(amount);
      this.#dec = amount;
    }
    return this.#float;
  }
}
