// One order as the live broker follows it on the exchange, and the rule that applies each exchange trade
// to the journal exactly once.
//
// Fills are reported (and journaled, one commit each) in the exchange's trade-id order. So the quantity the
// journal holds for an order when this process took it over (`journaledQty`, the restored filledQty)
// covers exactly the order's first trades by id, whatever happened before a crash. Walking the order's
// trades by id and summing: a trade whose running total is within journaledQty is already in the journal;
// the rest are new, and each trade id is taken once per process. No trade id needs to be stored.
import { decFromNumber, type Dec } from '../../../shared/trading/decimal.ts';
import type { BrokerOrder } from '../broker.ts';
import type { LiveTrade } from './live-exchange.ts';

export type TrackedPhase =
  /** Being placed: the request is out, or the broker is finding out whether an earlier one got in. */
  | 'placing'
  /** On the exchange and open. */
  | 'open'
  /** Finished (filled, cancelled, expired, rejected) and reported. */
  | 'done';

export class TrackedOrder {
  readonly order: BrokerOrder;
  phase: TrackedPhase = 'placing';
  exchangeId: string | null = null;
  /** `accepted` went to the engine (restored orders were accepted before the restart). */
  acceptedReported: boolean;
  /** What the journal had filled when this process took the order over (or last rewound it). */
  journaledQty: Dec;
  /** Filled so far: journaledQty plus what this process reported. */
  filledQty: Dec;
  readonly #seen = new Set<string>();
  /** The engine asked to cancel it (the reason), not yet confirmed by the exchange. */
  cancelWanted: string | null = null;
  /** How many times the exchange has refused the wanted cancel (answered no, not failed to answer). */
  cancelRefusals = 0;
  /** The refusal reason last noted on the order (noted again only when it changes). */
  cancelRefusedFor: string | null = null;
  /** How it ended, once it has (a cancel asked after that is answered with it). */
  ended: 'cancelled' | 'filled' | 'expired' | 'rejected' | null = null;
  /** Work on this order runs one step at a time, in order (submit, then a cancel, then a poll's sync). */
  chain: Promise<void> = Promise.resolve();

  constructor(order: BrokerOrder, restored: boolean) {
    this.order = order;
    this.acceptedReported = restored;
    this.journaledQty = order.filledQty;
    this.filledQty = order.filledQty;
  }

  /**
   * The journal holds `filledQty` for the order after all: a write failed and the engine went back to
   * what is on disk. Trades past it are new again, and an order seen to end is followed again until the
   * exchange's answer is journaled.
   */
  rewind(filledQty: Dec): void {
    this.journaledQty = this.filledQty = filledQty;
    this.#seen.clear();
    if (this.phase === 'done') {
      this.phase = 'open';
      this.ended = null;
    }
  }

  get id(): string {
    return this.order.id;
  }

  get clientOrderId(): string {
    return this.order.clientOrderId;
  }

  /** The trades not yet in the journal, oldest first; marks them taken. */
  newTrades(trades: readonly LiveTrade[]): { trade: LiveTrade; qty: Dec }[] {
    const mine = trades.filter((t) => this.exchangeId === null || t.order === undefined || t.order === this.exchangeId);
    mine.sort((a, b) => compareIds(a.id, b.id));
    const out: { trade: LiveTrade; qty: Dec }[] = [];
    let total = 0n;
    for (const trade of mine) {
      const qty = decFromNumber(trade.amount);
      total += qty;
      if (this.#seen.has(trade.id)) continue;
      this.#seen.add(trade.id);
      if (total <= this.journaledQty) continue;
      out.push({ trade, qty });
    }
    return out;
  }
}

/** Exchange ids are numbers on Binance but strings in ccxt: compare numerically when both are digits. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}
