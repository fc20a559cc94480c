// An order that expired, kept in the blotter below the open ones with the venue's reason in words: a
// spot market buy the free cash paid for only in part ("cut to 0.0149 BTC: the free cash … covered no
// more at the fill price …") or not at all, an immediate-or-cancel order that found too little. It left
// the open orders at once, so without this the trader would see a fill smaller than asked (or none) and
// no why. ✕ puts it away.
import type { Order } from '../../../../shared/trading/orders.ts';
import { dec } from '../../../../shared/trading/decimal.ts';
import { priceText, qtyText } from './decimal-text.ts';
import { LedgerCell } from './LedgerCell.tsx';
import { STATUS_TEXT, TYPE_SHORT } from './order-labels.ts';
import { dismissEnded } from './orders-store.ts';
import { fullTime, shortTimeParts } from './time-text.ts';

export function EndedOrderRows({ order: o, columns }: { order: Order; columns: number }) {
  const filled = dec(o.filledQty) > 0n;
  return (
    <>
      <tr className="ended-order" data-testid="ended-order-row" data-order-id={o.id} data-status={o.status}>
        <td className="num dim" title={fullTime(o.updatedAt)}>
          {shortTimeParts(o.updatedAt)[0]}
          <span className="time-secs">{shortTimeParts(o.updatedAt)[1]}</span>
        </td>
        <td>{o.symbol}</td>
        <td className={o.side === 'buy' ? 'side-buy' : 'side-sell'}>{o.side.toUpperCase()}</td>
        <td>{TYPE_SHORT[o.type]}</td>
        <td className="num right" title={`${qtyText(o.filledQty)} of ${qtyText(o.qty)} filled`}>
          <span className="dim">{qtyText(o.filledQty)} / </span>
          {qtyText(o.qty)}
        </td>
        <td className="num right" title={filled ? 'The average fill price' : undefined}>
          {filled ? priceText(o.avgFillPrice) : o.price !== null ? priceText(o.price) : '—'}
        </td>
        <td className="num right">{o.triggerPrice !== null ? priceText(o.triggerPrice) : '—'}</td>
        <td className="dim">{o.timeInForce}</td>
        <LedgerCell row={o} tagTestId="ended-order-tag" tagTitle="The order's tag: why it was placed" />
        {/* Kept short, so the row fits the dock as an open order's does; how much filled is in Qty, why on the next line. */}
        <td className={`status status-${o.status}`} data-testid="ended-order-status" title={`${filled ? 'Filled in part' : 'Not filled'}${o.reason ? `: ${o.reason}` : ''}`}>
          {STATUS_TEXT[o.status]}
        </td>
        <td className="row-actions">
          <button type="button" className="btn btn-xs" data-testid="ended-order-dismiss" aria-label="Put away" title="Read: put it away" onClick={() => dismissEnded(o.id)}>
            ✕
          </button>
        </td>
      </tr>
      {o.reason !== null && (
        <tr className="ended-order-why">
          <td colSpan={columns} className="ended-order-reason" data-testid="ended-order-reason" title={o.reason}>
            {o.reason}
          </td>
        </tr>
      )}
    </>
  );
}
