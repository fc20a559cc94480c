// What the outside may know of a live broker without holding it: whether work is in flight, what the
// last reconciliation found, and which cancels the exchange keeps refusing. The composition root and tests
// read this; the broker itself stays inside the risk gate (a monitor has no way to place or cancel anything).
import type { ReconcileReport } from './ccxt-live-broker.ts';

/** A cancel the exchange has refused CANCEL_REFUSALS_TO_REPORT times or more; the order is still open. */
export interface RefusedCancel {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  refusals: number;
  reason: string;
  message: string;
}

export class LiveMonitor {
  readonly #inFlight = new Set<Promise<unknown>>();
  #last: ReconcileReport | null = null;
  #waiting: ((r: ReconcileReport) => void)[] = [];
  readonly #refused = new Map<string, RefusedCancel>();
  readonly #changed = new Set<() => void>();

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
