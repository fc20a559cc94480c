// The cancels of one batch (the kill switch's) and what the exchange made of each. A live cancel is only
// a request until the exchange answers: the kill switch reports as cancelled only the orders the exchange
// confirmed, and names the others with what it said (live-account-risk.ts). The broker reports through the
// monitor (live-monitor.ts); this holds one batch's answers and says when they are all in.
import type { Dec } from '../../../shared/trading/decimal.ts';
import type { OrderType, Side } from '../../../shared/trading/orders.ts';

/** An order the broker was asked to cancel, as the trader needs to recognise it. */
export interface AskedCancel {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  qty: Dec;
  price: Dec | null;
}

/**
 * - ended: the order is finished on the exchange (cancelled, or filled or expired before the cancel got there);
 * - refused: the exchange answered no (a revoked key, a permission taken away): the order is still open;
 * - unanswered: the request failed (timeout, 5xx, dropped connection): the order may still be open.
 */
export type CancelAnswer =
  | { kind: 'ended'; status: 'cancelled' | 'filled' | 'expired' | 'rejected' }
  | { kind: 'refused'; reason: string }
  | { kind: 'unanswered'; reason: string };

/** One order of the batch and the exchange's last word on it (null: none yet). */
export interface CancelOutcome {
  order: AskedCancel;
  answer: CancelAnswer | null;
}

export class CancelBatch {
  readonly #entries = new Map<string, CancelOutcome>();
  #waiting = 0;
  #finish: () => void = () => {};
  /** Resolves once every order has a final answer (ended or refused), or once settled() stopped waiting. */
  readonly done = new Promise<void>((resolve) => (this.#finish = resolve));

  get size(): number {
    return this.#entries.size;
  }

  ask(order: AskedCancel): void {
    if (this.#entries.has(order.orderId)) return;
    this.#entries.set(order.orderId, { order, answer: null });
    this.#waiting++;
  }

  answer(orderId: string, answer: CancelAnswer): void {
    const e = this.#entries.get(orderId);
    // An order that ended stays ended; a refusal or a failure may still be followed by its end.
    if (!e || e.answer?.kind === 'ended') return;
    const wasFinal = e.answer?.kind === 'refused';
    e.answer = answer;
    const isFinal = answer.kind !== 'unanswered';
    if (isFinal && !wasFinal) this.#waiting--;
    else if (!isFinal && wasFinal) this.#waiting++;
    if (this.#waiting === 0) this.#finish();
  }

  /** Every order's outcome once each has a final answer, or as it stands after `ms`. */
  async settled(ms: number): Promise<CancelOutcome[]> {
    if (this.#waiting > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    }
    this.#finish();
    return [...this.#entries.values()].map((e) => ({ order: e.order, answer: e.answer }));
  }
}
