// Paper and live trading: which one the trading.* commands act on, and the arming step that switches to
// live. Paper is the default, and Keel always starts in paper: an app restart (or crash) never resumes
// live trading on its own; the user arms again. Live orders left open on the exchange are not touched by
// that; the next arming reconciles them.
//
// The arming dialog (renderer) goes:
//   1. trading.mode        → which accounts have a stored API key (only those can be armed), and the mode now;
//   2. trading.armPreview  → { account }: the exchange's balances for that account, read with its key just
//                            now, and the exact text the user must type to confirm (the account name);
//   3. show the balances, ask the user to type the account name;
//   4. trading.arm         → { account, confirm }: `confirm` must equal the account name as typed
//                            (surrounding spaces ignored, nothing else); Keel connects, reconciles the
//                            account's open orders and fills, switches every trading.* command to it,
//                            writes `mode.arm` to the audit log and emits trading.mode;
//      The answer (and trading.mode while live) carries what reconciliation found that Keel did not do:
//      `findings` (orders open on the exchange that Keel did not place, balances that differ from the
//      journal's, cancels the exchange keeps refusing). Keel never touches foreign orders, not even the
//      kill switch: the trader must hear of them.
//   4b. trading.acknowledgeDrift → { account (the armed one), seen (the drift shown) }: the trader says the drift is theirs (a deposit,
//                            a withdrawal): the exchange's balances are taken as right, one journal row per
//                            differing asset in one commit, audit `mode.acknowledge-drift`, trading.mode
//                            emitted; the answer's findings no longer list that drift, nor will the next arming.
//   5. trading.disarm      → back to paper (audit `mode.disarm`, trading.mode event). Live orders stay on
//                            the exchange; cancel them before disarming if they should not stay.
// Errors: invalid_request (confirm does not match; path "confirm"), conflict (no key stored for the
// account, another account is armed, or the exchange could not be reached or reconciled; for
// acknowledgeDrift, that account is not the armed one or the drift is no longer what was seen: the message
// says which and what to do).
import { z } from 'zod';
import { EpochMs } from '../schemas.ts';
import { BalanceSchema, DecimalString } from '../../trading/orders.ts';
import { Empty, type CommandTable } from './command-table.ts';

/** "exchange:name", as `keel keys set` stores it: binance:main. */
export const LiveAccountSchema = z.string().regex(/^[a-z0-9]{2,40}:[a-z0-9_-]{1,32}$/, 'an exchange account written exchange:name, such as binance:main');

/** An order open on the exchange that Keel did not place (the exchange's website, another bot): listed, never touched. */
export const ForeignOpenOrderSchema = z.strictObject({
  symbol: z.string(),
  /** As the exchange says ("buy", "sell"); null when it did not. */
  side: z.string().nullable(),
  type: z.string().nullable(),
  qty: DecimalString.nullable(),
  filledQty: DecimalString.nullable(),
  /** Null for an order without a price (market). */
  price: DecimalString.nullable(),
  clientOrderId: z.string().nullable(),
  exchangeOrderId: z.string(),
});
export type ForeignOpenOrder = z.infer<typeof ForeignOpenOrderSchema>;

/** An asset whose total (free + locked) on the exchange differs from what Keel's journal expects. */
export const BalanceDriftSchema = z.strictObject({
  asset: z.string(),
  /** What Keel's journal expects (opening balance and every fill it saw). */
  expected: DecimalString,
  exchange: DecimalString,
  /** exchange − expected: a deposit, a withdrawal, a trade placed elsewhere, a fee paid in another asset. */
  difference: DecimalString,
});

/** An order Keel asked the exchange to cancel, refused again and again: it stays open (as far as Keel knows). */
export const RefusedCancelSchema = z.strictObject({
  orderId: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  refusals: z.number().int().positive(),
  /** The exchange's last refusal, cleaned for a person. */
  reason: z.string(),
  /** The whole of it in a sentence, for the screen. */
  message: z.string(),
});

/** What the live account's reconciliation (and cancels since) found that Keel did not do. */
export const LiveFindingsSchema = z.strictObject({
  /** When the last reconciliation ran. */
  reconciledAt: EpochMs.nullable(),
  foreignOpenOrders: z.array(ForeignOpenOrderSchema),
  balanceDrift: z.array(BalanceDriftSchema),
  /**
   * The first arming of an account only: what the exchange held beyond the journal (coins from before Keel),
   * taken as the account's opening balance; later armings report only drift since. Absent from engines that do not say.
   */
  openingBalances: z.array(BalanceDriftSchema).optional(),
  refusedCancels: z.array(RefusedCancelSchema),
});
export type LiveFindings = z.infer<typeof LiveFindingsSchema>;

export const TradingModeSchema = z.strictObject({
  mode: z.enum(['paper', 'live']),
  /** The armed exchange account; null in paper. */
  account: LiveAccountSchema.nullable(),
  armedAt: EpochMs.nullable(),
  /** Accounts with an API key in the OS keychain: the ones that can be armed. */
  accounts: z.array(LiveAccountSchema),
  /** Why the keychain could not be read (locked, no Secret Service): then `accounts` is empty for that reason, not for want of keys. */
  keychainError: z.string().nullable().optional(),
  /** While live: what reconciliation found that Keel did not do (null or absent in paper, or from an engine that does not say). */
  findings: LiveFindingsSchema.nullable().optional(),
});
export type TradingMode = z.infer<typeof TradingModeSchema>;

export const tradingModeCommands = {
  'trading.mode': { request: Empty, response: TradingModeSchema },
  'trading.armPreview': {
    request: z.strictObject({ account: LiveAccountSchema }),
    response: z.strictObject({
      account: LiveAccountSchema,
      /** Read from the exchange with the account's key when the preview was asked for; non-zero assets only. */
      balances: z.array(BalanceSchema),
      fetchedAt: EpochMs,
      /** What the user must type into the confirmation field: the account name itself. */
      confirmText: z.string(),
    }),
  },
  'trading.arm': {
    request: z.strictObject({ account: LiveAccountSchema, confirm: z.string().max(80) }),
    response: TradingModeSchema.extend({ balances: z.array(BalanceSchema) }),
  },
  'trading.acknowledgeDrift': {
    // `seen`: the drift as the dialog showed it (asset and the exchange's balance). Acknowledged only while it is
    // still what the engine finds: a reconciliation between the showing and the click refuses it.
    request: z.strictObject({ account: LiveAccountSchema, seen: z.array(z.strictObject({ asset: z.string().min(1).max(32), exchange: DecimalString })).max(500) }),
    response: TradingModeSchema,
  },
  'trading.disarm': { request: Empty, response: TradingModeSchema },
} as const satisfies CommandTable;

export const tradingModeEvents = {
  /** Live trading was armed or disarmed (already in the audit log). */
  'trading.mode': TradingModeSchema,
} as const satisfies Record<string, z.ZodType>;
