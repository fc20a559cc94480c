// sma-cross: long when the fast SMA crosses above the slow one, flat when it crosses below. Crosses are
// judged on closed bars; the market order placed at a bar's close fills at the next bar's open.
import { crossSignal } from '../cross.ts';
import { defineStrategy, indicatorViews } from '../strategy.ts';
import { signalOrders } from './signal-orders.ts';

export const smaCross = defineStrategy({
  name: 'sma-cross',
  description: 'Long when the fast SMA of the close crosses above the slow SMA; exit when it crosses below.',
  params: {
    fast: { type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'fast SMA period (bars)' },
    slow: { type: 'int', default: 30, min: 2, max: 5000, step: 1, description: 'slow SMA period (bars)' },
  },
  indicators: (p) => [
    // One bar more than the averages need: the side they were on before the first bar (CrossTracker.seed).
    { name: 'sma', params: { period: p.fast }, warmup: p.fast },
    { name: 'sma', params: { period: p.slow }, warmup: p.slow },
  ],
  check: (p) => (p.fast < p.slow ? null : `sma-cross: fast (${p.fast}) must be smaller than slow (${p.slow})`),
  create(_p, ctx) {
    const [fast, slow] = indicatorViews(ctx, 2);
    return signalOrders(ctx, crossSignal(fast, slow), { up: 'cross up', down: 'cross down' });
  },
});
