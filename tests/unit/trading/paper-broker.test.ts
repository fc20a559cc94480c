// The paper broker on its own, driven by hand: what fills, when, at what price, for how much.
import { describe, expect, it } from 'vitest';
import type { BrokerListener, BrokerOrder } from '../../../electron/trading/broker.ts';
import { MarketFeed } from '../../../electron/trading/market-feed.ts';
import { PaperMarketRules } from '../../../electron/trading/market-rules.ts';
import { FillModel, type FillModelOptions } from '../../../electron/trading/paper/fill-model.ts';
import { PaperBroker } from '../../../electron/trading/paper/paper-broker.ts';
import { dec, format } from '../../../shared/trading/decimal.ts';
import type { OrderType, Side, TimeInForce, Trail } from '../../../shared/trading/orders.ts';
import { TEST_RULES } from './rig.ts';

const SYM = 'TST/USDT';

type Report = [kind: string, id: string, ...rest: (string | number)[]];

function setup(model: FillModelOptions = {}) {
  const feed = new MarketFeed();
  const rules = new PaperMarketRules({ table: [TEST_RULES] });
  const broker = new PaperBroker({ feed, rules, clock: feed.clock, model: new FillModel({ slippageBps: 0, feeRate: 0.001, ...model }) });
  const reports: Report[] = [];
  const listener: BrokerListener = {
    accepted: (id, ts) => reports.push(['accepted', id, ts]),
    rejected: (id, _ts, reason) => reports.push(['rejected', id, reason]),
    filled: (f) => reports.push(['fill', f.orderId, format(f.price), format(f.qty), f.liquidity, f.ts, format(f.fee)]),
    cancelled: (id, _ts, reason) => reports.push(['cancelled', id, reason]),
    expired: (id, _ts, reason) => reports.push(['expired', id, reason]),
    triggered: (id, ts) => reports.push(['triggered', id, ts]),
    modified: (id) => reports.push(['modified', id]),
    trailMoved: (id, _ts, extreme) => reports.push(['trail', id, extreme]),
  };
  broker.connect(listener);
  let n = 0;
  const submit = (o: { side: Side; type: OrderType; qty: string; price?: string; trigger?: string; trail?: Trail; tif?: TimeInForce; postOnly?: boolean }): string => {
    const id = `o${++n}`;
    const order: BrokerOrder = {
      id,
      clientOrderId: id,
      symbol: SYM,
      side: o.side,
      type: o.type,
      qty: dec(o.qty),
      filledQty: 0n,
      price: o.price === undefined ? null : dec(o.price),
      triggerPrice: o.trigger === undefined ? null : dec(o.trigger),
      trail: o.trail ?? null,
      timeInForce: o.tif ?? 'GTC',
      postOnly: o.postOnly ?? false,
      reduceOnly: false,
      triggered: false,
      trailExtreme: null,
      submittedAt: feed.clock.now(),
    };
    broker.submit(order);
    return id;
  };
  const fills = (id?: string) => reports.filter((r) => r[0] === 'fill' && (id === undefined || r[1] === id)).map((r) => r.slice(2, 5));
  return { feed, broker, reports, submit, fills };
}

