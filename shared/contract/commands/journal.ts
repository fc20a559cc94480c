// Commands that read the journal as a whole for the trader to take away: the Fills tab's "Export CSV", the
// file `keel journal export --what fills --account NAME` writes for the same account, made by the same code.
import { z } from 'zod';
import { AccountNameSchema } from '../../trading/orders.ts';
import type { CommandTable } from './command-table.ts';

export const journalCommands = {
  /**
   * Every fill of one account in the journal (not only the pages the tab has loaded), oldest first, as the CSV
   * `keel journal export --what fills --account NAME` writes: the same columns, exact decimals as text, a tag
   * that starts like a spreadsheet formula with a leading '. `account` defaults to the one the trading.*
   * commands act on (the armed account while live, else paper); one the journal has no account of is
   * not_found, naming the ones it has. `fileName` is a name to save it under; `rows` counts the fills.
   */
  'journal.exportFills': {
    request: z.strictObject({ account: AccountNameSchema.optional() }),
    response: z.strictObject({ account: AccountNameSchema, fileName: z.string(), content: z.string(), rows: z.number().int().min(0) }),
  },
} as const satisfies CommandTable;
