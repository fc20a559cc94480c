// A backtest's note of the buys the cash cut counts the orders the paper venue expired for the cash, as it
// said so (OrderRecord.expiredBy), not orders whose reason merely reads like one.
import { describe, expect, it } from 'vitest';
import { CashCutNotes } from '../../../electron/backtest/cash-cut-notes.ts';
import type { OrderRecord } from '../../../electron/journal/trading-journal.ts';
import { dec } from '../../../shared/trading/decimal.ts';

const T = Date.UTC(2024, 0, 1);
const CUT = 'cut to 86.8 TST: the free cash, 1000 USDT, covered no more at the fill price 11.5 (fee included); the other 4 TST expired';

/** An expired buy as the engine keeps it: only what the notes read is filled in. */
function expired(reason: string, expiredBy: OrderRecord['expiredBy'], at = T): OrderRecord {
  const rec = { id: 'o', side: 'buy', qty: dec('90.8'), symbol: 'TST/USDT', tag: null, origin: { kind: 'strategy', id: 'sma-cross' }, status: 'expired', reason, updatedAt: at } as unknown as OrderRecord;
  if (expiredBy !== undefined) rec.expiredBy = expiredBy;
  return rec;
}

describe('the notes of the buys the cash cut', () => {
  it('count the orders the venue says the cash cut, once per kind', () => {
    const notes = new CashCutNotes();
    notes.seen(expired(CUT, 'cash-cut'));
    notes.seen(expired(CUT, 'cash-cut', T + 60_000));
    notes.seen(expired('not filled: the free cash, 0.1 USDT, covered not even one step (0.1 TST) at the fill price 11.5 (fee included)', 'cash-unpaid'));
    const said = notes.notes();
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^sma-cross: buy 90\.8 TST\/USDT at 2024-01-01T00:00:00Z: cut to 86\.8 TST.*\(2 buys cut to what the cash paid for at their fill price, the first at 2024-01-01T00:00:00Z, the last at 2024-01-01T00:01:00Z\)/);
    expect(said[1]).toContain('not filled: the free cash');
  });

  it('leave out an order whose reason reads like a cut but that the cash did not cut', () => {
    const notes = new CashCutNotes();
    // An exchange's own words, or an expiry of another kind, that happen to start as the venue's cut does.
    notes.seen(expired(CUT, undefined));
    notes.seen(expired('not filled: the free cash, as the exchange said, was not enough', undefined));
    expect(notes.notes()).toEqual([]);
  });
});
