// The execution engine with the paper broker: idempotency, brackets and one-cancels-other, reduce-only,
// cancel, modify, close and reverse, risk refusals, emulated triggers, and events only after the journal.
import { describe, expect, it } from 'vitest';
import { MarketFeed } from '../../../electron/trading/market-feed.ts';
import { maxPositionNotional } from '../../../electron/risk/max-position-notional.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import { dec, format } from '../../../shared/trading/decimal.ts';
import type { Order } from '../../../shared/trading/orders.ts';
import { paperRig, USER } from './rig.ts';

const SYM = 'TST/USDT';
const bar = (r: ReturnType<typeof paperRig>, i: number, o: number, h: number, l: number, c: number, v = 1000) => r.feed.onBar(SYM, i * 60_000, o, h, l, c, v, 60_000);
const summary = (orders: Order[]) => orders.map((o) => `${o.type}:${o.side}:${o.qty}:${o.filledQty}:${o.status}`);

describe('execution engine', () => {
  it('is idempotent by client order id: the same id twice is one order', () => {
    const r = paperRig();
    r.feed.onPrice(SYM, 0, 100);
    const a = r.engine.submit({ clientOrderId: 'my-order-1', symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '99' }, USER);
    const b = r.engine.submit({ clientOrderId: 'my-order-1', symbol: SYM, side: 'buy', type: 'limit', qty: '5', price: '90' }, USER);
    expect(b.id).toBe(a.id);
    expect(b.qty).toBe('1');
    expect(r.engine.orders({ status: 'all', limit: 10 })).toHaveLength(1);
    // Still the same order after it is cancelled and gone from the open set.
    r.engine.cancel(a.id);
    expect(r.engine.submit({ clientOrderId: 'my-order-1', symbol: SYM, side: 'buy', type: 'market', qty: '1' }, USER)).toMatchObject({ id: a.id, status: 'cancelled' });
  });

  it('generates short unique client order ids when none is given', () => {
    const r = paperRig();
    r.feed.onPrice(SYM, 0, 100);
    const ids = Array.from({ length: 50 }, () => r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '0.01', price: '50' }, USER).clientOrderId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
  });

  it('does not repeat an earlier journal\'s client ids when a fresh journal starts the sequence again', () => {
    // Each engine starts at 1 on an empty journal; its start time is in the id, so a venue that still
    // remembers the first engine's orders never sees the same client id twice.
    const firstOrderId = (startMs: number) => {
      const feed = new MarketFeed();
      feed.onPrice(SYM, startMs, 100);
      const r = paperRig({ feed });
      return r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '0.01', price: '50' }, USER).clientOrderId;
    };
    const a = firstOrderId(1_700_000_000_000);
    const b = firstOrderId(1_700_000_000_001);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^k-1-/);
  });

  it('journals each change before the event goes out', () => {
    const r = paperRig();
    r.feed.onPrice(SYM, 0, 100);
    const seen: string[] = [];
    r.bus.on('trading.order', (o) => {
      const stored = r.journal.findOrder('paper', o.id)!;
      seen.push(`${o.status}/${stored.status}`);
      // The state the event reports is in the journal's history already (later states may be too).
      expect(r.journal.orderEvents(o.id).some((e) => e.status === o.status)).toBe(true);
    });
    r.bus.on('trading.fill', (f) => expect(r.journal.fills('paper', { limit: 5 }).some((x) => x.id === f.id)).toBe(true));
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1' }, USER);
    r.feed.onPrice(SYM, 1, 101);
    expect(seen).toEqual(['new/accepted', 'accepted/accepted', 'filled/filled']);
    expect(r.journal.orderEvents(o.id).map((e) => e.kind)).toEqual(['new', 'accepted', 'filled']);
    expect(r.of('trading.positions').at(-1)!.positions[0]).toMatchObject({ symbol: SYM, ledger: 'user', qty: '1', avgEntryPrice: '101' });
    expect(r.of('trading.account').at(-1)).toMatchObject({ mode: 'paper', quoteAsset: 'USDT' });
  });

  it('records who placed an order and keeps each ledger apart', () => {
    const r = paperRig();
    r.feed.onPrice(SYM, 0, 100);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1' }, USER);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '2' }, { kind: 'strategy', id: 'ma-cross' });
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '3' }, { kind: 'ai', confidence: 0.7, decisionId: 'd1' });
    r.feed.onPrice(SYM, 1, 100);
    expect(r.engine.positions().map((p) => [p.ledger, p.qty])).toEqual([
      ['user', '1'],
      ['strategy:ma-cross', '2'],
      ['ai', '3'],
    ]);
    expect(r.engine.fills({ limit: 10 }).map((f) => f.origin.kind).sort()).toEqual(['ai', 'strategy', 'user']);
    // The AI cannot sell what the user holds.
    expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '4' }, { kind: 'ai', confidence: 0.9 })).toThrow(/the ai ledger holds 3 TST/);
  });

  describe('brackets', () => {
    it('place the stop and targets as the entry fills, sized to the filled quantity', () => {
      const r = paperRig();
      bar(r, 0, 100, 100, 100, 100);
      const entry = r.engine.submit(
        { symbol: SYM, side: 'buy', type: 'limit', qty: '4', price: '99', bracket: { stopLoss: { triggerPrice: '95' }, takeProfits: [{ price: '105', fraction: 0.5 }, { price: '110', fraction: 0.5 }] } },
        USER,
      );
      expect(r.engine.orders({ status: 'open', limit: 10 })).toHaveLength(1);
      // 1,000 volume per point but only 1 per point at the limit: limit the volume to see partial fills.
      r.feed.onPrice(SYM, 60_000, 99, 1); // entry fills 1 → stop 1, TP1 0.5, TP2 0.5
      const kids = () => r.engine.orders({ status: 'open', limit: 10 }).filter((o) => o.parentId === entry.id);
      expect(summary(kids())).toEqual(['limit:sell:0.5:0:accepted', 'limit:sell:0.5:0:accepted', 'stop-market:sell:1:0:accepted']);
      expect(new Set(kids().map((k) => k.ocoGroup))).toEqual(new Set([`oco-${entry.id}`]));
      r.feed.onPrice(SYM, 60_001, 98.5, 3); // entry fills the other 3 → children grow
      expect(summary(kids())).toEqual(['limit:sell:2:0:accepted', 'limit:sell:2:0:accepted', 'stop-market:sell:4:0:accepted']);
      expect(kids().every((k) => k.reduceOnly)).toBe(true);
    });

    it('a filled target shrinks the stop; the stop filling cancels the rest (one-cancels-other)', () => {
      const r = paperRig();
      bar(r, 0, 100, 100, 100, 100);
      const entry = r.engine.submit(
        { symbol: SYM, side: 'buy', type: 'market', qty: '2', bracket: { stopLoss: { triggerPrice: '95' }, takeProfits: [{ price: '104', fraction: 0.5 }, { price: '108', fraction: 0.5 }] } },
        USER,
      );
      bar(r, 1, 100, 105, 99, 103); // entry at 100; TP1 104 reached on the way to 105 → stop shrinks to 1
      const children = () => r.engine.orders({ status: 'all', limit: 20 }).filter((o) => o.parentId === entry.id);
      expect(summary(children())).toEqual(['limit:sell:1:0:accepted', 'limit:sell:1:1:filled', 'stop-market:sell:1:0:accepted']);
      bar(r, 2, 103, 103.5, 94, 95); // stop fires at 95 → TP2 cancelled
      expect(summary(children())).toEqual(['limit:sell:1:0:cancelled', 'limit:sell:1:1:filled', 'stop-market:sell:1:1:filled']);
      expect(children()[0]!.reason).toBe('bracket: nothing left to protect');
      expect(r.engine.positions()[0]).toMatchObject({ qty: '0', realizedPnl: '-1' }); // +4 − 5
      expect(r.engine.orders({ status: 'open', limit: 10 })).toEqual([]);
    });

    it("children placed as the entry fills at a bar's open work from that price: the bar's close is no price they met", () => {
      const r = paperRig();
      bar(r, 0, 100, 100, 100, 100);
      r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1', bracket: { stopLoss: { triggerPrice: '98' }, takeProfits: [{ price: '104', fraction: 1 }] } }, USER);
      // The entry fills at 100; the path goes down to 95 first: the stop, resting from 100, fills at 98 as
      // the price passes it (not at 95 where the move ended), and the close of 108 never touched the target.
      bar(r, 1, 100, 110, 95, 108);
      const fills = r.engine.fills({ limit: 10 });
      expect(fills.map((f) => [f.side, f.price])).toEqual([
        ['sell', '98'],
        ['buy', '100'],
      ]);
    });

    it('a trailing stop as the stop: it follows the best price from the entry and fills that far behind it', () => {
      const r = paperRig();
      bar(r, 0, 100, 100, 100, 100);
      const entry = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1', bracket: { trailingStop: { percent: 5 }, takeProfits: [{ price: '120', fraction: 1 }] } }, USER);
      bar(r, 1, 100, 110, 99.5, 108); // trails from the entry (100), up to 110: the stop is at 104.5
      const kids = () => r.engine.orders({ status: 'all', limit: 10 }).filter((o) => o.parentId === entry.id);
      expect(summary(kids())).toEqual(['limit:sell:1:0:accepted', 'trailing-stop:sell:1:0:accepted']);
      bar(r, 2, 108, 109, 100, 101); // falls through 104.5: filled there; the target is cancelled
      expect(summary(kids())).toEqual(['limit:sell:1:0:cancelled', 'trailing-stop:sell:1:1:filled']);
      expect(r.engine.fills({ limit: 10 })[0]).toMatchObject({ side: 'sell', price: '104.5' });
      // A bracket has one stop: a fixed one and a trailing one together are refused.
      expect(() => r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1', bracket: { stopLoss: { triggerPrice: '95' }, trailingStop: { percent: 3 } } }, USER)).toThrow(
        /a bracket takes a stopLoss or a trailingStop, not both/,
      );
    });

    it("percent legs are set from the entry's fill, on the tick away from it, and a short's target must stay above 0", () => {
      const r = paperRig({ mode: 'margin' });
      bar(r, 0, 100, 100, 100, 100);
      // Decided at 100; the bar opens at 110.37, where the entry fills: 2 % under that is 108.1626 → 108.16, 3 % over 113.6811 → 113.69.
      const entry = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1', bracket: { stopLoss: { percent: 2 }, takeProfits: [{ percent: 3, fraction: 1 }] } }, USER);
      bar(r, 1, 110.37, 110.5, 110.3, 110.4);
      const kids = () => r.engine.orders({ status: 'all', limit: 10 }).filter((o) => o.parentId === entry.id);
      expect(kids().map((o) => [o.type, o.triggerPrice ?? o.price])).toEqual([
        ['limit', '113.69'],
        ['stop-market', '108.16'],
      ]);
      // A short's: the stop above its fill, the target below.
      const short = r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '2', bracket: { stopLoss: { percent: 2 }, takeProfits: [{ percent: 3, fraction: 1 }] } }, { kind: 'strategy', id: 's' });
      bar(r, 2, 110.4, 110.5, 110.3, 110.4);
      const shortKids = r.engine.orders({ status: 'open', limit: 10 }).filter((o) => o.parentId === short.id);
      // 110.4 × 1.02 = 112.608 → 112.61 (up, away); 110.4 × 0.97 = 107.088 → 107.08 (down, away).
      expect(shortKids.map((o) => [o.type, o.triggerPrice ?? o.price])).toEqual([
        ['limit', '107.08'],
        ['stop-market', '112.61'],
      ]);
      expect(() => r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1', bracket: { takeProfits: [{ percent: 100, fraction: 1 }] } }, USER)).toThrow(
        /take-profit 1 of a short is a percent below the entry's fill, so below 100; 100 is not/,
      );
      // What a percent stop risks is measured from the price the order is sized at, before it fills: 5 %
      // of 110.4 (5.52), and the taker fee (0.1 %) in at 110.4 and out at 104.88.
      const preview = r.engine.preview({ symbol: SYM, side: 'buy', type: 'market', qty: '1', bracket: { stopLoss: { percent: 5 } } }, USER);
      expect(preview.riskToStop).toBe('5.73528');
    });

    it("percent legs follow the entry's average fill as more of it fills", () => {
      const r = paperRig();
      r.feed.onPrice(SYM, 0, 100);
      // The book takes the entry in two pieces: 2 at 100 (the children are placed there, 98 and 105), then 2 at 104.
      r.feed.onBook(SYM, [[99.9, 5]], [[100, 2], [104, 2]]);
      const entry = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '4', bracket: { stopLoss: { percent: 2 }, takeProfits: [{ percent: 5, fraction: 1 }] } }, USER);
      r.feed.onPrice(SYM, 1, 100);
      expect(r.engine.order(entry.id)).toMatchObject({ status: 'filled', avgFillPrice: '102' });
      // The average is 102: the stop moved up to 99.96 and the target to 107.1, both for all 4.
      const kids = r.engine.orders({ status: 'open', limit: 10 }).filter((o) => o.parentId === entry.id);
      expect(kids.map((o) => `${o.type}:${o.triggerPrice ?? o.price}:${o.qty}`).sort()).toEqual(['limit:107.1:4', 'stop-market:99.96:4']);
    });

    it('trimExits cuts a bracket\'s children to what a partial exit leaves, and resyncExits puts them back', () => {
      const r = paperRig();
      bar(r, 0, 100, 100, 100, 100);
      const entry = r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '2', bracket: { stopLoss: { triggerPrice: '95' }, takeProfits: [{ price: '110', fraction: 1 }] } }, USER);
      bar(r, 1, 100, 100.5, 99.5, 100);
      const kids = () => summary(r.engine.orders({ status: 'all', limit: 10 }).filter((o) => o.parentId === entry.id));
      expect(kids()).toEqual(['limit:sell:2:0:accepted', 'stop-market:sell:2:0:accepted']);
      r.engine.trimExits(SYM, 'user', 'sell', dec('0.5'), 'trimmed');
      expect(kids()).toEqual(['limit:sell:0.5:0:accepted', 'stop-market:sell:0.5:0:accepted']);
      // No sale came: back to the whole position.
      r.engine.resyncExits(SYM, 'user');
      expect(kids()).toEqual(['limit:sell:2:0:accepted', 'stop-market:sell:2:0:accepted']);
      // Cut to nothing: cancelled, saying why.
      r.engine.trimExits(SYM, 'user', 'sell', 0n, 'the strategy sells it all');
      expect(kids()).toEqual(['limit:sell:2:0:cancelled', 'stop-market:sell:2:0:cancelled']);
      expect(r.engine.orders({ status: 'all', limit: 10 }).find((o) => o.parentId === entry.id)!.reason).toBe('the strategy sells it all');
    });

    it('a stop-limit stop-loss and a short bracket on a margin account', () => {
      const r = paperRig({ mode: 'margin' });
      bar(r, 0, 100, 100, 100, 100);
      const entry = r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1', bracket: { stopLoss: { triggerPrice: '103', price: '104' }, takeProfits: [{ price: '90', fraction: 1 }] } }, USER);
      bar(r, 1, 100, 100.5, 99, 100);
      const kids = r.engine.orders({ status: 'open', limit: 10 }).filter((o) => o.parentId === entry.id);
      expect(summary(kids)).toEqual(['limit:buy:1:0:accepted', 'stop-limit:buy:1:0:accepted']);
      bar(r, 2, 100, 106, 99.5, 105); // up through 103: the stop-limit buys at 103 (limit 104 not reached)
      expect(r.engine.positions()[0]).toMatchObject({ qty: '0', realizedPnl: '-3' });
      expect(r.engine.orders({ status: 'open', limit: 10 })).toEqual([]);
    });
  });

  it('shrinks or cancels reduce-only orders when the position they reduce gets smaller', () => {
    const r = paperRig();
    bar(r, 0, 100, 100, 100, 100);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '3' }, USER);
    bar(r, 1, 100, 100, 100, 100);
    const ro = r.engine.submit({ symbol: SYM, side: 'sell', type: 'limit', qty: '2', price: '110', reduceOnly: true }, USER);
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '2' }, USER);
    bar(r, 2, 100, 100, 100, 100);
    expect(r.engine.order(ro.id)).toMatchObject({ qty: '1', status: 'accepted' });
    r.engine.submit({ symbol: SYM, side: 'sell', type: 'market', qty: '1', reduceOnly: true }, USER);
    bar(r, 3, 100, 100, 100, 100);
    expect(r.engine.order(ro.id)).toMatchObject({ status: 'cancelled', reason: 'reduce-only: the user TST/USDT position it would reduce is closed' });
  });

  it('cancels, cancels all, and says why it cannot cancel a closed order', () => {
    const r = paperRig();
    r.feed.onPrice(SYM, 0, 100);
    r.feed.onPrice('BTC/USDT', 0, 60_000);
    const a = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90' }, USER);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '91' }, USER);
    r.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: '50000' }, USER);
    expect(r.engine.cancel(a.id)).toMatchObject({ status: 'cancelled', reason: 'cancelled by the user' });
    expect(() => r.engine.cancel(a.id)).toThrow(`order ${a.id} is cancelled; there is nothing to cancel`);
    expect(() => r.engine.cancel('paper-999')).toThrow('no order paper-999 in the paper account');
    expect(r.engine.cancelAll({ symbol: SYM }).map((o) => o.status)).toEqual(['cancelled']);
    expect(r.engine.orders({ status: 'open', limit: 10 }).map((o) => o.symbol)).toEqual(['BTC/USDT']);
    expect(r.engine.cancelAll()).toHaveLength(1);
    expect(r.engine.accountSnapshot().balances[0]).toEqual({ asset: 'USDT', free: '10000', locked: '0' });
  });

  it('modifies price, quantity and trigger of open orders, checking them like new ones', () => {
    const r = paperRig();
    r.feed.onPrice(SYM, 0, 100);
    const o = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '90' }, USER);
    expect(r.engine.modify(o.id, { price: '95', qty: '2' })).toMatchObject({ price: '95', qty: '2' });
    expect(r.journal.orderEvents(o.id).at(-1)).toMatchObject({ kind: 'modified', detail: 'qty 1 → 2, price 90 → 95' });
    expect(r.engine.accountSnapshot().balances[0]!.locked).toBe('190.19');
    expect(() => r.engine.modify(o.id, { price: '95.001' })).toThrow(/tick size 0.01/);
    expect(() => r.engine.modify(o.id, { qty: '1000' })).toThrow(/needs 95095 USDT \(fee included\)/);
    expect(() => r.engine.modify(o.id, { triggerPrice: '99' })).toThrow(/a limit order has no trigger/);
    r.feed.onPrice(SYM, 1, 94.9);
    expect(r.engine.order(o.id)).toMatchObject({ status: 'filled', avgFillPrice: '95' });
    const s = r.engine.submit({ symbol: SYM, side: 'sell', type: 'stop-market', qty: '1', triggerPrice: '90' }, USER);
    expect(r.engine.modify(s.id, { triggerPrice: '92' })).toMatchObject({ triggerPrice: '92' });
    expect(() => r.engine.modify(s.id, { triggerPrice: '96' })).toThrow(/already at or above the last price 94.9/);
  });

  it('closes and reverses positions', () => {
    const spot = paperRig();
    bar(spot, 0, 100, 100, 100, 100);
    spot.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '2', bracket: { stopLoss: { triggerPrice: '90' } } }, USER);
    bar(spot, 1, 100, 100, 100, 100);
    expect(() => spot.engine.reversePosition(SYM, 'user', USER)).toThrow(/a spot account cannot go short/);
    const close = spot.engine.closePosition(SYM, 'user', USER);
    expect(close).toMatchObject({ side: 'sell', type: 'market', qty: '2', reduceOnly: true, status: 'accepted' });
    // The bracket's stop held the coins; it was cancelled first.
    expect(spot.engine.orders({ status: 'all', limit: 10 }).find((o) => o.type === 'stop-market')).toMatchObject({ status: 'cancelled' });
    bar(spot, 2, 101, 101, 101, 101);
    expect(spot.engine.positions()[0]).toMatchObject({ qty: '0', realizedPnl: '2' });
    expect(() => spot.engine.closePosition(SYM, 'user', USER)).toThrow('the user ledger has no TST/USDT position to close');

    const margin = paperRig({ mode: 'margin' });
    bar(margin, 0, 100, 100, 100, 100);
    margin.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1.5' }, USER);
    bar(margin, 1, 100, 100, 100, 100);
    expect(margin.engine.reversePosition(SYM, 'user', USER)).toMatchObject({ side: 'sell', qty: '3' });
    bar(margin, 2, 100, 100, 100, 100);
    expect(margin.engine.positions()[0]).toMatchObject({ qty: '-1.5', avgEntryPrice: '100' });
  });

  it('the user can close a strategy ledger\'s position; the order says the user did it', () => {
    const r = paperRig();
    bar(r, 0, 100, 100, 100, 100);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '1' }, { kind: 'strategy', id: 's1' });
    bar(r, 1, 100, 100, 100, 100);
    const close = r.engine.closePosition(SYM, 'strategy:s1', USER);
    expect(close).toMatchObject({ origin: { kind: 'user' }, ledger: 'strategy:s1' });
    bar(r, 2, 100, 100, 100, 100);
    expect(r.engine.positions().find((p) => p.ledger === 'strategy:s1')?.qty).toBe('0');
  });

  it('turns a risk refusal into a rejected order, journaled with the rule and the numbers', () => {
    const r = paperRig({ risk: [maxPositionNotional(dec('500'))] });
    r.feed.onPrice(SYM, 0, 100);
    const ok = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '3', price: '99' }, USER);
    expect(ok.status).toBe('accepted');
    const no = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '3', price: '99' }, USER);
    expect(no.status).toBe('rejected');
    expect(no.reason).toBe("risk: max-position-notional: the user ledger's TST/USDT position would be 6 (594 USDT at 99, open orders included), above the limit of 500 USDT");
    expect(r.journal.orderEvents(no.id).map((e) => [e.kind, e.status])).toEqual([
      ['new', 'new'],
      ['rejected', 'rejected'],
    ]);
    // Cancels always pass, and reducing orders are not checked.
    expect(r.engine.cancel(ok.id).status).toBe('cancelled');
  });

  it('a change of an order refused by a risk rule names the rule as data, resting or emulated', () => {
    for (const nativeTypes of [undefined, ['market', 'limit'] as const]) {
      const r = paperRig({ risk: [maxPositionNotional(dec('500'))], ...(nativeTypes ? { nativeTypes: [...nativeTypes] } : {}) });
      bar(r, 0, 100, 100, 100, 100);
      // A resting limit buy, and (on a venue without stops) a stop buy the engine holds itself.
      const limit = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '1', price: '99' }, USER);
      const stop = r.engine.submit({ symbol: SYM, side: 'buy', type: 'stop-market', qty: '1', triggerPrice: '110' }, USER);
      expect(r.journal.findOrder('paper', stop.id)?.emulated).toBe(nativeTypes !== undefined);
      for (const o of [limit, stop]) {
        let thrown: unknown;
        try {
          r.engine.modify(o.id, { qty: '6' });
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(OrderRefusedError);
        expect(thrown).toMatchObject({ kind: 'max-position-notional', message: expect.stringMatching(/^order refused: risk: max-position-notional: /) });
        expect(r.engine.order(o.id)).toMatchObject({ qty: '1' });
      }
    }
  });

  it('emulates triggers the venue cannot hold, and sends what they become when they fire', () => {
    const r = paperRig({ nativeTypes: ['market', 'limit'] });
    bar(r, 0, 100, 100, 100, 100);
    r.engine.submit({ symbol: SYM, side: 'buy', type: 'market', qty: '2' }, USER);
    bar(r, 1, 100, 100, 100, 100);
    const stop = r.engine.submit({ symbol: SYM, side: 'sell', type: 'stop-market', qty: '1', triggerPrice: '95' }, USER);
    const trail = r.engine.submit({ symbol: SYM, side: 'sell', type: 'trailing-stop', qty: '1', trail: { amount: '3' } }, USER);
    expect(stop.status).toBe('accepted');
    expect(r.journal.findOrder('paper', stop.id)).toMatchObject({ emulated: true, triggered: false });
    bar(r, 2, 100, 108, 99, 106); // trail best 108 → level 105
    expect(r.engine.order(trail.id)).toMatchObject({ trailingStopPrice: '105', triggered: false });
    bar(r, 3, 106, 106, 94, 94.5); // trail fires (market sent, fills at the next point); the stop fires at 95 → market
    expect(r.engine.order(trail.id)).toMatchObject({ triggered: true });
    bar(r, 4, 94, 94, 94, 94);
    expect(r.engine.order(stop.id)).toMatchObject({ status: 'filled', triggered: true });
    expect(r.engine.order(trail.id)).toMatchObject({ status: 'filled' });
    expect(r.journal.orderEvents(stop.id).map((e) => e.kind)).toEqual(['new', 'accepted', 'triggered', 'filled']);
  });

  it('checks the account can pay across open orders and releases what closed orders held', () => {
    const r = paperRig({ startBalance: '1000' });
    r.feed.onPrice(SYM, 0, 100);
    const a = r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '5', price: '99' }, USER);
    expect(() => r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '6', price: '99' }, USER)).toThrow(/needs 594.59 USDT \(fee included\); 504.51 USDT is free/);
    r.engine.cancel(a.id);
    expect(r.engine.submit({ symbol: SYM, side: 'buy', type: 'limit', qty: '6', price: '99' }, USER).status).toBe('accepted');
    expect(format(r.engine.portfolio.cash)).toBe('1000');
  });
});