describe('paper broker: market orders', () => {
  it('fill at the next price point, never at the price already seen', () => {
    const t = setup();
    t.feed.onPrice(SYM, 1000, 100, 5);
    const id = t.submit({ side: 'buy', type: 'market', qty: '1' });
    expect(t.reports).toEqual([['accepted', id, 1000]]);
    expect(t.fills()).toEqual([]);
    t.feed.onPrice(SYM, 2000, 101, 5);
    expect(t.fills(id)).toEqual([['101', '1', 'taker']]);
  });

  it('placed on a bar close fill at the next bar open (bar mode: the backtest reference)', () => {
    const t = setup();
    t.feed.onBar(SYM, 0, 100, 105, 95, 102, 10, 60_000);
    const id = t.submit({ side: 'sell', type: 'market', qty: '2' });
    t.feed.onBar(SYM, 60_000, 103, 110, 90, 104, 10, 60_000);
    expect(t.reports.filter((r) => r[0] === 'fill')).toEqual([['fill', id, '103', '2', 'taker', 60_000, '0.206']]);
  });

  it("placed between a replayed candle's ticks fill where the next move starts, not at the far end of it", () => {
    // A replay paused at a bar's low (100) and a market buy sent there: the next tick is the bar's high (103),
    // a move along which every price traded, so the first prices after the order are at 100, not 103.
    const t = setup({ slippageBps: 10 });
    t.feed.onPrice(SYM, 0, 101);
    t.feed.onPrice(SYM, 20_000, 100, Number.NaN, true);
    const id = t.submit({ side: 'buy', type: 'market', qty: '1' });
    t.feed.onPrice(SYM, 40_000, 103, Number.NaN, true);
    // 100 × 1.001 = 100.1: the slippage on the price it met, not on the high.
    expect(t.fills(id)).toEqual([['100.1', '1', 'taker']]);
    // A jump (a live tick, a new bar's open) is still met at its price: nothing traded between.
    const jump = t.submit({ side: 'buy', type: 'market', qty: '1' });
    t.feed.onPrice(SYM, 60_000, 104);
    expect(t.fills(jump)).toEqual([['104.11', '1', 'taker']]);
  });

  it('placed between ticks, a stop rides the continuous move and fires at its trigger inside it', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 101);
    t.feed.onPrice(SYM, 20_000, 100, Number.NaN, true);
    const id = t.submit({ side: 'buy', type: 'stop-market', qty: '1', trigger: '101.5' });
    t.feed.onPrice(SYM, 40_000, 103, Number.NaN, true);
    expect(t.fills(id)).toEqual([['101.5', '1', 'taker']]);
  });

  it('move by the slippage model against the order, onto the tick grid', () => {
    const t = setup({ slippageBps: 10 });
    t.feed.onPrice(SYM, 0, 100);
    const buy = t.submit({ side: 'buy', type: 'market', qty: '1' });
    const sell = t.submit({ side: 'sell', type: 'market', qty: '1' });
    t.feed.onPrice(SYM, 1, 100.33);
    // 100.33 × 1.001 = 100.43033 → up to 100.44; × 0.999 = 100.22967 → down to 100.22.
    expect(t.fills(buy)).toEqual([['100.44', '1', 'taker']]);
    expect(t.fills(sell)).toEqual([['100.22', '1', 'taker']]);
  });

  it('walk the order book when one is given, and take the rest past it with slippage', () => {
    const t = setup({ slippageBps: 100 });
    t.feed.onPrice(SYM, 0, 100);
    t.feed.onBook(SYM, [[99.9, 1]], [[100.1, 0.5], [100.2, 1], [100.5, 1]]);
    const id = t.submit({ side: 'buy', type: 'market', qty: '3' });
    t.feed.onPrice(SYM, 1, 100.1);
    // 0.5 @ 100.1, 1 @ 100.2, 1 @ 100.5, then 0.5 beyond the book at 100.5 × 1.01 = 101.505 → 101.51.
    expect(t.fills(id)).toEqual([
      ['100.1', '0.5', 'taker'],
      ['100.2', '1', 'taker'],
      ['100.5', '1', 'taker'],
      ['101.51', '0.5', 'taker'],
    ]);
    // The book was used up: a second order starts past it.
    const again = t.submit({ side: 'buy', type: 'market', qty: '0.1' });
    t.feed.onPrice(SYM, 2, 100.1);
    expect(t.fills(again)).toEqual([['101.51', '0.1', 'taker']]);
  });
});

