// Open orders, newest first, live from trading.order events: cancel or edit each, cancel all of the
// chart's symbol or all at once (both ask first). Below them, the orders that expired while on screen,
// each with the venue's reason (EndedOrderRows.tsx), until put away.
import { useApi } from '../../api/api-context.tsx';
import { useSeries } from '../chart/series-store.ts';
import { BlotterMessageStrip } from './BlotterMessageStrip.tsx';
import { confirmCancelAll } from './cancel-all.ts';
import { OrderRow } from './OrderRow.tsx';
import { EndedOrderRows } from './EndedOrderRows.tsx';
import { expiredOrderList, openOrderList, useOrders } from './orders-store.ts';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';

const COLUMNS: TableColumns = [['Time'], ['Symbol'], ['Side'], ['Type'], ['Qty', 'right'], ['Price', 'right'], ['Trigger', 'right'], ['TIF'], ['Ledger'], ['Status'], ['', 'sticky-actions']];

export function OrdersBlotter() {
  const api = useApi();
  const open = useOrders((s) => s.open);
  const loaded = useOrders((s) => s.loaded);
  const endedMap = useOrders((s) => s.ended);
  const dismissed = useOrders((s) => s.dismissed);
  const expired = expiredOrderList(endedMap, dismissed);
  const symbol = useSeries((s) => s.selected?.symbol ?? null);
  const orders = openOrderList(open);
  const forSymbol = symbol === null ? 0 : orders.filter((o) => o.symbol === symbol).length;

  return (
    <div className="dock-pane" data-testid="orders-blotter">
      <div className="dock-toolbar">
        <span className="dim">
          <span className="num" data-testid="open-order-count">
            {orders.length}
          </span>{' '}
          open
        </span>
        {symbol && (
          <button type="button" className="btn btn-xs" data-testid="cancel-symbol" disabled={forSymbol === 0} title={`Cancel every open ${symbol} order`} onClick={() => void confirmCancelAll(api, symbol)}>
            Cancel {symbol}
          </button>
        )}
        <button type="button" className="btn btn-xs btn-danger" data-testid="cancel-all" disabled={orders.length === 0} title="Cancel every open order (Shift+X)" onClick={() => void confirmCancelAll(api)}>
          Cancel all
        </button>
        <BlotterMessageStrip />
      </div>
      {orders.length === 0 && <div className="dock-empty">{loaded ? 'No open orders. Limit, stop and bracket orders wait here until they fill or are cancelled.' : 'Loading orders…'}</div>}
      {orders.length + expired.length > 0 && (
        <table className="trade-table orders-table">
          <TableHead columns={COLUMNS} />
          {orders.length > 0 && (
            <tbody>
              {orders.map((o) => (
                <OrderRow key={o.id} api={api} order={o} />
              ))}
            </tbody>
          )}
          {expired.length > 0 && (
            <tbody className="ended-orders" data-testid="ended-orders">
              <tr className="ended-heading">
                <td colSpan={COLUMNS.length}>Expired: filled in part or not at all, and why</td>
              </tr>
              {expired.map((o) => (
                <EndedOrderRows key={o.id} order={o} columns={COLUMNS.length} />
              ))}
            </tbody>
          )}
        </table>
      )}
    </div>
  );
}
