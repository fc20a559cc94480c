// The typed error every failed call returns, whichever shell carried it.
import { z } from 'zod';

export const ERROR_CODES = [
  /** The command name is not in the contract. */
  'unknown_command',
  /** The request did not match the command's schema; `issues` say where. */
  'invalid_request',
  /** The frame was not JSON, or not a request envelope. */
  'malformed_message',
  /** The frame was larger than the bridge accepts. */
  'message_too_large',
  /** The caller is not the app's own window (wrong origin, sender or token). */
  'unauthorized',
  /** The request was valid but the thing it names does not exist (a series with no candles, say). */
  'not_found',
  /** The request was valid but cannot be done in the current state. */
  'conflict',
  /** A bug or an unexpected failure in the engine; the message says what. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const KeelErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** For invalid_request: the path and message of each problem. */
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type KeelErrorData = z.infer<typeof KeelErrorSchema>;

/** Thrown by every Api implementation when a call fails, and by engine code that wants a specific code. */
export class KeelError extends Error {
  readonly code: ErrorCode;
  readonly issues: KeelErrorData['issues'];
  constructor(code: ErrorCode, message: string, issues?: KeelErrorData['issues']) {
    super(message);
    this.name = 'KeelError';
    this.code = code;
    this.issues = issues;
  }
  toJSON(): KeelErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
  static fromData(data: KeelErrorData): KeelError {
    return new KeelError(data.code, data.message, data.issues);
  }
}

/** A call's outcome as it crosses a process boundary (IPC or WebSocket): errors are values, not exceptions. */
export type Outcome<T> = { ok: true; result: T } | { ok: false; error: KeelErrorData };
