// bollinger-reversion: long when the close falls below the lower band, exit when it closes back above
// the middle (the SMA): a bet that a stretch away from the mean comes back.
import { defineStrategy, indicatorViews } from '../strategy.ts';
import { signalOrders } from './signal-orders.ts';

export const bollingerReversion = defineStrategy({
  name: 'bollinger-reversion',
  description: 'Long when the close is below the lower Bollinger band; exit when it closes above the middle band.',
  params: {
    period: { type: 'int', default: 20, min: 2, max: 1000, step: 1, description: 'band period (bars)' },
    mult: { type: 'number', default: 2, min: 0.1, max: 10, step: 0.5, description: 'band width in standard deviations' },
  },
  indicators: (p) => [
    { name: 'bollinger', params: { period: p.period, mult: p.mult }, output: 'middle', warmup: p.period - 1 },
    { name: 'bollinger', params: { period: p.period, mult: p.mult }, output: 'lower', warmup: p.period - 1 },
  ],
  create(_p, ctx) {
    const [middle, lower] = indicatorViews(ctx, 2);
    return signalOrders(ctx, (bar) => {
      const mid = middle.ago(0);
      if (mid !== mid) return 0;
      return bar.c < lower.ago(0) ? 1 : bar.c > mid ? -1 : 0;
    }, { up: 'below lower band', down: 'above middle band' });
  },
});
