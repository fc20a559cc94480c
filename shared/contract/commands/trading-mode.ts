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
//   5. trading.disarm      → back to paper (audit `mode.disarm`, trading.mode event). Live orders stay on
//                            the exchange; cancel them before disarming if they should not stay.
// Errors: invalid_request (confirm does not match; path "confirm"), conflict (no key stored for the
// account, another account is armed, or the exchange could not be reached or reconciled: the message
// says which and what to do).
import { z } from 'zod';
import { EpochMs } from '../schemas.ts';
import { BalanceSchema } from '../../trading/orders.ts';
import { Empty, type CommandTable } from './command-table.ts';

/** "exchange:name", as `keel keys set` stores it: binance:main. */
export const LiveAccountSchema = z.string().regex(/^[a-z0-9]{2,40}:[a-z0-9_-]{1,32}$/, 'an exchange account written exchange:name, such as binance:main');

export const TradingModeSchema = z.strictObject({
  mode: z.enum(['paper', 'live']),
  /** The armed exchange account; null in paper. */
  account: LiveAccountSchema.nullable(),
  armedAt: EpochMs.nullable(),
  /** Accounts with an API key in the OS keychain: the ones that can be armed. */
  accounts: z.array(LiveAccountSchema),
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
  'trading.disarm': { request: Empty, response: TradingModeSchema },
} as const satisfies CommandTable;

export const tradingModeEvents = {
  /** Live trading was armed or disarmed (already in the audit log). */
  'trading.mode': TradingModeSchema,
} as const satisfies Record<string, z.ZodType>;
