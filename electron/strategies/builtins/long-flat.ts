// The shared body of the long-or-flat built-ins: a signal function says per closed bar +1 (go long),
// -1 (exit) or 0 (nothing); this turns it into orders. Entering buys what the risk mode lets the
// strategy hold at the bar's close; exiting sells the whole position. No order while one is working.
import type { ClosedBar, Strategy, StrategyContext } from '../strategy.ts';

export function longFlat(ctx: StrategyContext, signal: (bar: ClosedBar) => number): Strategy {
  return {
    onBar(bar) {
      const s = signal(bar);
      if (s === 0) return;
      if (ctx.hasOpenOrders()) return;
      const pos = ctx.position();
      if (s > 0 && pos <= 0) {
        const qty = ctx.maxBuyQty(bar.c);
        if (qty > 0) ctx.buy(qty);
      } else if (s < 0 && pos > 0) {
        ctx.closePosition();
      }
    },
  };
}
