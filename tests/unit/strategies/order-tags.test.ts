// Order tags through the one engine: a strategy says why it placed an order (ctx.buy(qty, { tag }),
// ctx.closePosition(tag)), the engine keeps the tag on the order (the wire, the journal), each trade
// carries its entry's and its exit's, and the breakdowns count them. Hand-made BTC/USDT bars, no fees,
// so every P&L is worked out by hand.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { entriesExtra } from '../../../electron/backtest/entry-table.ts';
import { exitsExtra } from '../../../electron/backtest/exit-table.ts';
import { OrderRefusedError } from '../../../electron/trading/order-refused.ts';
import { defineStrategy, type OrderOptions } from '../../../electron/strategies/strategy.ts';
import { entryTagBreakdown, entryTagsTell, MAX_ENTRY_TAG_ROWS } from '../../../shared/backtest/entry-tags.ts';
import { exitBreakdown, NO_EXITS, splitsSignalExits, type RunExits } from '../../../shared/backtest/run-exits.ts';
import { tagsAreSides } from '../../../shared/backtest/sides.ts';
import { ORDER_TAG_VALID } from '../../../shared/trading/orders.ts';
import { HOUR, handBars } from '../../helpers/hand-bars.ts';
import { paperRig, USER } from '../trading/rig.ts';

/** Per bar index: what to do at its close (buy 1 with options, or close with a tag). */
type Script = Record<number, { buy: OrderOptions | undefined } | { close: string | undefined }>;

function scripted(script: Script) {
  return defineStrategy({
    name: 'tagger',
    description: 'does what the script says',
    params: {},
    indicators: () => [],
    create(_p, ctx) {
      return {
        onBar(bar) {
          const step = script[bar.index];
          if (!step) return;
          if ('buy' in step) ctx.buy(1, step.buy);
          else ctx.closePosition(step.close);
        },
      };
    },
  });
}

function run(script: Script, closes: number[], exits: RunExits = NO_EXITS) {
  const candles = handBars(closes.map((c, i) => [i === 0 ? c : closes[i - 1]!, Math.max(c, closes[i - 1] ?? c), Math.min(c, closes[i - 1] ?? c), c]));
  return runBacktest({ def: scripted(script), params: {}, symbol: 'BTC/USDT', candles, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 0, exits });
}

