// Turns whatever a failed call threw into the contract's error shape, so every error the UI shows
// has a code and a message. Errors that crossed Electron's contextBridge arrive as plain objects or
// Errors that kept `code` but lost their class, so this reads the fields rather than trusting instanceof.
import { ERROR_CODES, type ErrorCode, type KeelErrorData } from '../../../shared/contract/errors.ts';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function toErrorData(err: unknown): KeelErrorData {
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message !== '' ? message : String(err);
    return { code: isErrorCode(code) ? code : 'internal', message: text };
  }
  return { code: 'internal', message: String(err) };
}
