// ema-cross: as sma-cross, with exponential moving averages (seeded with the SMA, as shared/indicators).
import { crossSignal } from '../cross.ts';
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
    // One bar more than the averages need: the side they were on before the first bar (CrossTracker.seed).
    { name: 'ema', params: { period: p.fast }, warmup: p.fast },
    { name: 'ema', params: { period: p.slow }, warmup: p.slow },
  ],
  check: (p) => (p.fast < p.slow ? null : `ema-cross: fast (${p.fast}) must be smaller than slow (${p.slow})`),
  create(_p, ctx) {
    const [fast, slow] = indicatorViews(ctx, 2);
    return signalOrders(ctx, crossSignal(fast, slow), { up: 'cross up', down: 'cross down' });
  },
});
