// ema-cross: as sma-cross, with exponential moving averages (seeded with the SMA, as shared/indicators).
import { CrossTracker } from '../cross.ts';
import { defineStrategy, indicatorViews } from '../strategy.ts';
import { signalOrders } from './signal-orders.ts';

export const emaCross = defineStrategy({
  name: 'ema-cross',
  description: 'Long when the fast EMA of the close crosses above the slow EMA; exit when it crosses below.',
  params: {
    fast: { type: 'int', default: 12, min: 1, max: 1000, step: 1, description: 'fast EMA period (bars)' },
    slow: { type: 'int', default: 26, min: 2, max: 5000, step: 1, description: 'slow EMA period (bars)' },
  },
  indicators: (p) => [
    { name: 'ema', params: { period: p.fast }, warmup: p.fast - 1 },
    { name: 'ema', params: { period: p.slow }, warmup: p.slow - 1 },
  ],
  check: (p) => (p.fast < p.slow ? null : `ema-cross: fast (${p.fast}) must be smaller than slow (${p.slow})`),
  create(_p, ctx) {
    const [fast, slow] = indicatorViews(ctx, 2);
    const cross = new CrossTracker();
    return signalOrders(ctx, () => cross.update(fast.ago(0), slow.ago(0)), { up: 'cross up', down: 'cross down' });
  },
});
