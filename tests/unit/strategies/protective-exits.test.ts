// Protective exits through the one engine: a stop-loss and take-profit on a strategy's entry become the
// entry's bracket, placed when it fills, and fire where the bar's path (or the detail bars) reach them, as
// paper trading fills them. Hand-made bars of BTC/USDT (tick 0.01), no fees, so every price is exact.
import { describe, expect, it } from 'vitest';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { defineStrategy, type EntryExits } from '../../../electron/strategies/strategy.ts';
import type { RunExits } from '../../../shared/backtest/run-exits.ts';
import { HAND_T0, HOUR, handBars } from '../../helpers/hand-bars.ts';

const T0 = HAND_T0;
const MINUTE = 60_000;

/** Bars as [open, high, low, close], `barMs` apart from `t0`. */
const bars = handBars;

/** Buys at bar 0's close (with `exits` when given), and closes the position itself at bar `closeAt`'s close. */
function scripted(opts: { exits?: EntryExits; closeAt?: number; said?: boolean[] } = {}) {
  return defineStrategy({
    name: 'scripted',
    description: 'buys once, optionally closes',
    params: {},
    indicators: () => [],
    create(_p, ctx) {
      return {
        onBar(bar) {
          if (bar.index === 0) {
            const placed = 'exits' in opts ? ctx.buy(1, opts.exits) : ctx.buy(1);
            opts.said?.push(placed);
          }
          if (bar.index === opts.closeAt) ctx.closePosition();
        },
      };
    },
  });
}

function run(candles: CandleColumns, exits: RunExits, strategy = scripted(), detail?: CandleColumns) {
  return runBacktest({
    def: strategy,
    params: {},
    symbol: 'BTC/USDT',
    candles,
    barMs: HOUR,
    detail: detail ? { candles: detail, barMs: MINUTE } : undefined,
    risk: riskModeSettings('aggressive', undefined, NO_STOPS),
    capital: 10_000,
    feePct: 0,
    slippageBps: 0,
    exits,
  });
}

const SL2 = { stopLossPct: 2, takeProfitPct: null };
const NO_RUN_EXITS = { stopLossPct: null, takeProfitPct: null };
const SL2_TP4 = { stopLossPct: 2, takeProfitPct: 4 };
/** Each fill as [minutes after T0, side, price, which exit or 'own']: a bar's path visits its extremes a third and two thirds in. */
const fillsOf = (r: ReturnType<typeof run>) => r.fills.map((f) => [(f.ts - T0) / MINUTE, f.side, f.price, f.exit ?? 'own']);

