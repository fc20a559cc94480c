// The shared body of the signal built-ins: a signal function says per closed bar +1 (bullish), -1
// (bearish) or 0 (nothing); this turns it into orders on the sides the run allows (ctx.direction):
//
// - long (the default): +1 goes long, -1 exits; the reference semantics the grademark test checks.
// - short: -1 goes short, +1 buys it back.
// - both: +1 goes long and -1 short. A signal against the position exits it first, and the new side is
//   entered at the close of the bar its exit filled on (so it fills at the open after): on a margin
//   account the exit's proceeds are what pays the new side's collateral, and they are not there before.
//
// Entering takes what the risk mode lets the strategy hold at the bar's close; exiting closes the whole
// position. No order while one is working. Every order is tagged with the signal that placed it (a long's
// entry and a short's exit with the bullish tag, "cross up"; the others with the bearish one), so the
// reports can say which signal entered and which closed each trade.
import type { ClosedBar, OrderOptions, Strategy, StrategyContext } from '../strategy.ts';

/** The tags a signal's orders carry: the bullish one's and the bearish one's. */
export interface SignalTags {
  readonly up: string;
  readonly down: string;
}

/** The tags as the order options the entries are placed with, made once rather than at every order. */
interface TagOptions {
  readonly up: string;
  readonly down: string;
  readonly upEntry: OrderOptions;
  readonly downEntry: OrderOptions;
}

const optionsOf = (t: SignalTags): TagOptions => ({ up: t.up, down: t.down, upEntry: Object.freeze({ tag: t.up }), downEntry: Object.freeze({ tag: t.down }) });

export function signalOrders(ctx: StrategyContext, signal: (bar: ClosedBar) => number, signalTags: SignalTags): Strategy {
  const tags = optionsOf(signalTags);
  if (ctx.direction === 'long') {
    return {
      onBar(bar) {
        const s = signal(bar);
        if (s !== 0) act(ctx, s, bar.c, tags);
      },
    };
  }
  const trader = signalTrader(ctx, signalTags);
  return {
    onBar(bar) {
      const s = signal(bar);
      if (s !== 0) trader.signal(s, bar.c);
      else trader.idle(bar.c);
    },
  };
}

/** Orders one signal at a time, for a strategy whose signals come from elsewhere (ai-assisted's decisions). */
export interface SignalTrader {
  /** A bullish (+1) or bearish (-1) signal at a bar's close. */
  signal(s: number, close: number): void;
  /** A bar's close without a signal: a reversal's entry goes in once its exit has filled. */
  idle(close: number): void;
  /** Exit whatever is held (the exit tagged `tag`), and forget a reversal's pending entry. */
  flatten(tag: string): void;
}

export function signalTrader(ctx: StrategyContext, signalTags: SignalTags): SignalTrader {
  const tags = optionsOf(signalTags);
  /** The side to enter once the exit placed against it has filled: +1, -1, or 0 for none. */
  let next = 0;
  return {
    signal(s, close) {
      if (ctx.direction === 'long') act(ctx, s, close, tags);
      else next = actBothWays(ctx, s, close, tags);
    },
    idle(close) {
      if (next !== 0) next = enterNext(ctx, next, close, tags);
    },
    flatten(tag) {
      next = 0;
      if (!ctx.hasOpenOrders() && ctx.position() !== 0) ctx.closePosition(tag);
    },
  };
}

/**
 * A signal's orders, out of line: onBar runs on every bar and is inlined into the backtest's loop, this
 * only on signal bars (a few in a thousand), so it should not take the room the per-bar work needs.
 */
function act(ctx: StrategyContext, s: number, close: number, tags: TagOptions): void {
  if (ctx.hasOpenOrders()) return;
  const pos = ctx.position();
  if (s > 0 && pos <= 0) {
    const qty = ctx.maxBuyQty(close);
    if (qty > 0) ctx.buy(qty, tags.upEntry);
  } else if (s < 0 && pos > 0) {
    ctx.closePosition(tags.down);
  }
}

/** A signal on a run that may short: the side it points to (none when the run does not allow it). Returns the side still to enter. */
function actBothWays(ctx: StrategyContext, s: number, close: number, tags: TagOptions): number {
  if (ctx.hasOpenOrders()) return 0;
  const want = s > 0 ? (ctx.direction === 'short' ? 0 : 1) : ctx.direction === 'long' ? 0 : -1;
  const pos = ctx.position();
  if (pos !== 0 && Math.sign(pos) !== want) {
    ctx.closePosition(s > 0 ? tags.up : tags.down);
    return want;
  }
  if (pos === 0 && want !== 0) enter(ctx, want, close, tags);
  return 0;
}

/** The side a reversal still has to enter: once its exit has filled (flat, nothing working). */
function enterNext(ctx: StrategyContext, side: number, close: number, tags: TagOptions): number {
  if (ctx.hasOpenOrders()) return side;
  if (ctx.position() === 0) enter(ctx, side, close, tags);
  return 0;
}

/** An entry on `side`, tagged with the signal that points that way. */
function enter(ctx: StrategyContext, side: number, close: number, tags: TagOptions): void {
  const qty = side > 0 ? ctx.maxBuyQty(close) : ctx.maxSellQty(close);
  if (!(qty > 0)) return;
  if (side > 0) ctx.buy(qty, tags.upEntry);
  else ctx.sell(qty, tags.downEntry);
}
