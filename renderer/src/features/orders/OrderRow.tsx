// One open order in the blotter, with cancel and an inline edit of its quantity, limit and trigger
// (trading.modify). Enter saves, Escape leaves the order as it is.
import { useState } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import type { Order } from '../../../../shared/trading/orders.ts';
import { readDecimal } from '../ticket/decimal-input.ts';
import { showBlotterMessage } from './blotter-message.ts';
import { priceText, qtyText, signOf } from './decimal-text.ts';
import { cancelOrder, changesOf, modifyOrder, type OrderEdit } from './order-actions.ts';
import { flagsText, roleText, STATUS_TEXT, trailText, TYPE_SHORT } from './order-labels.ts';
import { LedgerCell } from './LedgerCell.tsx';
import { fullTime, shortTimeParts } from './time-text.ts';

type Draft = { qty: string; price: string; triggerPrice: string };

function draftOf(o: Order): Draft {
  return { qty: o.qty, price: o.price ?? '', triggerPrice: o.triggerPrice ?? '' };
}

export function OrderRow({ api, order: o }: { api: Api; order: Order }) {
  const [editing, setEditing] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const canEditTrigger = o.triggerPrice !== null && !o.triggered;

  const save = async () => {
    if (!editing) return;
    const edit: OrderEdit = { qty: readDecimal(editing.qty) ?? editing.qty };
    if (o.price !== null) edit.price = readDecimal(editing.price) ?? editing.price;
    if (canEditTrigger) edit.triggerPrice = readDecimal(editing.triggerPrice) ?? editing.triggerPrice;
    const changes = changesOf(o, edit);
    if (!changes) {
      setEditing(null);
      return;
    }
    setBusy(true);
    const result = await modifyOrder(api, o.id, changes);
    setBusy(false);
    if (result.ok) {
      setEditing(null);
      showBlotterMessage({ kind: 'ok', text: `Modified ${o.side} ${TYPE_SHORT[o.type]} ${o.symbol}` });
    } else showBlotterMessage({ kind: 'error', action: 'Modify', error: result.error });
  };

  const cancel = async () => {
    setBusy(true);
    const result = await cancelOrder(api, o.id);
    setBusy(false);
    showBlotterMessage(result.ok ? { kind: 'ok', text: `Cancelled ${o.side} ${TYPE_SHORT[o.type]} ${qtyText(o.qty)} ${o.symbol}` } : { kind: 'error', action: 'Cancel', error: result.error });
  };

  const box = (field: keyof Draft, label: string) =>
    editing && (
      <input
        className="cell-input"
        type="text"
        inputMode="decimal"
        aria-label={label}
        data-testid={`edit-${field}`}
        value={editing[field]}
        onChange={(e) => setEditing({ ...editing, [field]: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setEditing(null);
        }}
      />
    );

  const role = roleText(o);
  return (
    <tr data-testid="order-row" data-order-id={o.id} data-status={o.status} data-type={o.type} className={editing ? 'is-editing' : undefined}>
      <td className="num dim" title={fullTime(o.createdAt)}>
        {shortTimeParts(o.createdAt)[0]}
          <span className="time-secs">{shortTimeParts(o.createdAt)[1]}</span>
      </td>
      <td>{o.symbol}</td>
      <td className={o.side === 'buy' ? 'side-buy' : 'side-sell'}>{o.side.toUpperCase()}</td>
      <td>
        {TYPE_SHORT[o.type]}
        {role && <span className="tag">{role}</span>}
      </td>
      <td className="num right" title={`${qtyText(o.filledQty)} of ${qtyText(o.qty)} filled`}>
        {/* Part-filled orders read "filled / total"; the total is what an edit changes. */}
        {!editing && signOf(o.filledQty) !== 0 && <span className="dim">{qtyText(o.filledQty)} / </span>}
        <span data-testid="order-qty">{editing ? box('qty', 'Quantity') : qtyText(o.qty)}</span>
      </td>
      <td className="num right" data-testid="order-price" data-value={o.price ?? ''}>
        {editing && o.price !== null ? box('price', 'Limit price') : o.price !== null ? priceText(o.price) : o.type === 'trailing-stop' ? trailText(o) : '—'}
      </td>
      <td className="num right" data-testid="order-trigger" data-value={o.triggerPrice ?? ''}>
        {editing && canEditTrigger ? box('triggerPrice', 'Trigger price') : o.trailingStopPrice ? priceText(o.trailingStopPrice) : o.triggerPrice !== null ? priceText(o.triggerPrice) : '—'}
      </td>
      <td className="dim">
        {o.timeInForce}
        {flagsText(o) && <span className="tag">{flagsText(o)}</span>}
      </td>
      <LedgerCell row={o} tagTestId="order-tag" tagTitle="The order's tag: why it was placed" />
      <td className={`status status-${o.status}`} data-testid="order-status" title={o.reason ?? undefined}>
        {STATUS_TEXT[o.status]}
        {o.triggered && o.triggerPrice !== null ? ' · triggered' : ''}
      </td>
      <td className="row-actions">
        {editing ? (
          <>
            <button type="button" className="btn btn-xs btn-accent" disabled={busy} data-testid="order-save" onClick={() => void save()}>
              Save
            </button>
            <button type="button" className="btn btn-xs" disabled={busy} onClick={() => setEditing(null)}>
              Esc
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn-xs" disabled={busy} data-testid="order-edit" title="Change quantity or price" aria-label="Edit" onClick={() => setEditing(draftOf(o))}>
              <span className="label-wide">Edit</span>
              <span className="label-narrow" aria-hidden="true">
                ✎
              </span>
            </button>
            <button type="button" className="btn btn-xs btn-danger" disabled={busy} data-testid="order-cancel" aria-label="Cancel order" title="Cancel this order" onClick={() => void cancel()}>
              ✕
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