describe('paper broker: limit orders', () => {
  it('rest until the price trades at them, then fill as maker at the limit, limited by volume × participation', () => {
    const t = setup({ participation: 0.5 });
    t.feed.onPrice(SYM, 0, 100, 1);
    const id = t.submit({ side: 'buy', type: 'limit', qty: '5', price: '99' });
    t.feed.onPrice(SYM, 1, 99.5, 4);
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 2, 99, 4); // touch: 4 × 0.5 = 2
    t.feed.onPrice(SYM, 3, 98.5, 2); // through: 2 × 0.5 = 1
    expect(t.fills(id)).toEqual([
      ['99', '2', 'maker'],
      ['99', '1', 'maker'],
    ]);
    t.feed.onPrice(SYM, 4, 98, 100);
    expect(t.fills(id).at(-1)).toEqual(['99', '2', 'maker']);
    expect(t.fills(id)).toHaveLength(3);
  });

  it('without volume data fill only on a strict trade-through, never on a touch', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'sell', type: 'limit', qty: '1', price: '101' });
    t.feed.onPrice(SYM, 1, 101);
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 2, 101.01);
    expect(t.fills(id)).toEqual([['101', '1', 'maker']]);
  });

  it('share a point\'s volume in time priority', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const first = t.submit({ side: 'buy', type: 'limit', qty: '3', price: '99' });
    const second = t.submit({ side: 'buy', type: 'limit', qty: '3', price: '99' });
    t.feed.onPrice(SYM, 1, 99, 4);
    expect(t.fills(first)).toEqual([['99', '3', 'maker']]);
    expect(t.fills(second)).toEqual([['99', '1', 'maker']]);
  });

  it('fill inside a bar when the path passes their price; the bar volume is split over the four points', () => {
    const t = setup();
    t.feed.onBar(SYM, 0, 100, 100, 100, 100, 0, 60_000);
    const id = t.submit({ side: 'buy', type: 'limit', qty: '10', price: '97' });
    // Path 100 → 95 (low nearer) → 104 → 101; 8 volume, 2 per point.
    t.feed.onBar(SYM, 60_000, 100, 104, 95, 101, 8, 60_000);
    // Reached on the way to 95 (2), and passed again on the way up to 104 (2).
    expect(t.fills(id)).toEqual([
      ['97', '2', 'maker'],
      ['97', '2', 'maker'],
    ]);
  });

  it('that are marketable on arrival take liquidity at the next point, capped at their limit', () => {
    const t = setup({ slippageBps: 50 });
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '100.2' });
    t.feed.onPrice(SYM, 1, 100); // 100 × 1.005 = 100.5, capped at 100.2
    expect(t.fills(id)).toEqual([['100.2', '1', 'taker']]);
  });

  it('IOC takes what it can on arrival and expires the rest; a resting price never fills later', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    t.feed.onBook(SYM, [], [[100, 1], [100.5, 5]]);
    const ioc = t.submit({ side: 'buy', type: 'limit', qty: '3', price: '100.2', tif: 'IOC' });
    t.feed.onPrice(SYM, 1, 100);
    expect(t.fills(ioc)).toEqual([['100', '1', 'taker']]);
    expect(t.reports.find((r) => r[0] === 'expired' && r[1] === ioc)).toBeTruthy();
    const away = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '90', tif: 'IOC' });
    t.feed.onPrice(SYM, 2, 100);
    expect(t.reports.find((r) => r[0] === 'expired' && r[1] === away)?.[2]).toMatch(/immediate-or-cancel/);
  });

  it('FOK fills completely or not at all', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    t.feed.onBook(SYM, [], [[100, 1], [100.5, 5]]);
    const kill = t.submit({ side: 'buy', type: 'limit', qty: '3', price: '100.2', tif: 'FOK' });
    const fill = t.submit({ side: 'buy', type: 'limit', qty: '3', price: '100.5', tif: 'FOK' });
    t.feed.onPrice(SYM, 1, 100);
    expect(t.fills(kill)).toEqual([]);
    expect(t.reports.find((r) => r[0] === 'expired' && r[1] === kill)?.[2]).toMatch(/fill-or-kill/);
    expect(t.fills(fill)).toEqual([
      ['100', '1', 'taker'],
      ['100.5', '2', 'taker'],
    ]);
  });

  it('post-only that would take is rejected; one that rests fills as maker', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const taking = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '100', postOnly: true });
    expect(t.reports.find((r) => r[1] === taking)?.[0]).toBe('rejected');
    const resting = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '99.5', postOnly: true });
    expect(t.reports.find((r) => r[1] === resting)?.[0]).toBe('accepted');
    t.feed.onPrice(SYM, 1, 99);
    expect(t.fills(resting)).toEqual([['99.5', '1', 'maker']]);
  });
});

