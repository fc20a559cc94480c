import { z } from 'zod';

/** A domain's commands: name → request and response schemas. */
export type CommandTable = Record<string, { request: z.ZodType; response: z.ZodType }>;

/** The request of commands that take no arguments. */
export const Empty = z.strictObject({});
