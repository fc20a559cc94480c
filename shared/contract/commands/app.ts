// Commands about Keel itself.
import { z } from 'zod';
import { EpochMs } from '../schemas.ts';
import { Empty, type CommandTable } from './command-table.ts';

export const appCommands = {
  'app.info': {
    request: Empty,
    response: z.strictObject({
      name: z.literal('Keel'),
      version: z.string(),
      /** Paper is the default; live needs an explicit arming step. */
      tradingMode: z.enum(['paper', 'live']),
      shell: z.enum(['electron', 'browser']),
      dataDir: z.string(),
      startedAt: EpochMs,
    }),
  },
} as const satisfies CommandTable;