describe('paper broker: stops, take-profits and trailing stops', () => {
  it('a stop inside a bar fires at its trigger on the path, a gap fills at the open (the worse price)', () => {
    const t = setup();
    t.feed.onBar(SYM, 0, 100, 100, 100, 100, 0, 60_000);
    const inside = t.submit({ side: 'sell', type: 'stop-market', qty: '1', trigger: '97' });
    t.feed.onBar(SYM, 60_000, 100, 101, 96, 98, 0, 60_000);
    expect(t.fills(inside)).toEqual([['97', '1', 'taker']]);
    const gapped = t.submit({ side: 'sell', type: 'stop-market', qty: '1', trigger: '95' });
    t.feed.onBar(SYM, 120_000, 93, 94, 92, 93, 0, 60_000);
    expect(t.fills(gapped)).toEqual([['93', '1', 'taker']]);
  });

  it('follow the path order: in a bar that hits both, the nearer extreme decides which fires first', () => {
    // Open 100, high 103 (nearer), low 96: the path goes up first, so the take-profit wins.
    const t = setup();
    t.feed.onBar(SYM, 0, 100, 100, 100, 100, 0, 60_000);
    const stop = t.submit({ side: 'sell', type: 'stop-market', qty: '1', trigger: '97' });
    const tp = t.submit({ side: 'sell', type: 'take-profit', qty: '1', trigger: '102' });
    t.feed.onBar(SYM, 60_000, 100, 103, 96, 99, 0, 60_000);
    const order = t.reports.filter((r) => r[0] === 'triggered').map((r) => r[1]);
    expect(order).toEqual([tp, stop]);
    expect(t.fills(tp)).toEqual([['102', '1', 'taker']]);
    // Open 100, low 98 (nearer), high 104: down first, so the stop fires first.
    const u = setup();
    u.feed.onBar(SYM, 0, 100, 100, 100, 100, 0, 60_000);
    const stop2 = u.submit({ side: 'sell', type: 'stop-market', qty: '1', trigger: '99' });
    const tp2 = u.submit({ side: 'sell', type: 'take-profit', qty: '1', trigger: '103' });
    u.feed.onBar(SYM, 60_000, 100, 104, 98, 101, 0, 60_000);
    expect(u.reports.filter((r) => r[0] === 'triggered').map((r) => r[1])).toEqual([stop2, tp2]);
  });

  it('a buy stop fires on a rise; ticks are discrete, so a jump fills at the tick price', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'buy', type: 'stop-market', qty: '1', trigger: '101' });
    t.feed.onPrice(SYM, 1, 100.5);
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 2, 101.4);
    expect(t.fills(id)).toEqual([['101.4', '1', 'taker']]);
  });

  it('a stop-limit becomes a limit when triggered, resting if the price ran past it', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'sell', type: 'stop-limit', qty: '1', trigger: '98', price: '97.5' });
    t.feed.onPrice(SYM, 1, 97); // triggers at 97: a sell limit at 97.5 is not marketable at 97 → rests
    expect(t.reports.some((r) => r[0] === 'triggered' && r[1] === id)).toBe(true);
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 2, 97.6);
    expect(t.fills(id)).toEqual([['97.5', '1', 'maker']]);
  });

  it('a take-profit-limit triggers on the favourable move and takes at its limit or better', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'sell', type: 'take-profit-limit', qty: '1', trigger: '105', price: '104.5' });
    t.feed.onPrice(SYM, 1, 105.2);
    expect(t.fills(id)).toEqual([['105.2', '1', 'taker']]);
  });

  it('a trailing stop by amount follows the best price along the path and fires at the trailed level', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'sell', type: 'trailing-stop', qty: '1', trail: { amount: '2' } });
    t.feed.onPrice(SYM, 1, 100); // goes live at 100: stop 98
    t.feed.onBar(SYM, 60_000, 100, 106, 99.5, 105, 0, 60_000); // up to 106 (stop 104), close 105
    expect(t.fills(id)).toEqual([]);
    // Next bar: open 105, high 105.5 (nearer), low 103 → the path falls through 104 inside a segment.
    t.feed.onBar(SYM, 120_000, 105, 105.5, 103, 103.5, 0, 60_000);
    expect(t.fills(id)).toEqual([['104', '1', 'taker']]);
    expect(t.reports.filter((r) => r[0] === 'trail' && r[1] === id).map((r) => r[2])).toEqual([100, 106]);
  });

  it('a trailing stop by percent with an activation price waits for it, then trails', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'buy', type: 'trailing-stop', qty: '1', trail: { percent: 1 }, trigger: '95' });
    t.feed.onPrice(SYM, 1, 96);
    t.feed.onPrice(SYM, 2, 97); // not active yet: a 1 % trail from 96 would have fired at 96.96
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 3, 94); // active: best 94, stop 94.94
    t.feed.onPrice(SYM, 4, 93); // best 93, stop 93.93
    t.feed.onPrice(SYM, 5, 93.5);
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 6, 94.2);
    expect(t.fills(id)).toEqual([['94.2', '1', 'taker']]);
  });
});