describe('order tags in a backtest', () => {
  // An order placed at bar i's close fills at bar i+1's open, which is bar i's close: entries at 100, 110
  // and 100, exits at 120 and 105, the last trade open at the end at 130.
  const closes = [100, 100, 120, 110, 110, 105, 100, 100, 130];
  const script: Script = {
    0: { buy: { tag: 'breakout' } },
    2: { close: 'target' },
    3: { buy: { tag: 'dip' } },
    5: { close: 'timeout' },
    6: { buy: { tag: 'breakout' } },
  };

  it('each trade carries the tags of the orders that opened and closed it; the fills carry their order tags', () => {
    const r = run(script, closes);
    expect(r.trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl, t.entryTag, t.exitTag ?? t.exit])).toEqual([
      [100, 120, 20, 'breakout', 'target'],
      [110, 105, -5, 'dip', 'timeout'],
      [100, 130, 30, 'breakout', 'open'],
    ]);
    expect(r.fills.map((f) => f.tag)).toEqual(['breakout', 'target', 'dip', 'timeout', 'breakout']);
  });

  it('breaks the closed trades down by entry tag and the exits by their tags, counted by hand', () => {
    const r = run(script, closes);
    // The open breakout is not counted: one breakout (+20) and one dip (−5) closed.
    expect(entryTagBreakdown(r.trades)).toEqual([
      { tag: 'breakout', trades: 1, winRatePct: 100, pnl: 20, avgPnl: 20, avgReturnPct: 20, profitFactor: Infinity },
      { tag: 'dip', trades: 1, winRatePct: 0, pnl: -5, avgPnl: -5, avgReturnPct: (-5 / 110) * 100, profitFactor: 0 },
    ]);
    expect(exitBreakdown(r.trades).map((x) => [x.reason, x.tag, x.trades, x.pnl])).toEqual([
      ['signal', 'target', 1, 20],
      ['signal', 'timeout', 1, -5],
      ['open', undefined, 1, 30],
    ]);
    expect(entriesExtra(r)!.rows).toEqual([
      ['entry tag', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return', 'profit factor'],
      ['breakout', '1', '100.00%', '20.00', '20.00', '20.00%', '∞'],
      ['dip', '1', '0.00%', '-5.00', '-5.00', '-4.55%', '0.00'],
    ]);
    expect(exitsExtra(r)!.rows.map((row) => row[0])).toEqual(['exit', 'target', 'timeout', 'open']);
  });

  it("a tag alone keeps the run's exits; {} still places none", () => {
    // A 2 % stop from the run: the entry at 100 is stopped at 98 on the way down to 90.
    const falls = [100, 100, 90, 90];
    const tagged = run({ 0: { buy: { tag: 'breakout' } } }, falls, { stopLossPct: 2, takeProfitPct: null });
    expect(tagged.trades.map((t) => [t.entryTag, t.exit, t.exitPrice])).toEqual([['breakout', 'stop-loss', 98]]);
    const none = run({ 0: { buy: {} } }, falls, { stopLossPct: 2, takeProfitPct: null });
    expect(none.trades.map((t) => [t.exit, t.closed])).toEqual([['open', false]]);
    // A tag with an exit of its own: that exit, not the run's.
    const own = run({ 0: { buy: { tag: 'tight', stopLossPct: 5 } } }, falls, { stopLossPct: 2, takeProfitPct: null });
    expect(own.trades.map((t) => [t.entryTag, t.exit, t.exitPrice])).toEqual([['tight', 'stop-loss', 95]]);
  });

  it('an untagged run reads as before: no entry rows, no split exits, no tag on any fill', () => {
    const r = run({ 0: { buy: undefined }, 2: { close: undefined } }, [100, 100, 120, 120]);
    expect(r.fills.every((f) => !('tag' in f))).toBe(true);
    expect(r.trades.every((t) => !('entryTag' in t) && !('exitTag' in t))).toBe(true);
    expect(entryTagBreakdown(r.trades)).toEqual([]);
    expect(entriesExtra(r)).toBeNull();
    expect(exitsExtra(r)).toBeNull();
  });

  it('a tag that is not one stops the run, naming the tag and what a tag may be', () => {
    expect(() => run({ 0: { buy: { tag: 'two  spaces' } } }, [100, 100])).toThrow(`tagger stopped the run at bar 0, closed at 2024-01-01T01:00:00Z: tagger: order tag "two  spaces" is not valid: ${ORDER_TAG_VALID}`);
    expect(() => run({ 0: { buy: { tag: 'x'.repeat(41) } } }, [100, 100])).toThrow(/is not valid: a tag is 1 to 40 characters/);
    expect(() => run({ 0: { buy: { tag: 'rsi<30' } } }, [100, 100])).not.toThrow();
  });
});

describe('the tag breakdowns', () => {
  const trade = (entryTag: string | undefined, exitTag: string | undefined, pnl: number) => ({ entryTag, exitTag, closed: true, pnl, returnPct: pnl / 10, exit: 'signal' as const });

  it('puts the untagged entries in a row of their own, last among equals, and most trades first', () => {
    const rows = entryTagBreakdown([trade('a', undefined, 1), trade(undefined, undefined, 2), trade('b', undefined, -1), trade('b', undefined, 3)]);
    expect(rows.map((x) => [x.tag, x.trades, x.pnl])).toEqual([
      ['b', 2, 2],
      ['a', 1, 1],
      [null, 1, 2],
    ]);
  });

  it(`keeps at most ${MAX_ENTRY_TAG_ROWS} rows: the tags with the fewest trades share the last`, () => {
    const many = Array.from({ length: 30 }, (_, i) => Array.from({ length: 30 - i }, () => trade(`t${i}`, undefined, 1))).flat();
    const rows = entryTagBreakdown(many);
    expect(rows).toHaveLength(MAX_ENTRY_TAG_ROWS);
    expect(rows[0]).toMatchObject({ tag: 't0', trades: 30 });
    // t19 .. t29: 11 .. 1 trades each.
    expect(rows.at(-1)).toMatchObject({ tag: '(11 other tags)', trades: 11 + 10 + 9 + 8 + 7 + 6 + 5 + 4 + 3 + 2 + 1 });
    expect(rows.reduce((n, x) => n + x.trades, 0)).toBe(many.length);
  });

  it('a table by tag is left out when its tags are the sides, one each (the Sides table says it)', () => {
    const sided = (side: 'long' | 'short', entryTag: string) => ({ side, entryTag, closed: true, pnl: 1, returnPct: 1 });
    const byEntry = (t: { entryTag: string }) => t.entryTag;
    expect(tagsAreSides([sided('long', 'cross up'), sided('short', 'cross down'), sided('long', 'cross up')], byEntry)).toBe(true);
    expect(entriesExtra({ trades: [sided('long', 'cross up'), sided('short', 'cross down')] })).toBeNull();
    // A second tag on one side, or one tag on both: the table says more than the sides.
    expect(tagsAreSides([sided('long', 'cross up'), sided('short', 'cross down'), sided('long', 'dip')], byEntry)).toBe(false);
    expect(tagsAreSides([sided('long', 'signal'), sided('short', 'signal'), sided('long', 'dip')], byEntry)).toBe(false);
    expect(entriesExtra({ trades: [sided('long', 'cross up'), sided('short', 'cross down'), sided('long', 'dip')] })!.rows).toHaveLength(4);
    // All long, two tags: nothing to repeat.
    expect(tagsAreSides([sided('long', 'a'), sided('long', 'b')], byEntry)).toBe(false);
    // Whether the entries' tags are worth a column and a table: more than one way, and not one per side.
    expect(entryTagsTell([sided('long', 'cross up'), sided('long', 'cross up')])).toBe(false);
    expect(entryTagsTell([sided('long', 'cross up'), sided('short', 'cross down')])).toBe(false);
    expect(entryTagsTell([sided('long', 'a'), sided('long', 'b')])).toBe(true);
    expect(entryTagsTell([sided('long', 'a'), { side: 'long' as const, closed: true }])).toBe(true);
  });

  it('an exit table is worth showing when the strategy ended trades more than one way', () => {
    expect(splitsSignalExits([trade(undefined, 'x', 1), trade(undefined, 'x', 2)])).toBe(false);
    expect(splitsSignalExits([trade(undefined, 'x', 1), trade(undefined, 'y', 2)])).toBe(true);
    expect(splitsSignalExits([trade(undefined, 'x', 1), trade(undefined, undefined, 2)])).toBe(true);
    expect(splitsSignalExits([trade(undefined, undefined, 1), { ...trade(undefined, undefined, 2), exit: 'stop-loss' as const }])).toBe(false);
  });
});

