// The OS keychain as Keel uses it: text entries under one service name, addressed by account.
// Backed by @napi-rs/keyring (keyring-rs): macOS Keychain, Windows Credential Manager, and on
// Linux the Secret Service (gnome-keyring, KWallet, KeePassXC) over D-Bus.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';

/** Where KeyStore keeps its entries; an interface so unit tests can use a map instead of a keychain. */
export interface SecretBackend {
  /** The entry's text, or null when there is none. */
  read(account: string): Promise<string | null>;
  write(account: string, text: string): Promise<void>;
  /** True if an entry was removed, false if there was none. */
  remove(account: string): Promise<boolean>;
  /**
   * Ends what a call left running, failing it (child-keychain.ts kills its process): KeyStore calls it when a
   * call runs out of time, so a keychain stuck in native code holds nothing up, and the next call starts afresh.
   */
  close?(): void;
}

/** The service every Keel entry is filed under (what Seahorse or Keychain Access show). */
export const KEYCHAIN_SERVICE = 'Keel';

// On Linux keyring falls back, silently, from the Secret Service to the kernel keyutils keyring,
// which lives in kernel memory only: keys "saved" there vanish at reboot without a word. Pinning the
// Secret Service makes a missing one an error the user sees. Other platforms ignore this option.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * The async API, so a keychain that shows an unlock prompt does not freeze the Electron main process.
 * Errors are the library's own; KeyStore turns them into KeychainErrors.
 */
export function osKeychain(service: string = KEYCHAIN_SERVICE): SecretBackend {
  // The constructor already talks to D-Bus on Linux (and throws without a Secret Service), so entries are made per call.
  const entry = (account: string) => new AsyncEntry(service, account, ENTRY_OPTIONS);
  return {
    read: (account) => entry(account).getPassword(),
    write: (account, text) => entry(account).setPassword(text),
    remove: (account) => entry(account).deleteCredential(),
  };
}