describe('paper broker: latency, cancel, modify', () => {
  it('orders go live at submit time + latency: the points before it pass them by', () => {
    const t = setup({ latencyMs: 500 });
    t.feed.onPrice(SYM, 1000, 100);
    const id = t.submit({ side: 'buy', type: 'market', qty: '1' });
    expect(t.reports).toEqual([]);
    t.feed.onPrice(SYM, 1200, 101);
    expect(t.fills(id)).toEqual([]);
    t.feed.onPrice(SYM, 1500, 102);
    expect(t.reports.map((r) => r[0])).toEqual(['accepted', 'fill']);
    expect(t.fills(id)).toEqual([['102', '1', 'taker']]);
  });

  it('with latency inside a bar, the order meets the path point due after it', () => {
    const t = setup({ latencyMs: 15_000 });
    t.feed.onBar(SYM, 0, 100, 100, 100, 100, 0, 60_000);
    const id = t.submit({ side: 'buy', type: 'market', qty: '1' });
    // Clock is at 60,000 (bar close); live at 75,000. The next bar's path: open 101 at 60k, low 100.5
    // (nearer) at 80k, high 103 at 100k, close 102 at 120k.
    t.feed.onBar(SYM, 60_000, 101, 103, 100.5, 102, 0, 60_000);
    expect(t.fills(id)).toEqual([['100.5', '1', 'taker']]);
  });

  it('cancel stops an order; an order in flight is acknowledged, then cancelled', () => {
    const t = setup({ latencyMs: 1000 });
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '99' });
    t.broker.cancel(id, 'changed my mind');
    expect(t.reports).toEqual([
      ['accepted', id, 0],
      ['cancelled', id, 'changed my mind'],
    ]);
    t.feed.onPrice(SYM, 2000, 90);
    expect(t.fills()).toEqual([]);
  });

  it('modify changes price and quantity of a resting order', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const id = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '95' });
    t.broker.modify(id, { price: dec('99'), qty: dec('2') });
    t.feed.onPrice(SYM, 1, 98.9);
    expect(t.fills(id)).toEqual([['99', '2', 'maker']]);
  });

  it('cancel and modify find any working order, with a few working and with many (then by id), and none once done', () => {
    const t = setup();
    t.feed.onPrice(SYM, 0, 100);
    const ids = Array.from({ length: 40 }, (_, i) => t.submit({ side: 'buy', type: 'limit', qty: '1', price: (90 - i * 0.01).toFixed(2) }));
    const market = t.submit({ side: 'buy', type: 'market', qty: '1' });
    t.feed.onPrice(SYM, 1, 100);
    // Done: cancelling or modifying it does nothing.
    t.broker.cancel(market, 'late');
    t.broker.modify(market, { qty: dec('5') });
    for (const id of ids.slice(0, 30)) t.broker.cancel(id, 'thinning');
    // Back to a few working orders; one from the middle and the newest are still found.
    t.broker.modify(ids[35]!, { price: dec('99.5') });
    t.broker.cancel(ids[39]!, 'last');
    const kinds = (id: string) => t.reports.filter((r) => r[1] === id).map((r) => r[0]);
    expect(kinds(market)).toEqual(['accepted', 'fill']);
    expect(kinds(ids[0]!)).toEqual(['accepted', 'cancelled']);
    expect(kinds(ids[35]!)).toEqual(['accepted', 'modified']);
    expect(kinds(ids[39]!)).toEqual(['accepted', 'cancelled']);
    t.feed.onPrice(SYM, 2, 99.4);
    expect(t.fills(ids[35])).toEqual([['99.5', '1', 'maker']]);
    expect(t.fills().length).toBe(2);
  });

  it('keeps the per-bar path free of work when nothing is working', () => {
    const t = setup();
    for (let i = 0; i < 1000; i++) t.feed.onBar(SYM, i * 60_000, 100, 101, 99, 100 + (i % 3), 5, 60_000);
    expect(t.broker.lastPrice(SYM)).toBe(100 + (999 % 3));
    expect(t.reports).toEqual([]);
  });
});

