// donchian-breakout (turtle style): long when the close breaks above the highest high of the previous
// `period` bars, exit when it breaks below the lowest low of the previous `exit` bars. The channels are
// read at the previous bar (ago(1)), before the current bar joins them, as a breakout must be judged
// against the bars before it.
import { defineStrategy, indicatorViews } from '../strategy.ts';
import { signalOrders } from './signal-orders.ts';

export const donchianBreakout = defineStrategy({
  name: 'donchian-breakout',
  description: 'Long when the close breaks above the previous N-bar high; exit below the previous M-bar low.',
  params: {
    period: { type: 'int', default: 20, min: 2, max: 1000, step: 1, description: 'entry channel (bars)' },
    exit: { type: 'int', default: 10, min: 2, max: 1000, step: 1, description: 'exit channel (bars)' },
  },
  indicators: (p) => [
    { name: 'donchian', params: { period: p.period }, output: 'upper', warmup: p.period },
    { name: 'donchian', params: { period: p.exit }, output: 'lower', warmup: p.exit },
  ],
  create(_p, ctx) {
    const [entry, exit] = indicatorViews(ctx, 2);
    return signalOrders(ctx, (bar) => {
      const upper = entry.ago(1);
      const lower = exit.ago(1);
      return bar.c > upper ? 1 : bar.c < lower ? -1 : 0;
    }, { up: 'breakout', down: 'breakdown' });
  },
});