describe('protective exits', () => {
  it('the stop is placed when the entry fills and fires in the entry bar itself when the path reaches it', () => {
    // Bought at bar 1's open (100); stop 2 % under that fill: 98. Bar 1 goes 100 → 101 (nearer) → 97: stopped at 98, two thirds in.
    const r = run(bars([[100, 100, 100, 100], [100, 101, 97, 99], [99, 99, 99, 99]]), SL2);
    expect(fillsOf(r)).toEqual([
      [60, 'buy', 100, 'own'],
      [100, 'sell', 98, 'stop-loss'],
    ]);
    expect(r.trades.map((t) => [t.exit, t.closed, t.pnl])).toEqual([['stop-loss', true, -2]]);
  });

  it("an exit placed as the entry fills rests from that price on: the entry bar's first move through the stop fills at the stop", () => {
    // Bought at bar 1's open (100); the path goes 100 → 95 (nearer) → 110 → 108. The stop (98) works from
    // the open, so the fall to 95 passes it: filled at 98 a third in, not at 95 and not at the close.
    const r = run(bars([[100, 100, 100, 100], [100, 110, 95, 108], [108, 108, 108, 108]]), SL2_TP4);
    expect(fillsOf(r)).toEqual([
      [60, 'buy', 100, 'own'],
      [80, 'sell', 98, 'stop-loss'],
    ]);
  });

  it('the take-profit fills at its price and cancels the stop (one cancels the other)', () => {
    // Bar 2: 100 → 99 (nearer, above the stop) → 104.5: the target 104 fills. Bar 3 falls through the old stop: nothing is left to fill.
    const r = run(bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 104.5, 99, 104], [104, 104, 90, 91], [91, 91, 91, 91]]), SL2_TP4);
    expect(fillsOf(r)).toEqual([
      [60, 'buy', 100, 'own'],
      [160, 'sell', 104, 'take-profit'],
    ]);
    expect(r.trades.map((t) => t.exit)).toEqual(['take-profit']);
    expect(r.equity.at(-1)).toBeCloseTo(10_004, 8);
  });

  it('with both inside one bar, the path decides: the nearer extreme first', () => {
    const entry: [number, number, number, number][] = [[100, 100, 100, 100], [100, 100.2, 99.8, 100]];
    // Low 3 away, high 5 away: the low comes first, so the stop.
    const lowFirst = run(bars([...entry, [100, 105, 97, 100], [100, 100, 100, 100]]), SL2_TP4);
    expect(fillsOf(lowFirst).slice(1)).toEqual([[140, 'sell', 98, 'stop-loss']]);
    // High 4.2 away, low 5 away: the high first, so the target.
    const highFirst = run(bars([...entry, [100, 104.2, 95, 100], [100, 100, 100, 100]]), SL2_TP4);
    expect(fillsOf(highFirst).slice(1)).toEqual([[140, 'sell', 104, 'take-profit']]);
  });

  it('a gap through the stop fills at the open, not at the stop', () => {
    const r = run(bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [95, 96, 94, 95], [95, 95, 95, 95]]), SL2);
    expect(fillsOf(r).slice(1)).toEqual([[120, 'sell', 95, 'stop-loss']]);
    expect(r.trades[0]!.pnl).toBe(-5);
  });

  it("the strategy's own exit cancels its protective orders first, and nothing fires after", () => {
    // Closed at bar 2's close (fills at bar 3's open, 101); bars 3 and 4 then fall through the old stop and rise through the old target.
    const r = run(bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 101, 99, 101], [101, 101, 90, 92], [92, 110, 92, 108]]), SL2_TP4, scripted({ closeAt: 2 }));
    expect(fillsOf(r)).toEqual([
      [60, 'buy', 100, 'own'],
      [180, 'sell', 101, 'own'],
    ]);
    expect(r.trades.map((t) => t.exit)).toEqual(['signal']);
    expect(r.refusals).toBe(0);
  });

  it('selling part of the position keeps the exits for the rest: cut to what is left, they still fire', () => {
    // Buys 2 at bar 1's open (100, stop 98); sells 1 itself at bar 1's close, filled at bar 2's open (100);
    // bar 2 then falls to 97: the stop, cut to the 1 left, sells it at 98. Nothing is left open.
    const scaleOut = defineStrategy({
      name: 'scale-out',
      description: 'buys 2, sells 1',
      params: {},
      indicators: () => [],
      create(_p, ctx) {
        return {
          onBar(bar) {
            if (bar.index === 0) ctx.buy(2);
            if (bar.index === 1) ctx.sell(1);
          },
        };
      },
    });
    const r = run(bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 100.2, 97, 97.5], [97.5, 97.5, 97.5, 97.5]]), SL2_TP4, scaleOut);
    expect(r.fills.map((f) => [(f.ts - T0) / MINUTE, f.side, f.price, f.qty, f.exit ?? 'own'])).toEqual([
      [60, 'buy', 100, 2, 'own'],
      [120, 'sell', 100, 1, 'own'],
      [160, 'sell', 98, 1, 'stop-loss'],
    ]);
    expect(r.trades.every((t) => t.closed)).toBe(true);
    expect(r.equity.at(-1)).toBeCloseTo(10_000 - 2, 8);
  });

  it("exits given with an order replace the run's; {} places none", () => {
    const path = bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 100, 97, 99], [99, 102.5, 99, 102], [102, 102, 102, 102]]);
    // The order's own take-profit at 102 and no stop: bar 2's dip to 97 stops nothing; bar 3 reaches 102.
    const own = run(path, SL2, scripted({ exits: { takeProfit: 102 } }));
    expect(fillsOf(own).slice(1)).toEqual([[220, 'sell', 102, 'take-profit']]);
    // No exits at all: the position is still open at the end.
    const none = run(path, SL2_TP4, scripted({ exits: {} }));
    expect(fillsOf(none)).toEqual([[60, 'buy', 100, 'own']]);
    expect(none.trades.map((t) => [t.exit, t.closed])).toEqual([['open', false]]);
  });

  it('a stop on the wrong side of the entry is refused, saying which price and why', () => {
    const said: boolean[] = [];
    const r = run(bars([[100, 100, 100, 100], [100, 101, 99, 100]]), SL2, scripted({ exits: { stopLoss: 105 }, said }));
    expect(said).toEqual([false]);
    expect(r.fills).toEqual([]);
    expect(r.refusals).toBe(1);
    expect(r.notes[0]).toContain('scripted: buy 1 BTC/USDT refused');
    expect(r.notes[0]).toContain('the stop-loss of a long must be below the entry 100; 105 is not');
  });

  it('a price or a percent that is not one is refused too, in the words of the option it was given as', () => {
    const said: boolean[] = [];
    const path = bars([[100, 100, 100, 100], [100, 101, 99, 100]]);
    const r = run(path, SL2, scripted({ exits: { takeProfit: Number.NaN }, said }));
    expect(said).toEqual([false]);
    expect(r.notes[0]).toBe('scripted: buy 1 BTC/USDT refused: takeProfit must be a price above 0, got NaN');
    // Not the bracket schema's words ("bracket.stopLoss.percent: Too small: expected number to be >0").
    const refusedWith = (exits: EntryExits) => run(path, SL2, scripted({ exits })).notes[0];
    expect(refusedWith({ stopLossPct: -2 })).toBe('scripted: buy 1 BTC/USDT refused: stopLossPct must be a percent above 0 and below 100 (2 = 2%), got -2');
    expect(refusedWith({ trailingStop: 100 })).toContain('trailingStop must be a percent above 0 and below 100 (2 = 2%), got 100');
    expect(refusedWith({ takeProfitPct: 0 })).toContain('takeProfitPct must be a percent above 0 and at most 1000 (2 = 2%), got 0');
    expect(refusedWith({ stopLoss: '98' as unknown as number })).toContain('stopLoss must be a price above 0, a number (not text), got text "98"');
    // Under one tick it rounds down to 0: said in the option's words, not the bracket schema's ("bracket.stopLoss.triggerPrice: must be greater than 0").
    expect(refusedWith({ stopLoss: 0.001 })).toBe('scripted: buy 1 BTC/USDT refused: stopLoss must be a price of at least one tick (0.01 on BTC/USDT), got 0.001, which rounds down to 0');
  });

  it('an option Keel does not know stops the run, naming it, what was meant and what is valid: a misspelt stop is no stop', () => {
    const path = bars([[100, 100, 100, 100], [100, 101, 90, 100]]);
    expect(() => run(path, NO_RUN_EXITS, scripted({ exits: { stoploss: 98 } as EntryExits }))).toThrow(
      'scripted stopped the run at bar 0, closed at 2024-01-01T01:00:00Z: scripted: buy option "stoploss" is not one Keel knows (stopLoss?); an order\'s options are stopLoss, stopLossPct, takeProfit, takeProfitPct, trailingStop, tag',
    );
    expect(() => run(path, NO_RUN_EXITS, scripted({ exits: 'breakout' as EntryExits }))).toThrow(/options must be an object such as \{ stopLoss: 41200, tag: 'breakout' \}, got text "breakout"/);
    // null is no options: the run's exits apply, as without any.
    const none = run(path, SL2, scripted({ exits: null as unknown as EntryExits }));
    expect(fillsOf(none)).toEqual([
      [60, 'buy', 100, 'own'],
      [100, 'sell', 98, 'stop-loss'],
    ]);
  });

  it("the run's percentages go onto the tick away from the entry: the stop down, the target up", () => {
    // Filled at 100.37: a 2 % stop is 98.3626 → 98.36, a 3 % target 103.3811 → 103.39.
    const stop = run(bars([[100.37, 100.37, 100.37, 100.37], [100.37, 100.5, 90, 95], [95, 95, 95, 95]]), { stopLossPct: 2, takeProfitPct: 3 });
    expect(fillsOf(stop)[1]).toEqual([100, 'sell', 98.36, 'stop-loss']);
    const target = run(bars([[100.37, 100.37, 100.37, 100.37], [100.37, 110, 100, 105], [105, 105, 105, 105]]), { stopLossPct: 2, takeProfitPct: 3 });
    expect(fillsOf(target)[1]).toEqual([100, 'sell', 103.39, 'take-profit']);
  });

  it("the run's percents are measured from the entry's fill, not from the close it was decided at", () => {
    // Decided at 100, filled at bar 1's open after a gap up to 110: the stop is 2 % under 110 (107.8), not
    // under 100 (98), and the target 4 % over 110 (114.4). Bar 1 goes 110 → 111 (nearer) → 107: stopped at 107.8.
    const stopped = run(bars([[100, 100, 100, 100], [110, 111, 107, 108], [108, 108, 108, 108]]), SL2_TP4);
    expect(fillsOf(stopped)).toEqual([
      [60, 'buy', 110, 'own'],
      [100, 'sell', 107.8, 'stop-loss'],
    ]);
    expect(stopped.trades[0]!.pnl).toBeCloseTo(-2.2, 10);
    // After a gap down to 90 the target is 93.6, which bar 2 reaches.
    const target = run(bars([[100, 100, 100, 100], [90, 90.5, 89.5, 90], [90, 94, 89.9, 93], [93, 93, 93, 93]]), SL2_TP4);
    expect(fillsOf(target).slice(1)).toEqual([[160, 'sell', 93.6, 'take-profit']]);
  });

  it("an entry's own exits may be percents of its fill too; a price and a percent for one exit are refused", () => {
    const path = bars([[100, 100, 100, 100], [90, 90.5, 89.5, 90], [90, 90, 88, 88.5], [88.5, 88.5, 88.5, 88.5]]);
    // Filled at 90: the entry's own 2 % stop is 88.2, reached in bar 2 (the run's exits are replaced).
    const own = run(path, NO_RUN_EXITS, scripted({ exits: { stopLossPct: 2, takeProfitPct: 10 } }));
    expect(fillsOf(own).slice(1)).toEqual([[160, 'sell', 88.2, 'stop-loss']]);
    expect(() => run(path, NO_RUN_EXITS, scripted({ exits: { stopLoss: 95, stopLossPct: 2 } }))).toThrow(/give an entry's stopLoss or its stopLossPct, not both \(got 95 and 2%\)/);
  });

  it("entries are sized within the mode's risk per trade at their stop, so the gate admits them", () => {
    // Moderate: 2 % of equity at risk per trade, entries up to all of it without a stop (less the 0.1 % a
    // spot entry leaves for the move to its fill: 10,000 / 100.1 = 99.90009 BTC). With a 5 % stop (95 under
    // 100) a trade may lose 200 of 10,000: 40 BTC, not 99.9; with its own stop at 90, 20.
    const sized: number[] = [];
    const sizer = (stopLoss?: number) =>
      defineStrategy({
        name: 'sizer',
        description: 'buys what maxBuyQty allows',
        params: {},
        indicators: () => [],
        create(_p, ctx) {
          return {
            onBar(bar) {
              if (bar.index !== 0) return;
              const qty = ctx.maxBuyQty(bar.c, stopLoss);
              sized.push(qty);
              ctx.buy(qty, stopLoss === undefined ? undefined : { stopLoss });
            },
          };
        },
      });
    const path = bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 100, 100, 100]]);
    const moderate = (def: ReturnType<typeof sizer>, exits: RunExits) =>
      runBacktest({ def, params: {}, symbol: 'BTC/USDT', candles: path, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0, slippageBps: 0, exits });
    const runStop = moderate(sizer(), { stopLossPct: 5, takeProfitPct: null });
    const ownStop = moderate(sizer(90), { stopLossPct: 5, takeProfitPct: null });
    const noStop = moderate(sizer(), { stopLossPct: null, takeProfitPct: 4 });
    expect(sized).toEqual([39.99999, 19.99999, 99.90009]);
    for (const r of [runStop, ownStop, noStop]) expect([r.refusals, r.fills.length]).toEqual([0, 1]);
  });

  it('a stop no entry can have sizes nothing, and says why once: NaN, Infinity, 0 or below, text, or on the wrong side was sized as if there were no stop', () => {
    // Moderate at 10,000: without a stop 99.90009 BTC at 100 (the cash less the 0.1 % left for the move to
    // the fill); a NaN stop (an indicator still warming up) gave the same, the whole position share with no
    // risk cap, and the order carrying that stop was refused.
    const asked: [unknown, unknown][] = [];
    const sizes: number[] = [];
    const sizer = (direction: 'long' | 'short') =>
      defineStrategy({
        name: 'sizer',
        description: 'asks maxBuyQty and maxSellQty',
        params: {},
        indicators: () => [],
        create(_p, ctx) {
          return {
            onBar(bar) {
              if (bar.index !== 0) return;
              for (const [price, stop] of asked) sizes.push(direction === 'long' ? ctx.maxBuyQty(price as number, stop as number) : ctx.maxSellQty(price as number, stop as number));
            },
          };
        },
      });
    const path = bars([[100, 100, 100, 100], [100, 100, 100, 100]]);
    const moderate = (direction: 'long' | 'short') =>
      runBacktest({ def: sizer(direction), params: {}, symbol: 'BTC/USDT', candles: path, barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0, slippageBps: 0, exits: NO_RUN_EXITS, direction });
    asked.push([100, undefined], [100, Number.NaN], [100, Number.NaN], [100, Infinity], [100, 0], [100, -5], [100, 105], [100, 100], [100, '95'], [Number.NaN, 95], [Infinity, undefined], [100, 95]);
    const long = moderate('long');
    expect(sizes).toEqual([99.90009, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 39.99999]);
    const note = (got: string) => `sizer: maxBuyQty(price, stopLoss?): stopLoss must be a price above 0 and below the price 100 (a long's stop is under its entry), got ${got}; no quantity was sized (0); leave stopLoss out to size without a stop (said once a run)`;
    expect(long.notes).toEqual([
      note('NaN'),
      note('Infinity'),
      note('0'),
      note('105'),
      "sizer: maxBuyQty(price, stopLoss?): stopLoss must be a price above 0 and below the price 100 (a long's stop is under its entry), a number (not text), got text \"95\"; no quantity was sized (0); leave stopLoss out to size without a stop (said once a run)",
      'sizer: maxBuyQty(price, stopLoss?): price must be a finite number above 0, got NaN; no quantity was sized (0) (said once a run)',
      'sizer: maxBuyQty(price, stopLoss?): price must be a finite number above 0, got Infinity; no quantity was sized (0) (said once a run)',
    ]);
    // A short's stop is above its entry: one below it is the wrong side.
    sizes.length = 0;
    asked.length = 0;
    asked.push([100, 95], [100, 105]);
    const short = moderate('short');
    expect(sizes).toEqual([0, 39.99999]);
    expect(short.notes[0]).toBe("sizer: maxSellQty(price, stopLoss?): stopLoss must be a price above the price 100 (a short's stop is over its entry), got 95; no quantity was sized (0); leave stopLoss out to size without a stop (said once a run)");
  });

  it("an entry too small for the market says what made it so: the step it was floored to, or the risk per trade at its stop", () => {
    const once = (stopLoss?: number) =>
      defineStrategy({
        name: 'tiny',
        description: 'asks maxBuyQty once',
        params: {},
        indicators: () => [],
        create: (_p, ctx) => ({
          onBar(bar) {
            if (bar.index === 0) ctx.maxBuyQty(bar.c, stopLoss);
          },
        }),
      });
    const at = (price: number, capital: number, mode: 'aggressive' | 'moderate', stopLoss?: number) =>
      runBacktest({ def: once(stopLoss), params: {}, symbol: 'BTC/USDT', candles: bars([[price, price, price, price]]), barMs: HOUR, risk: riskModeSettings(mode, undefined, NO_STOPS), capital, feePct: 0, slippageBps: 0, exits: NO_RUN_EXITS }).notes;
    // 5.0053 USDT less the 0.1 % left for the move to the fill is 5.0003, at 99.99 0.050008 BTC: above the
    // 5 USDT minimum until floored to the 0.00001 step (0.05, 4.9995). The note gave the size before the
    // floor, "(5 USDT) … below … at least 5 USDT".
    expect(at(99.99, 5.0053, 'aggressive')).toEqual([
      "tiny: an entry at 99.99 would be 0.05 BTC (0.05001 floored to the step 0.00001; 4.9995 USDT, from equity 5.005 USDT at a position share of 100%), below the market's smallest order value (5 USDT; its smallest quantity is 0.00001 BTC): no order was placed; more capital sizes it above (the position share is already all of the equity) (said once)",
    ]);
    // Moderate risks 2 % of 100 USDT per trade: 2 USDT to a stop 50 under 100 is 0.04 BTC, 4 USDT. It blamed the position share.
    expect(at(100, 100, 'moderate', 50)).toEqual([
      "tiny: an entry at 100 would be 0.04 BTC (4 USDT, from equity 100 USDT at a position share of 100%, cut to the risk per trade of 2% at the stop 50), below the market's smallest order value (5 USDT; its smallest quantity is 0.00001 BTC): no order was placed; more capital, a larger risk per trade or a nearer stop sizes it above (said once)",
    ]);
  });

  it('a trailing stop follows the best price since the entry and fills that far behind it', () => {
    // Bought at 100; bar 1 climbs to 110 (low first, at 99.5, well above 95), bar 2 falls: 5 % behind 110 is 104.5.
    const r = run(bars([[100, 100, 100, 100], [100, 110, 99.5, 108], [108, 109, 100, 101], [101, 101, 101, 101]]), { stopLossPct: null, takeProfitPct: null, trailingStopPct: 5 });
    expect(fillsOf(r)).toEqual([
      [60, 'buy', 100, 'own'],
      [160, 'sell', 104.5, 'trailing-stop'],
    ]);
    expect(r.trades.map((t) => [t.exit, t.pnl])).toEqual([['trailing-stop', 4.5]]);
    // Nothing ahead of the entry moves it: a bar that only falls stops it 5 % under the entry's fill.
    const down = run(bars([[100, 100, 100, 100], [100, 100, 94, 95], [95, 95, 95, 95]]), { stopLossPct: null, takeProfitPct: null, trailingStopPct: 5 });
    expect(fillsOf(down).slice(1)).toEqual([[100, 'sell', 95, 'trailing-stop']]);
  });

  it("a trailing stop starts at the entry's fill, slippage and all, not at the market's price under it", () => {
    // Bought at bar 1's open of 100 with 50 bp of slippage: filled at 100.50. 2 % behind the fill is 98.49, which
    // the bar's low of 98.20 reaches (after its high of 100.10). Before, the trail started at the open (100)
    // and rose to 100.10: 98.098, never reached, a stop 2.4 % under what was paid where 2 % was asked.
    const path = bars([[100, 100, 100, 100], [100, 100.1, 98.2, 99], [99, 99, 99, 99]]);
    const exits = { stopLossPct: null, takeProfitPct: null, trailingStopPct: 2 };
    const withSlippage = (e: RunExits) => runBacktest({ def: scripted(), params: {}, symbol: 'BTC/USDT', candles: path, barMs: HOUR, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0, slippageBps: 50, exits: e });
    const trailed = withSlippage(exits);
    // Sold at the level less the slippage, on the tick against the seller: 98.49 × 0.995 = 97.997 → 97.99.
    expect(fillsOf(trailed)).toEqual([
      [60, 'buy', 100.5, 'own'],
      [100, 'sell', 97.99, 'trailing-stop'],
    ]);
    // Where the fixed 2 % stop-loss fires on the same bars: the two start at the same price.
    expect(fillsOf(withSlippage({ stopLossPct: 2, takeProfitPct: null })).at(-1)).toEqual([100, 'sell', 97.99, 'stop-loss']);
  });

  it('a trailing stop and a fixed stop-loss on one entry stop the run, in either spelling, as a price and a percent for one exit do: the trailing stop is its stop', () => {
    const path = bars([[100, 100, 100, 100], [100, 101, 99, 100]]);
    // The price spelling was refused order by order in the bracket's words ("a bracket takes a stopLoss"), the percent the same: each now says what it was given.
    expect(() => run(path, NO_RUN_EXITS, scripted({ exits: { stopLoss: 95, trailingStop: 3 } }))).toThrow(
      "scripted stopped the run at bar 0, closed at 2024-01-01T01:00:00Z: scripted: give an entry's stopLoss or its trailingStop, not both (got 95 and 3%): the trailing stop is its stop",
    );
    expect(() => run(path, NO_RUN_EXITS, scripted({ exits: { stopLossPct: 2, trailingStop: 3 } }))).toThrow(
      "scripted stopped the run at bar 0, closed at 2024-01-01T01:00:00Z: scripted: give an entry's stopLossPct or its trailingStop, not both (got 2% and 3%): the trailing stop is its stop",
    );
    // Either one alone is an entry's stop, and the run's trailing stop is replaced by the entry's own fixed one.
    expect(fillsOf(run(path, { stopLossPct: null, takeProfitPct: null, trailingStopPct: 5 }, scripted({ exits: { stopLossPct: 0.5 } }))).slice(1)).toEqual([[100, 'sell', 99.5, 'stop-loss']]);
  });

  it('lower-timeframe detail decides which exit a bar reached first', () => {
    // Main bar 2 looks like high-first (104.2 is nearer than 95) ...
    const main = bars([[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 104.2, 95, 100], [100, 100, 100, 100]]);
    expect(fillsOf(run(main, SL2_TP4)).slice(1)).toEqual([[140, 'sell', 104, 'take-profit']]);
    // ... but its minutes fell to 95 first and only then rose to 104.2: with them, the stop fills at 98.
    const minutes: [number, number, number, number][] = [];
    for (let m = 0; m < 240; m++) {
      // Bar 2 is minutes 120..179: it falls in its second and third minutes, then rises.
      if (m === 121 || m === 122) minutes.push([100, 100, 95, 96]);
      else if (m > 122 && m < 130) minutes.push([96, 104.2, 96, 104]);
      else minutes.push([100, 100, 100, 100]);
    }
    const r = run(main, SL2_TP4, scripted(), bars(minutes, MINUTE));
    expect(r.fills).toHaveLength(2);
    const exit = r.fills[1]!;
    expect([exit.price, exit.exit]).toEqual([98, 'stop-loss']);
    expect(exit.ts).toBeGreaterThan(T0 + 2 * HOUR + MINUTE);
    expect(exit.ts).toBeLessThan(T0 + 2 * HOUR + 2 * MINUTE);
  });
});
