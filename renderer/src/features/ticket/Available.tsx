// "Avbl": what the chosen side can spend, from the account: free quote cash for a buy, the free base
// asset for a sell (spot sells need the coins held). Amounts reserved by open orders are not free.
import { fixed, qtyText } from '../orders/decimal-text.ts';
import { usePositions } from '../positions/positions-store.ts';
import type { Side } from '../../../../shared/trading/orders.ts';

export function Available({ side, base, quote }: { side: Side; base: string; quote: string }) {
  const account = usePositions((s) => s.account);
  const asset = side === 'buy' ? quote : base;
  const free = account?.balances.find((b) => b.asset === asset)?.free ?? (account ? '0' : null);
  return (
    <span className="ticket-avbl" data-testid="ticket-available" title={`Free ${asset}, not reserved by open orders`}>
      Avbl <span className="num">{free === null ? '—' : side === 'buy' ? fixed(free, 2) : qtyText(free)}</span> {asset}
    </span>
  );
}
