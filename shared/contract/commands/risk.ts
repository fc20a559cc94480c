// Commands for the risk engine: read its state, switch the mode, change limits, pull the kill switch and
// re-arm it, read the log of risk events (from the audit log) and project account growth per mode.
// Who acts is never part of a request: the handler sets it (a page is always the user).
import { z } from 'zod';
import { ProjectionRequestSchema, ProjectionSchema, RiskEventSchema, RiskLimitsSchema, RiskModeSchema, RiskStateSchema } from '../risk-schemas.ts';
import { Empty, type CommandTable } from './command-table.ts';

export const riskCommands = {
  'risk.state': { request: Empty, response: RiskStateSchema },
  /** Applies to new orders only: open positions and orders are left as they are. */
  'risk.setMode': { request: z.strictObject({ mode: RiskModeSchema }), response: RiskStateSchema },
  /** Any subset of the limits; all are checked before any is changed. */
  'risk.setLimits': { request: z.strictObject({ limits: RiskLimitsSchema.partial() }), response: RiskStateSchema },
  'risk.kill': {
    request: z.strictObject({
      flatten: z.boolean().default(false),
      reason: z.string().max(200).optional(),
      /**
       * Every account (an armed live account and paper), not only the active one: the panic controls (the
       * desktop's tray and shortcut, as `keel kill`) ask for it; the risk panel stops the account it shows.
       */
      everyAccount: z.boolean().default(false),
    }),
    response: z.strictObject({
      state: RiskStateSchema,
      /** Orders cancelled, positions sent a closing order, and how long it took. */
      cancelled: z.number().int(),
      flattened: z.number().int(),
      failures: z.array(z.string()),
      ms: z.number(),
    }),
  },
  'risk.rearm': { request: Empty, response: RiskStateSchema },
  'risk.events': {
    request: z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }),
    response: z.strictObject({ events: z.array(RiskEventSchema) }),
  },
  'risk.projection': { request: ProjectionRequestSchema, response: ProjectionSchema },
} as const satisfies CommandTable;
