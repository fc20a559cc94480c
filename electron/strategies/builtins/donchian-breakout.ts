// donchian-breakout (turtle style): long when the close breaks above the highest high of the previous
// `period` bars, exit when it breaks below the lowest low of the previous `exit` bars. The channels are
// read before the current bar joins them, as a breakout must be judged against the bars before it.
import { WindowExtremeStream } from '../../../shared/indicators/window-extremes.ts';
import { defineStrategy } from '../strategy.ts';
import { longFlat } from './long-flat.ts';

export const donchianBreakout = defineStrategy({
  name: 'donchian-breakout',
  description: 'Long when the close breaks above the previous N-bar high; exit below the previous M-bar low.',
  params: {
    period: { type: 'int', default: 20, min: 2, max: 1000, step: 1, description: 'entry channel (bars)' },
    exit: { type: 'int', default: 10, min: 2, max: 1000, step: 1, description: 'exit channel (bars)' },
  },
  indicators: (p) => [
    { name: 'donchian', params: { period: p.period }, warmup: p.period },
    { name: 'donchian', params: { period: p.exit }, warmup: p.exit },
  ],
  create(p, ctx) {
    const hi = new WindowExtremeStream(p.period, 'max');
    const lo = new WindowExtremeStream(p.exit, 'min');
    return longFlat(ctx, (bar) => {
      const upper = hi.value;
      const lower = lo.value;
      hi.add(bar.h);
      lo.add(bar.l);
      return bar.c > upper ? 1 : bar.c < lower ? -1 : 0;
    });
  },
});
