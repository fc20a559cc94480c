// Commands for trading: place, preview, change and cancel orders; read orders, fills, positions and the
// account. The caller's origin is not part of any request: the engine's handler sets it (the UI is always
// the user), so a page cannot pose as a strategy or the AI.
import { z } from 'zod';
import { MAX_BORROW_RATE_PCT } from '../../trading/borrow-interest.ts';
import { JournalHealthSchema } from '../journal-health.ts';
import { SymbolSchema } from '../schemas.ts';
import { AccountNameSchema, AccountSchema, DecimalString, FillSchema, OrderRequestSchema, OrderSchema, PositionsSchema, PositiveDecimalString } from '../../trading/orders.ts';
import { Empty, type CommandTable } from './command-table.ts';

const OrderId = z.string().min(1).max(80);
/** A sub-ledger: "user", "ai" or "strategy:<id>". */
const LedgerSchema = z.string().regex(/^(user|ai|strategy:.{1,64})$/, 'a ledger is user, ai or strategy:<id>');

/**
 * A market as the account the commands act on trades it: the grids and minimums every order is checked
 * against (the paper engine's rules table, or the exchange's markets when live) and the fees it charges.
 * Amounts and rates are decimal strings.
 */
export const MarketRulesSchema = z.strictObject({
  /** The account whose engine answered: "paper" or "binance:main". */
  account: AccountNameSchema,
  /** spot holds only what it bought (no shorts, so a long cannot be reversed); margin can go short. */
  kind: z.enum(['spot', 'margin']),
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  /** Every limit, trigger and bracket price is a multiple of it. */
  tickSize: DecimalString,
  /** Every quantity is a multiple of it. */
  stepSize: DecimalString,
  minQty: DecimalString,
  /** Smallest qty × price, in the quote asset ("0" when there is none). */
  minNotional: DecimalString,
  /** Fee rates as fractions of the notional: "0.001" is 0.1 %. */
  makerFee: DecimalString,
  takerFee: DecimalString,
  /**
   * The simulated venue's slippage on a market execution, as a fraction of the price ("0.0001" is 1 bp):
   * the paper account's fill model. Absent on a live account, where the book decides. The ticket's Max
   * leaves room for it so a market buy sized at the last price is paid for at the fill price too.
   */
  slippage: DecimalString.optional(),
});
export type MarketRulesInfo = z.infer<typeof MarketRulesSchema>;

export const tradingCommands = {
  'trading.submit': { request: OrderRequestSchema, response: OrderSchema },
  'trading.preview': {
    request: OrderRequestSchema,
    response: z.strictObject({
      /** qty × the price the order is sized at (limit, trigger, or last price). */
      notional: DecimalString,
      /** The taker fee on the notional (the most it can cost), rounded up to 1e-8. */
      fee: DecimalString,
      /** notional + fee. */
      cost: DecimalString,
      /** With a bracket stop-loss: what is lost if the stop is hit (price distance × qty, both fees included). */
      riskToStop: DecimalString.nullable(),
      /** Why the order would be refused, or null when it would be sent. */
      refusal: z.string().nullable(),
    }),
  },
  'trading.cancel': { request: z.strictObject({ orderId: OrderId }), response: OrderSchema },
  'trading.cancelAll': {
    request: z.strictObject({ symbol: SymbolSchema.optional() }),
    response: z.strictObject({ orders: z.array(OrderSchema) }),
  },
  'trading.modify': {
    request: z
      .strictObject({ orderId: OrderId, qty: PositiveDecimalString.optional(), price: PositiveDecimalString.optional(), triggerPrice: PositiveDecimalString.optional() })
      .refine((r) => r.qty !== undefined || r.price !== undefined || r.triggerPrice !== undefined, 'give qty, price or triggerPrice to change'),
    response: OrderSchema,
  },
  'trading.orders': {
    request: z.strictObject({ status: z.enum(['open', 'all']).default('open'), limit: z.number().int().min(1).max(5000).default(200) }),
    response: z.strictObject({ orders: z.array(OrderSchema) }),
  },
  /**
   * The account's fills newest first by (ts, id); with `before` (the time and id of the oldest one shown),
   * the next ones after it in that order, so "load older" pages through every fill once.
   */
  'trading.fills': {
    request: z.strictObject({
      symbol: SymbolSchema.optional(),
      limit: z.number().int().min(1).max(5000).default(200),
      before: z.strictObject({ ts: z.number().int('before.ts is a fill time in epoch ms'), id: z.string().min(1).max(80) }).optional(),
    }),
    response: z.strictObject({ fills: z.array(FillSchema) }),
  },
  'trading.positions': { request: Empty, response: PositionsSchema },
  'trading.account': { request: Empty, response: AccountSchema },
  /**
   * Every account (paper, the armed one) whose journal failed to save a change since Keel started, as its
   * last trading.journalHealth event said: failing, or saving again. Empty while every journal saves.
   */
  'trading.journalHealth': { request: Empty, response: z.strictObject({ accounts: z.array(JournalHealthSchema) }) },
  /** The market rules and fees of a symbol on the active account; not_found for a market it cannot trade. */
  'trading.rules': { request: z.strictObject({ symbol: SymbolSchema }), response: MarketRulesSchema },
  /**
   * Makes the paper account spot or margin (margin: shorts allowed, with 1× collateral; strategies with
   * direction short or both need it). Refused (conflict) on a live account, with any order open, and to
   * spot while a short is held or a strategy that may short runs on it. Answers the account snapshot,
   * which a trading.account event also carries; audited as trading.account-kind.
   */
  'trading.setAccountKind': { request: z.strictObject({ kind: z.enum(['spot', 'margin']) }), response: AccountSchema },
  /**
   * Sets what the paper account's shorts pay on what they borrow, percent a year (0 to 1000; 5 is 5 % a
   * year, Binance's 0.01 % a day is 3.65). A short pays it when bought back, for the whole time it was
   * held. Refused (conflict) on a live account. Answers the account snapshot; audited as trading.borrow-rate.
   */
  'trading.setBorrowRate': {
    request: z.strictObject({
      ratePct: z
        .number()
        .finite()
        .min(0, 'a borrow rate is percent a year, from 0')
        .max(MAX_BORROW_RATE_PCT, `a borrow rate is percent a year, at most ${MAX_BORROW_RATE_PCT} (5 is 5% a year)`),
    }),
    response: AccountSchema,
  },
  'trading.closePosition': {
    request: z.strictObject({ symbol: SymbolSchema, ledger: LedgerSchema.default('user') }),
    response: OrderSchema,
  },
  'trading.reversePosition': {
    request: z.strictObject({ symbol: SymbolSchema, ledger: LedgerSchema.default('user') }),
    response: OrderSchema,
  },
} as const satisfies CommandTable;
