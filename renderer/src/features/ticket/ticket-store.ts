// The ticket's form as the user left it and the last order's outcome. A store rather than component
// state, so the keyboard shortcuts place exactly what the ticket shows. (The fee rate and quantity step
// risk sizing uses come from trading.rules: orders/market-rules-store.ts.)
import { create } from 'zustand';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';
import type { Order, OrderType } from '../../../../shared/trading/orders.ts';
import { EMPTY_FORM, TYPE_FIELDS, type TicketForm } from './order-form.ts';

export type TicketOutcome =
  | { kind: 'placed'; order: Order }
  /** Accepted by the schema but turned down (by the risk gate or the venue): the order exists, rejected. */
  | { kind: 'rejected'; order: Order }
  | { kind: 'error'; error: KeelErrorData };

interface TicketState {
  form: TicketForm;
  /** The symbol the price boxes were filled for: a new symbol clears them. */
  pricedFor: string | null;
  submitting: boolean;
  outcome: TicketOutcome | null;
}

export const useTicket = create<TicketState>()(() => ({ form: EMPTY_FORM, pricedFor: null, submitting: false, outcome: null }));

export function setField<K extends keyof TicketForm>(field: K, value: TicketForm[K]): void {
  useTicket.setState((s) => ({ form: { ...s.form, [field]: value } }));
}

/**
 * Switches the order type; a price box the new type needs and that is empty starts at the last price
 * (the user nudges it from there rather than typing a whole price).
 */
export function setType(type: OrderType, lastPrice: string | null): void {
  useTicket.setState((s) => {
    const fields = TYPE_FIELDS[type];
    const form = { ...s.form, type };
    if (lastPrice !== null) {
      if (fields.price && form.price.trim() === '') form.price = lastPrice;
      if (fields.trigger === 'required' && form.triggerPrice.trim() === '') form.triggerPrice = lastPrice;
    }
    if (!fields.postOnly) form.postOnly = false;
    return { form };
  });
}

/** A different symbol: prices typed for the old one mean nothing now. */
export function resetPricesFor(symbol: string | null, lastPrice: string | null): void {
  useTicket.setState((s) => {
    if (s.pricedFor === symbol) return s;
    const fields = TYPE_FIELDS[s.form.type];
    return {
      pricedFor: symbol,
      outcome: null,
      form: {
        ...s.form,
        price: fields.price && lastPrice !== null ? lastPrice : '',
        triggerPrice: fields.trigger === 'required' && lastPrice !== null ? lastPrice : '',
        stopLoss: '',
        takeProfit: '',
      },
    };
  });
}
