// Faults for the private order endpoints, placed on either side of the book:
// - before: the request never reaches the matching engine (a 5xx from the edge, a dropped connection):
//   the order does not exist;
// - after: the matching engine did its work (the order exists, or the cancel happened), then the answer is
//   lost: the connection drops, the answer never comes (a client timeout), or a 5xx comes instead.
// These are the cases where a client must look the order up by its client id before sending it again.
// `onAccepted` is awaited after an order is placed and before its answer is written: a kill test stops the
// client there, with the order on the exchange and the client never told.
import type { SpotOrder } from './order-matching.ts';

export type OrderFaultOutcome =
  | { kind: 'hangup' }
  /** No answer for `ms`, then the connection is dropped (set it longer than the client's timeout). */
  | { kind: 'timeout'; ms: number }
  | { kind: 'status'; status: number; body?: string };

export interface OrderFaultOptions {
  /** Default POST (placing orders). */
  method?: 'GET' | 'POST' | 'DELETE';
  /** Default /api/v3/order. */
  path?: string;
  /** How many matching requests suffer it; default 1. */
  count?: number;
}

interface Rule {
  stage: 'before' | 'after';
  method: string;
  path: string;
  remaining: number;
  outcome: OrderFaultOutcome;
}

export class OrderFaults {
  #rules: Rule[] = [];
  onAccepted: ((order: SpotOrder) => Promise<void> | void) | null = null;

  /** The request is refused before the book: nothing happens on the exchange. */
  beforeBook(outcome: OrderFaultOutcome, options: OrderFaultOptions = {}): void {
    this.#add('before', outcome, options);
  }

  /** The request reaches the book and takes effect; then the answer is lost. */
  afterBook(outcome: OrderFaultOutcome, options: OrderFaultOptions = {}): void {
    this.#add('after', outcome, options);
  }

  clear(): void {
    this.#rules = [];
    this.onAccepted = null;
  }

  pending(): number {
    return this.#rules.length;
  }

  take(stage: 'before' | 'after', method: string, path: string): OrderFaultOutcome | null {
    const rule = this.#rules.find((r) => r.stage === stage && r.method === method && r.path === path);
    if (!rule) return null;
    if (--rule.remaining <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return rule.outcome;
  }

  #add(stage: 'before' | 'after', outcome: OrderFaultOutcome, options: OrderFaultOptions): void {
    this.#rules.push({ stage, method: options.method ?? 'POST', path: options.path ?? '/api/v3/order', remaining: options.count ?? 1, outcome });
  }
}

/** The HTML page Binance's edge serves for a 5xx. */
export function edgeErrorPage(status: number): string {
  return `<html><head><title>${status}</title></head><body><h1>${status} Service Unavailable</h1></body></html>`;
}
