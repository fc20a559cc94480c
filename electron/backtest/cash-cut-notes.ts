// A run's note of the buys the cash cut (electron/trading/paper/cash-cut.ts): an all-in entry sized at a
// bar's close and filled at the next open, higher, is cut to what the cash pays for there. A strategy
// that enters all-in may be cut at most of its entries: one note per kind (cut, or nothing filled), the
// first's reason with how many there were and when the first and the last were, not a note per entry.
// Which orders the cash cut is the venue's word as data (OrderRecord.expiredBy), not found in the reason:
// an expiry worded like a cut is not counted, and telling one costs no string work per cut.
import type { OrderRecord } from '../journal/trading-journal.ts';
import type { ExpiredBy } from '../trading/broker.ts';
import { format } from '../../shared/trading/decimal.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

interface Kind {
  first: string;
  count: number;
  firstTs: number;
  lastTs: number;
}

export class CashCutNotes {
  readonly #kinds = new Map<ExpiredBy, Kind>();

  /** An order that ended expired (the backtest journal's hook): counted when the cash cut it. */
  readonly seen = (order: Readonly<OrderRecord>): void => {
    const kind = order.expiredBy;
    if (kind === undefined) return;
    const k = this.#kinds.get(kind);
    if (k) {
      k.count++;
      k.lastTs = order.updatedAt;
      return;
    }
    const who = order.origin.kind === 'strategy' ? order.origin.id : order.origin.kind;
    const first = `${who}: ${order.side} ${format(order.qty)} ${order.symbol}${order.tag === null ? '' : ` (${order.tag})`} at ${isoTime(order.updatedAt)}: ${order.reason}`;
    this.#kinds.set(kind, { first, count: 1, firstTs: order.updatedAt, lastTs: order.updatedAt });
  };

  /** The notes: one per kind seen, in the order first seen. */
  notes(): string[] {
    const out: string[] = [];
    for (const [kind, k] of this.#kinds) {
      const what = kind === 'cash-cut' ? 'cut to what the cash paid for at their fill price' : 'not filled: the cash paid for none of them at their fill price';
      const more = k.count === 1 ? '' : ` (${k.count.toLocaleString('en-US')} buys ${what}, the first at ${isoTime(k.firstTs)}, the last at ${isoTime(k.lastTs)})`;
      out.push(`${k.first}${more}; a spot account cannot spend more than its cash: an entry sized at a close fills at the next open, with slippage`);
    }
    return out;
  }
}