describe('order tags in the engine', () => {
  it('keeps a tag on the order, in what the UI is sent and in the journal; an order without one has none', () => {
    const r = paperRig();
    r.feed.onPrice('BTC/USDT', 1_000, 100);
    const tagged = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90', tag: 'grid level 3' }, USER);
    const plain = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '80' }, USER);
    expect(tagged.tag).toBe('grid level 3');
    expect(r.engine.order(tagged.id)!.tag).toBe('grid level 3');
    expect(r.journal.findOrder('paper', tagged.id)!.tag).toBe('grid level 3');
    expect('tag' in r.engine.order(plain.id)!).toBe(false);
    expect(r.of('trading.order').find((o) => o.id === tagged.id)!.tag).toBe('grid level 3');
  });

  it('a fill carries the tag of the order it filled: in the fill event and the fills list; an untagged one has none', () => {
    const r = paperRig({ fill: { slippageBps: 0 } });
    r.feed.onPrice('BTC/USDT', 1_000, 100);
    const tagged = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1', tag: 'breakout' }, USER);
    const plain = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' }, USER);
    r.feed.onPrice('BTC/USDT', 2_000, 100);
    // A resting limit, tagged, filled later: the list finds its tag in the journal as among the open orders.
    const resting = r.engine.place({ symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '2', price: '110', tag: 'take profit' }, USER);
    expect(r.engine.fills({ limit: 10 }).map((f) => f.tag ?? null)).toEqual([null, 'breakout']);
    r.feed.onPrice('BTC/USDT', 3_000, 111);
    const events = r.of('trading.fill');
    expect(events.map((f) => [f.orderId, f.tag])).toEqual([
      [tagged.id, 'breakout'],
      [plain.id, undefined],
      [resting.id, 'take profit'],
    ]);
    expect('tag' in events[1]!).toBe(false);
    const listed = r.engine.fills({ limit: 10 });
    expect(Object.fromEntries(listed.map((f) => [f.orderId, f.tag ?? null]))).toEqual({ [tagged.id]: 'breakout', [plain.id]: null, [resting.id]: 'take profit' });
  });

  it('refuses a tag that is not one, saying what a tag may be, and places nothing', () => {
    const r = paperRig();
    r.feed.onPrice('BTC/USDT', 1_000, 100);
    for (const tag of ['', ' lead', 'line\nbreak', 'y'.repeat(41)]) {
      let err: unknown;
      try {
        r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1', tag }, USER);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(OrderRefusedError);
      expect((err as Error).message).toContain(`tag: ${ORDER_TAG_VALID}`);
    }
    expect(r.engine.openOrders()).toHaveLength(0);
  });
});
