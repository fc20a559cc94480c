// How long Keel waits for one keychain call: KEYCHAIN_TIMEOUT_MS, or KEEL_KEYCHAIN_TIMEOUT_S's seconds. One
// setting for `keel keys` and the app's engine (the Go live dialog, arming): both reach the keychain the
// same way (child-keychain.ts), and both give up on it after this long, saying so.
// Nothing here loads the keychain library: the engine reads this at start-up, and paper trading never needs it.

/**
 * How long one keychain call may take. A locked keychain waits for its unlock prompt without limit, and
 * one nobody answers (no display, the window behind others) would leave the Go live dialog looking for
 * keys forever, with every later call queued behind it.
 */
export const KEYCHAIN_TIMEOUT_MS = 30_000;

export const KEYCHAIN_TIMEOUT_ENV = 'KEEL_KEYCHAIN_TIMEOUT_S';

const MAX_KEYCHAIN_TIMEOUT_S = 3600;

/** The limit in ms; a RangeError saying what is valid for a value that is not a number of seconds. */
export function keychainTimeoutMs(env: NodeJS.ProcessEnv): number {
  const text = env[KEYCHAIN_TIMEOUT_ENV];
  if (text === undefined || text.trim() === '') return KEYCHAIN_TIMEOUT_MS;
  const s = Number(text);
  if (!Number.isFinite(s) || s <= 0 || s > MAX_KEYCHAIN_TIMEOUT_S) {
    throw new RangeError(`${KEYCHAIN_TIMEOUT_ENV} must be the seconds to wait for the OS keychain to answer, above 0 and at most ${MAX_KEYCHAIN_TIMEOUT_S} (unset: ${KEYCHAIN_TIMEOUT_MS / 1000}), got "${text}"`);
  }
  return s * 1000;
}
