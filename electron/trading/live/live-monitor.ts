// What the outside may know of a live broker without holding it: whether work is in flight, what the
// last reconciliation found, which cancels the exchange keeps refusing, and what the exchange answered to
// the cancels of one batch (the kill switch's, collectCancels). The composition root and tests read this;
// the broker itself stays inside the risk gate (a monitor has no way to place or cancel anything).
import type { ReconcileReport } from './ccxt-live-broker.ts';
import { CancelBatch, type AskedCancel, type CancelAnswer } from './cancel-batch.ts';

/** A cancel the exchange has refused CANCEL_REFUSALS_TO_REPORT times or more; the order is still open. */
export interface RefusedCancel {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  refusals: number;
  reason: string;
  message: string;
}

/** How long a batch of cancels is followed at most (a kill waits far less for its answers). */
const BATCH_KEPT_MS = 60_000;

export class LiveMonitor {
  readonly #inFlight = new Set<Promise<unknown>>();
  #last: ReconcileReport | null = null;
  #waiting: ((r: ReconcileReport) => void)[] = [];
  readonly #refused = new Map<string, RefusedCancel>();
  readonly #changed = new Set<() => void>();
  /** The batch being collected (inside collectCancels), and the batches still waiting on answers. */
  #collecting: CancelBatch | null = null;
  readonly #batches = new Set<CancelBatch>();

  /** The broker registers each piece of exchange work here. */
  track(p: Promise<unknown>): void {
    this.#inFlight.add(p);
    const done = () => this.#inFlight.delete(p);
    p.then(done, done);
  }

  /** The broker reports each finished reconciliation here. */
  reconciled(report: ReconcileReport): void {
    this.#last = report;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) w(report);
    this.#tell();
  }

  /** The broker reports a cancel refused again (from the CANCEL_REFUSALS_TO_REPORT-th time). */
  cancelRefused(r: RefusedCancel): void {
    this.#refused.set(r.orderId, r);
    this.#tell();
  }

  /** The order whose cancel was refused has ended (cancelled at last, filled, gone). */
  cancelSettled(orderId: string): void {
    if (this.#refused.delete(orderId)) this.#tell();
  }

  /**
   * Runs `fn` (which sends cancels, synchronously: the kill switch) and returns, with its result, the
   * batch of the cancels the broker was asked for meanwhile; `batch.settled(ms)` waits on the exchange.
   */
  collectCancels<T>(fn: () => T): { result: T; batch: CancelBatch } {
    const batch = new CancelBatch();
    const outer = this.#collecting;
    this.#collecting = batch;
    try {
      return { result: fn(), batch };
    } finally {
      this.#collecting = outer;
      if (batch.size > 0) {
        this.#batches.add(batch);
        void batch.done.then(() => this.#batches.delete(batch));
        // A batch nobody waits on (a kill the risk room pulled itself) is not held for ever.
        setTimeout(() => this.#batches.delete(batch), BATCH_KEPT_MS).unref?.();
      }
    }
  }

  /** The broker was asked to cancel an order (it goes to the batch being collected, if any). */
  cancelAsked(order: AskedCancel): void {
    this.#collecting?.ask(order);
  }

  /** The broker's news of an asked cancel: the order ended, or the exchange refused or did not answer. */
  cancelAnswered(orderId: string, answer: CancelAnswer): void {
    for (const b of this.#batches) b.answer(orderId, answer);
    this.#collecting?.answer(orderId, answer);
  }

  get refusedCancels(): RefusedCancel[] {
    return [...this.#refused.values()];
  }

  /** Called after each reconciliation and each change of the refused cancels; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#changed.add(listener);
    return () => this.#changed.delete(listener);
  }

  #tell(): void {
    for (const listener of this.#changed) {
      try {
        listener();
      } catch {
        // A listener's failure is its own; the broker's report must not fail with it.
      }
    }
  }

  get last(): ReconcileReport | null {
    return this.#last;
  }

  /** The first reconciliation's report (at once if there was one). */
  firstReconcile(): Promise<ReconcileReport> {
    return this.#last ? Promise.resolve(this.#last) : this.nextReconcile();
  }

  nextReconcile(): Promise<ReconcileReport> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Resolves once no exchange work is in flight. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
