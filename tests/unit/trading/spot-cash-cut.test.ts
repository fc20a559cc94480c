// A spot buy never spends more quote than the account holds: an all-in market buy sized at one price and
// filled at a higher one is cut, on the paper venue, to what the free cash pays for (fee included); the
// rest expires with the reason on the order. Not even one step covered: nothing fills. Margin borrows.
import { describe, expect, it } from 'vitest';
import { PendingBook } from '../../../electron/risk/pending-book.ts';
import { costWithFee } from '../../../electron/trading/validate-order.ts';
import { dec, floorTo, format, type Dec } from '../../../shared/trading/decimal.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';
const STEP = dec('0.001');
const TAKER = dec('0.001');

/** What the ticket's Max button and a strategy's maxBuyQty do: the most the cash pays for at `price`, fee included. */
function allIn(cash: Dec, price: Dec): Dec {
  let q = floorTo((cash * 10n ** 18n) / costWithFee(10n ** 18n, price, TAKER), STEP);
  while (costWithFee(q, price, TAKER) > cash) q -= STEP;
  return q;
}

const freeUsdt = (r: ReturnType<typeof paperRig>) => dec(r.engine.accountSnapshot().balances.find((b) => b.asset === 'USDT')!.free);

describe('spot buys never spend more than the cash', () => {
  it('an all-in market buy sized at 100 and filled at 101 is cut to what the cash pays for there; the rest expires with the reason', () => {
    const book = new PendingBook();
    const r = paperRig({ startBalance: '1000', book });
    r.feed.onPrice(SYM, 0, 100);
    const qty = allIn(dec('1000'), dec('100'));
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: format(qty) }, USER);
    r.feed.onPrice(SYM, 1, 101);

    const cash = r.engine.portfolio.cash;
    expect(cash >= 0n).toBe(true);
    const done = r.engine.order(o.id)!;
    const filled = dec(done.filledQty);
    // The largest quantity on the step that 1,000 USDT pays for at 101 with the fee; one step more would not be covered.
    expect(filled).toBe(allIn(dec('1000'), dec('101')));
    expect(filled < qty).toBe(true);
    expect(costWithFee(filled + STEP, dec('101'), TAKER) > dec('1000')).toBe(true);
    expect(cash).toBe(dec('1000') - costWithFee(filled, dec('101'), TAKER));
    expect(done.status).toBe('expired');
    expect(done.reason).toContain(`cut to ${format(filled)} TST`);
    expect(done.reason).toContain('fill price 101');
    expect(done.reason).toContain('fee included');
    expect(r.journal.orderEvents(o.id).map((e) => e.kind)).toEqual(['new', 'accepted', 'partially_filled', 'expired']);
    // What expired it, as data beside the words: a backtest's notes count cuts by it.
    expect(r.journal.findOrder('paper', o.id)?.expiredBy).toBe('cash-cut');
    expect(r.engine.positions()[0]).toMatchObject({ qty: format(filled) });
    // Nothing is held for the part that never filled: free cash is all the cash, and neither the
    // engine's reservations nor the risk gate's book still count the order.
    expect(freeUsdt(r)).toBe(cash);
    expect(book.order(o.id)).toBeUndefined();
    expect(book.side(SYM, 'user')?.buy ?? 0n).toBe(0n);
  });

  it('the screen never hears a negative free balance: the cut fill and the expiry of the rest go out as one change', () => {
    const r = paperRig({ startBalance: '1000' });
    r.feed.onPrice(SYM, 0, 100);
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: format(allIn(dec('1000'), dec('100'))) }, USER);
    const heard = r.events.length;
    r.feed.onPrice(SYM, 1, 101);
    expect(r.engine.order(o.id)?.status).toBe('expired');
    const after = r.events.slice(heard);
    const frees = after.filter((e) => e.name === 'trading.account').map((e) => (e.payload as { balances: { asset: string; free: string }[] }).balances.find((b) => b.asset === 'USDT')!.free);
    expect(frees.length).toBeGreaterThan(0);
    for (const free of frees) expect(dec(free) >= 0n, `free USDT ${free}`).toBe(true);
    // The order's partial fill and its expiry reach the screen together, the account after both.
    expect(after.map((e) => e.name)).toEqual(['trading.order', 'trading.fill', 'trading.order', 'trading.positions', 'trading.account']);
  });

  it('a buy the cash cannot pay one step of at the fill price fills nothing and says why', () => {
    const r = paperRig({ startBalance: '0.101' });
    r.feed.onPrice(SYM, 0, 100);
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '0.001' }, USER);
    r.feed.onPrice(SYM, 1, 101);
    const done = r.engine.order(o.id)!;
    expect(done).toMatchObject({ status: 'expired', filledQty: '0' });
    expect(done.reason).toContain('not filled');
    expect(r.journal.findOrder('paper', o.id)?.expiredBy).toBe('cash-unpaid');
    expect(done.reason).toContain('fill price 101');
    expect(r.engine.portfolio.cash).toBe(dec('0.101'));
    expect(r.engine.positions().filter((p) => p.qty !== '0')).toEqual([]);
    expect(freeUsdt(r)).toBe(dec('0.101'));
  });

  it('cash held by another open buy is not spent: the market buy takes only the free cash', () => {
    const book = new PendingBook();
    const r = paperRig({ startBalance: '1000', book });
    r.feed.onPrice(SYM, 0, 100);
    const resting = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '50' }, USER);
    const held = costWithFee(dec('1'), dec('50'), TAKER);
    const qty = allIn(dec('1000') - held, dec('100'));
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: format(qty) }, USER);
    r.feed.onPrice(SYM, 1, 101);
    const filled = dec(r.engine.order(o.id)!.filledQty);
    expect(filled).toBe(allIn(dec('1000') - held, dec('101')));
    expect(r.engine.order(resting.id)!.status).toBe('accepted');
    // Free cash never below zero, and what is locked is the resting limit's hold alone: the expired
    // remainder holds nothing, in the engine's reservations or as a pending buy in the gate's book.
    const usdt = r.engine.accountSnapshot().balances.find((b) => b.asset === 'USDT')!;
    expect(dec(usdt.free) >= 0n).toBe(true);
    expect(dec(usdt.locked)).toBe(held);
    expect(book.side(SYM, 'user')?.buy).toBe(dec('1'));
  });

  it('a buy the cash covers at its fill price fills whole', () => {
    const r = paperRig({ startBalance: '1000' });
    r.feed.onPrice(SYM, 0, 100);
    const qty = allIn(dec('1000'), dec('100'));
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: format(qty) }, USER);
    r.feed.onPrice(SYM, 1, 100);
    expect(r.engine.order(o.id)).toMatchObject({ status: 'filled', filledQty: format(qty), reason: null });
  });

  it('an order that expires for another reason is not marked as cut by the cash', () => {
    const r = paperRig({ startBalance: '1000' });
    r.feed.onPrice(SYM, 0, 100);
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90', timeInForce: 'IOC' }, USER);
    expect(r.engine.order(o.id)).toMatchObject({ status: 'expired' });
    expect(r.journal.findOrder('paper', o.id)?.expiredBy).toBeUndefined();
  });

  it("a margin account's long is cut as a spot buy is: 1× collateral, it borrows nothing; a buy covering a short is not", () => {
    // Before, the margin account filled it whole and the cash went below zero: a loan of the quote that paid no interest.
    const r = paperRig({ startBalance: '1000', mode: 'margin' });
    r.feed.onPrice(SYM, 0, 100);
    const qty = allIn(dec('1000'), dec('100'));
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: format(qty) }, USER);
    r.feed.onPrice(SYM, 1, 101);
    const filled = r.engine.order(o.id)!;
    expect(filled.status).toBe('expired');
    expect(dec(filled.filledQty)).toBeLessThan(qty);
    expect(r.engine.portfolio.cash).toBeGreaterThanOrEqual(0n);
    // A short of 9 sold at 100 (1,900 of cash), bought back after a jump to 250: the buy-back costs 2,250, more
    // than all the cash, and is filled whole (it ends the short, freeing its collateral).
    const m = paperRig({ startBalance: '1000', mode: 'margin' });
    m.feed.onPrice(SYM, 0, 100);
    m.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '9' }, USER);
    m.feed.onPrice(SYM, 1, 100);
    const cover = m.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '9' }, USER);
    m.feed.onPrice(SYM, 2, 250);
    expect(m.engine.order(cover.id)).toMatchObject({ status: 'filled', filledQty: '9' });
    expect(m.engine.portfolio.cash).toBeLessThan(0n);
  });

  it('sells are never cut', () => {
    const r = paperRig({ startBalance: '1000' });
    r.feed.onPrice(SYM, 0, 100);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '5' }, USER);
    r.feed.onPrice(SYM, 1, 100);
    const s = r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '5' }, USER);
    r.feed.onPrice(SYM, 2, 90);
    expect(r.engine.order(s.id)).toMatchObject({ status: 'filled', filledQty: '5' });
  });
});
