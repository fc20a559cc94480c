// The shared body of the long-or-flat built-ins: a signal function says per closed bar +1 (go long),
// -1 (exit) or 0 (nothing); this turns it into orders. Entering buys what the risk mode lets the
// strategy hold at the bar's close; exiting sells the whole position. No order while one is working.
import type { ClosedBar, Strategy, StrategyContext } from '../strategy.ts';

export function longFlat(ctx: StrategyContext, signal: (bar: ClosedBar) => number): Strategy {
  return {
    onBar(bar) {
      const s = signal(bar);
      if (s !== 0) act(ctx, s, bar.c);
    },
  };
}

/**
 * A signal's orders, out of line: onBar runs on every bar and is inlined into the backtest's loop, this
 * only on signal bars (a few in a thousand), so it should not take the room the per-bar work needs.
 */
function act(ctx: StrategyContext, s: number, close: number): void {
  if (ctx.hasOpenOrders()) return;
  const pos = ctx.position();
  if (s > 0 && pos <= 0) {
    const qty = ctx.maxBuyQty(close);
    if (qty > 0) ctx.buy(qty);
  } else if (s < 0 && pos > 0) {
    ctx.closePosition();
  }
}
