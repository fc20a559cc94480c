// Whether an account's journal is saving what the account does. A journal write that fails (a full disk,
// a locked or damaged file) is treated by the engine as a crash at that moment: it reloads orders,
// positions and cash from the journal. Outside a user action (a paper fill at a tick, a live fill from the
// exchange, a strategy's order) nobody is there to hear an error, so the engine says it here: once when
// writes start failing, once if what it did about it changes, and once when a write goes through again.
import { z } from 'zod';
import { AccountNameSchema } from '../trading/orders.ts';
import { EpochMs } from './schemas.ts';

export const JournalHealthSchema = z.strictObject({
  /** The account whose journal it is: "paper", "binance:main". */
  account: AccountNameSchema,
  /** failing: a write failed and none has gone through since; saving: writes go through again after a failure. */
  status: z.enum(['failing', 'saving']),
  /** When this state began (wall clock): the newer of two states of one account is the one with the later time. */
  changedAt: EpochMs,
  /** When the first failed write of this failure failed (wall clock, epoch ms: the trader's time, not a replay's). */
  failedAt: EpochMs,
  /** The journal's own error, as SQLite said it ("database or disk is full", "disk I/O error"). */
  error: z.string(),
  /**
   * What Keel did: reloaded the account's orders, positions and cash from the journal (the change that could
   * not be saved was dropped); or the reload failed too, and it is tried again when the account next does
   * something (an order, a fill, a cancel); until then what is on screen may be ahead of the journal.
   */
  reload: z.enum(['reloaded', 'failed']),
  /** Why the reload failed (reload: failed); null otherwise. */
  reloadError: z.string().nullable(),
  /** When a write went through again (status saving); null while failing. */
  recoveredAt: EpochMs.nullable(),
});
export type JournalHealth = z.infer<typeof JournalHealthSchema>;
