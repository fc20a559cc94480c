// Turns @napi-rs/keyring's errors (plain Errors with code "GenericFailure" and keyring-rs's text)
// into messages a user can act on. The texts matched below are the ones seen on Linux with
// keyring 2.1.2: no session bus, a bus without a Secret Service, a Secret Service without a
// default collection, and a locked collection whose unlock prompt could not be shown.
import { redactText } from './redact.ts';

/**
 * Why the keychain could not be used: `unavailable` ones mean there is no usable keychain at all;
 * `timeout` is one that did not answer in time (KeyStore's limit), most likely waiting on an unlock prompt.
 */
export type KeychainFailure = 'no-session-bus' | 'no-secret-service' | 'no-collection' | 'locked' | 'timeout' | 'other';

/** What the caller tried; decides the closing words ("nothing was saved"). */
export type KeychainAction = 'save' | 'read' | 'delete';

export class KeychainError extends Error {
  readonly failure: KeychainFailure;
  constructor(failure: KeychainFailure, message: string) {
    super(message);
    this.name = 'KeychainError';
    this.failure = failure;
  }
  /** True when there is no usable keychain (as opposed to one that failed on this entry or answered too late). */
  get unavailable(): boolean {
    return this.failure !== 'other' && this.failure !== 'timeout';
  }
}

const PATTERNS: readonly [Exclude<KeychainFailure, 'timeout'>, RegExp][] = [
  ['no-session-bus', /DBUS_SESSION_BUS_ADDRESS|autolaunch|Unable to autolaunch|Failed to connect to socket|No such file or directory.*bus/i],
  ['no-secret-service', /org\.freedesktop\.secrets|ServiceUnknown|NameHasNoOwner|not provided by any \.service files/i],
  ['no-collection', /no result found|NoSuchObject|no such (object|collection)/i],
  // \blocked: libdbus's "Did not receive a reply ... the message bus security policy blocked the reply"
  // (a Secret Service that does not answer) is not a locked keychain.
  ['locked', /\blocked|prompt was dismissed|IsLocked|user ?cancel|interaction (is )?not allowed/i],
];

const WHY: Record<Exclude<KeychainFailure, 'other' | 'timeout'>, string> = {
  'no-session-bus': 'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset, as in SSH and headless sessions)',
  'no-secret-service': 'no Secret Service answers on the D-Bus session bus',
  'no-collection': 'the Secret Service has no default keyring to store into',
  locked: 'the keychain is locked and was not unlocked',
};

const CONSEQUENCE: Record<KeychainAction, string> = {
  save: 'nothing was saved',
  read: 'no API key could be read',
  delete: 'nothing was deleted',
};

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS login keychain: unlock it in Keychain Access';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service on Linux: install and unlock gnome-keyring or KWallet';
}

export function classifyKeychainFailure(message: string): Exclude<KeychainFailure, 'timeout'> {
  for (const [failure, re] of PATTERNS) if (re.test(message)) return failure;
  return 'other';
}

/**
 * A KeychainError for `err`, thrown by the keychain during `action`. `secrets` are masked out of the
 * library's message in case a future version quotes what it was given.
 */
export function keychainError(err: unknown, action: KeychainAction, secrets: readonly (string | undefined)[] = [], platform: NodeJS.Platform = process.platform): KeychainError {
  if (err instanceof KeychainError) return err;
  const detail = redactText(err instanceof Error ? err.message : String(err), secrets);
  const failure = classifyKeychainFailure(detail);
  if (failure === 'other') return new KeychainError(failure, `the OS keychain failed: ${detail}; ${CONSEQUENCE[action]}`);
  return new KeychainError(
    failure,
    `no OS keychain is available: ${WHY[failure]}. Keel stores API keys only in the system keychain (${keychainName(platform)}); ${CONSEQUENCE[action]}. (keychain said: ${detail})`,
  );
}

/**
 * A KeychainError for a call the keychain did not answer within `ms`. `stillRunning` is what may yet
 * happen if the prompt is answered later (the call cannot be cancelled); the action's usual words otherwise.
 */
export function keychainTimeoutError(ms: number, action: KeychainAction, stillRunning?: string): KeychainError {
  return new KeychainError(
    'timeout',
    `the OS keychain did not answer within ${ms / 1000} s (locked, waiting for an unlock prompt?); ${stillRunning ?? CONSEQUENCE[action]}. Unlock the keychain and try again`,
  );
}
