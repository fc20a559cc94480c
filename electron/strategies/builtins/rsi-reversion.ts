// rsi-reversion: buy the dip. Long when the RSI closes below `lower` (oversold), exit when it closes
// above `upper`.
import { defineStrategy, indicatorViews } from '../strategy.ts';
import { signalOrders } from './signal-orders.ts';

export const rsiReversion = defineStrategy({
  name: 'rsi-reversion',
  description: 'Long when the RSI closes below the lower level (oversold); exit when it closes above the upper level.',
  params: {
    period: { type: 'int', default: 14, min: 2, max: 500, step: 1, description: 'RSI period (bars)' },
    lower: { type: 'number', default: 30, min: 1, max: 99, step: 5, description: 'enter below this RSI' },
    upper: { type: 'number', default: 70, min: 1, max: 99, step: 5, description: 'exit above this RSI' },
  },
  indicators: (p) => [{ name: 'rsi', params: { period: p.period }, warmup: p.period, levels: [p.lower, p.upper] }],
  check: (p) => (p.lower < p.upper ? null : `rsi-reversion: lower (${p.lower}) must be below upper (${p.upper})`),
  create(p, ctx) {
    const [rsi] = indicatorViews(ctx, 1);
    return signalOrders(ctx, () => {
      const r = rsi.ago(0);
      return r < p.lower ? 1 : r > p.upper ? -1 : 0;
    }, { up: `rsi<${p.lower}`, down: `rsi>${p.upper}` });
  },
});
