// An example of a strategy of your own: copy it into your data directory's `strategies` folder (or run it
// with `keel backtest --strategy examples/strategies/my-sma-cross.ts`) and change it. It is the built-in
// sma-cross written out in full for long-only runs (the default direction), so such a run of it gives the
// same fills as `--strategy sma-cross`. It never shorts: the built-in does, under --direction short or both
// (electron/strategies/builtins/signal-orders.ts: ctx.direction, ctx.maxSellQty and ctx.sell).
//
// A strategy file default-exports { name, description, params, indicators, create } (docs/strategies.md):
// - params: each with type "int" or "number", default, min, max (and optionally step, description);
// - indicators(params): what Keel computes for you (sma, ema, wma, rsi, bollinger, donchian, atr), handed
//   to create() as ctx.indicators in the same order, each showing values up to the current bar only;
// - create(params, ctx): returns { onBar(bar) { ... } }, called once per closed candle. Orders go through
//   ctx.buy(qty) / ctx.sell(qty) / ctx.closePosition(), through the same risk gate as the app's own. A tag
//   says why an order was placed (ctx.buy(qty, { tag: 'cross up' })): the reports break the trades down
//   by the tags of their entries and exits.
// Keel strips the types and does not check them: a type error runs as the JavaScript under it. Your
// editor's TypeScript (or tsc --noEmit) is what checks them.

export default {
  name: 'my-sma-cross',
  description: 'Long when the fast SMA of the close crosses above the slow one; flat when it crosses below.',
  params: {
    fast: { type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'fast SMA period (bars)' },
    slow: { type: 'int', default: 30, min: 2, max: 5000, step: 1, description: 'slow SMA period (bars)' },
  },
  // warmup: bars read before the first one the strategy hears (a backtest's --from, a start in the app). Left
  // out, Keel finds the bars before the indicator's first value (slow - 1); one more gives the bar before
  // that first one too, whose side of the slow line tells a cross on the first bar from a mere start.
  indicators: (p: { fast: number; slow: number }) => [
    { name: 'sma', params: { period: p.fast }, warmup: p.fast },
    { name: 'sma', params: { period: p.slow }, warmup: p.slow },
  ],
  check: (p: { fast: number; slow: number }) => (p.fast < p.slow ? null : `fast (${p.fast}) must be smaller than slow (${p.slow})`),
  create(_p: unknown, ctx: Ctx) {
    const [fast, slow] = ctx.indicators;
    // +1 while the fast line was last above the slow one, -1 below, 0 before they first part.
    let side = 0;
    let first = true;
    return {
      onBar(bar: { c: number }) {
        if (first) {
          // The side before this first bar, read back through the bars already closed (the warm-up), up
          // to a value still warming up (NaN): so a cross on this bar is one, as in a run from earlier.
          first = false;
          for (let k = 1; side === 0; k++) {
            const before = fast!.ago(k) - slow!.ago(k);
            if (before !== before) break;
            if (before !== 0) side = before > 0 ? 1 : -1;
          }
        }
        const d = fast!.ago(0) - slow!.ago(0);
        if (!(d > 0 || d < 0)) return; // warming up (NaN), or touching: no cross
        const now = d > 0 ? 1 : -1;
        const crossed = side !== 0 && now !== side;
        side = now;
        if (!crossed || ctx.hasOpenOrders()) return;
        if (now > 0 && ctx.position() <= 0) {
          const qty = ctx.maxBuyQty(bar.c);
          if (qty > 0) ctx.buy(qty, { tag: 'cross up' });
        } else if (now < 0 && ctx.position() > 0) {
          ctx.closePosition('cross down');
        }
      },
    };
  },
};

/** The part of Keel's StrategyContext this strategy uses (electron/strategies/strategy.ts has all of it). */
interface Ctx {
  indicators: readonly { ago(back: number): number }[];
  hasOpenOrders(): boolean;
  position(): number;
  maxBuyQty(price: number): number;
  buy(qty: number, options?: { tag?: string }): boolean;
  closePosition(tag?: string): boolean;
}
