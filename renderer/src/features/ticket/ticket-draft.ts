// What the ticket would send right now: the quantity (typed, or sized from the risk), the request or the
// reason there is none. One function for the form on screen and the keyboard shortcuts, so a key press
// places exactly the order the ticket shows.
import type { MarketRulesInfo } from '../../../../shared/contract/commands/trading.ts';
import { decFromNumber, format } from '../../../../shared/trading/decimal.ts';
import type { OrderRequest } from '../../../../shared/trading/orders.ts';
import { entryPrice, formToRequest, type FormField, type TicketForm } from './order-form.ts';
import { sizeByRisk, type RiskSizing } from './risk-sizing.ts';

export interface DraftContext {
  symbol: string | null;
  /** The last price as exact decimal text, or null before any. */
  lastPrice: string | null;
  /** The account's equity, for risk sizing. */
  equity: string | null;
  /** The symbol's market rules on the account (trading.rules): risk sizing rounds to its step and counts its taker fee. Null until known. */
  rules: Pick<MarketRulesInfo, 'stepSize' | 'takerFee'> | null;
}

export interface TicketDraft {
  /** The risk sizing, in risk mode. */
  sizing: RiskSizing | null;
  request: OrderRequest | null;
  /** Why there is no request: the field at fault and what would be valid. */
  problem: { field: FormField; message: string } | null;
  /** The quantity step the sizing rounded to. */
  step: string | null;
}

/** A float price from the chart as the exact decimal it prints as (46216.93, not its binary expansion). */
export function decimalOfPrice(price: number | null): string | null {
  return price === null || !Number.isFinite(price) || price <= 0 ? null : format(decFromNumber(price));
}

export function draftOrder(form: TicketForm, ctx: DraftContext): TicketDraft {
  if (ctx.symbol === null) return { sizing: null, request: null, problem: { field: 'qty', message: 'Pick a symbol first: import candles and choose one in the top bar' }, step: null };
  const entry = entryPrice(form, ctx.lastPrice);
  let qty = form.qty;
  let sizing: RiskSizing | null = null;
  let step: string | null = null;
  if (form.sizing === 'risk') {
    if (ctx.rules === null) {
      const problem = { field: 'riskPct' as const, message: `The market rules of ${ctx.symbol} (its quantity step and fee) are not known yet, so the risk cannot be sized` };
      return { sizing: { ok: false, ...problem }, request: null, problem, step: null };
    }
    step = ctx.rules.stepSize;
    sizing = sizeByRisk({ side: form.side, equity: ctx.equity, riskPct: form.riskPct, entry, stop: form.stopLoss, step, feeRate: ctx.rules.takerFee });
    if (!sizing.ok) return { sizing, request: null, problem: { field: sizing.field, message: sizing.message }, step };
    qty = sizing.qty;
  }
  const result = formToRequest(form, ctx.symbol, qty);
  return result.ok ? { sizing, request: result.request, problem: null, step } : { sizing, request: null, problem: { field: result.field, message: result.message }, step };
}
