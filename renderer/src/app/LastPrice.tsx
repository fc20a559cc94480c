// The last price in the top bar, green when it ticked up and red when it ticked down.
import { formatPrice } from '../lib/format.ts';
import { useChart } from '../features/chart/chart-store.ts';

export function LastPrice() {
  const price = useChart((s) => s.tally.lastPrice);
  const tick = useChart((s) => s.tick);
  return (
    <span className={`last-price tick-${tick}`} data-testid="last-price" title="Last price on the chart">
      {formatPrice(price)}
    </span>
  );
}