describe('paper broker: asleep while nothing is working', () => {
  it('is off the feed between orders, and an order after a quiet stretch fills as if it had watched every bar', () => {
    const t = setup();
    let calls = 0;
    // A subscriber after the broker: it sees every bar, so the feed's fan-out is intact around the sleeper.
    t.feed.subscribe({ price: () => calls++, bar: () => calls++, book: () => {} });
    for (let i = 0; i < 50; i++) t.feed.onBar(SYM, i * 60_000, 100 + i, 101 + i, 99 + i, 100.5 + i, 5, 60_000);
    expect(calls).toBe(50);
    expect(t.broker.lastPrice(SYM)).toBe(149.5);
    // A market buy placed at the close of the 50th bar fills at the 51st bar's open.
    const id = t.submit({ side: 'buy', type: 'market', qty: '1' });
    t.feed.onBar(SYM, 50 * 60_000, 151, 152, 150, 151.5, 5, 60_000);
    expect(t.fills(id)).toEqual([['151', '1', 'taker']]);
    // Asleep again; a limit placed later rests from the price it arrives at and fills when the path reaches it.
    for (let i = 51; i < 60; i++) t.feed.onBar(SYM, i * 60_000, 150, 151, 149, 150, 5, 60_000);
    t.feed.onPrice(SYM, 60 * 60_000, 148);
    expect(t.broker.lastPrice(SYM)).toBe(148);
    const limit = t.submit({ side: 'buy', type: 'limit', qty: '1', price: '147' });
    t.feed.onBar(SYM, 61 * 60_000, 148, 148.5, 146, 147.5, 100, 60_000);
    expect(t.fills(limit)).toEqual([['147', '1', 'maker']]);
    expect(calls).toBe(62);
  });

  it('an order submitted with latency while asleep goes live on the path after its time', () => {
    const t = setup({ latencyMs: 30_000 });
    for (let i = 0; i < 5; i++) t.feed.onBar(SYM, i * 60_000, 100, 101, 99, 100, 5, 60_000);
    const id = t.submit({ side: 'sell', type: 'market', qty: '1' });
    // Submitted at 300,000 + 30 s latency: the open (300,000) and the low first (320,000) pass it by; it
    // arrives at the high (340,000) and takes there.
    t.feed.onBar(SYM, 5 * 60_000, 100, 104, 98, 103, 5, 60_000);
    expect(t.reports[0]).toEqual(['accepted', id, 340_000]);
    expect(t.fills(id)).toEqual([['104', '1', 'taker']]);
  });
});

