// The keychain's own error texts (as seen from @napi-rs/keyring 2.1.2 on Linux) become messages that
// say why there is no keychain, what Keel needs, and that nothing was saved.
import { describe, expect, it } from 'vitest';
import { classifyKeychainFailure, KeychainError, keychainError } from '../../../electron/secrets/keychain-error.ts';

// Verbatim from the library, recorded on this machine in each situation.
const SEEN = {
  'no-session-bus': 'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
  'no-secret-service': 'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
  'no-collection': "Couldn't access platform storage: Secret Service: no result found",
  locked: "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
} as const;

describe('keychain errors', () => {
  it.each(Object.entries(SEEN))('recognises %s', (failure, message) => {
    expect(classifyKeychainFailure(message)).toBe(failure);
    expect(classifyKeychainFailure('zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object')).toBe('locked');
  });

  it('says there is no keychain, why, what Keel needs, and that nothing was saved', () => {
    const err = keychainError(new Error(SEEN['no-session-bus']), 'save', [], 'linux');
    expect(err).toBeInstanceOf(KeychainError);
    expect(err.unavailable).toBe(true);
    expect(err.message).toMatch(/^no OS keychain is available: there is no D-Bus session bus/);
    expect(err.message).toContain('Keel stores API keys only in the system keychain (Secret Service on Linux: install and unlock gnome-keyring or KWallet); nothing was saved');
  });

  it('ends with what did not happen for each action', () => {
    expect(keychainError(new Error(SEEN.locked), 'read').message).toContain('no API key could be read');
    expect(keychainError(new Error(SEEN.locked), 'delete').message).toContain('nothing was deleted');
  });

  it('names the keychain of each platform', () => {
    expect(keychainError(new Error(SEEN.locked), 'save', [], 'darwin').message).toContain('macOS login keychain');
    expect(keychainError(new Error(SEEN.locked), 'save', [], 'win32').message).toContain('Windows Credential Manager');
  });

  it('does not take a Secret Service that did not reply for a locked keychain ("blocked the reply")', () => {
    const noReply =
      'Platform failure: DBus error: Did not receive a reply. Possible causes include: the remote application did not send a reply, the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken.';
    expect(classifyKeychainFailure(noReply)).toBe('other');
    expect(keychainError(new Error(noReply), 'read').message).toMatch(/^the OS keychain failed: .*Did not receive a reply.*; no API key could be read$/);
  });

  it('reports other failures as failures of the keychain, not as its absence', () => {
    const err = keychainError(new Error('Entry is matched by 2 credentials'), 'save');
    expect(err.unavailable).toBe(false);
    expect(err.message).toBe('the OS keychain failed: Entry is matched by 2 credentials; nothing was saved');
  });

  it('masks secrets should the library ever quote them', () => {
    const err = keychainError(new Error('bad password NhqPtmdSJYdKjVHj'), 'save', ['NhqPtmdSJYdKjVHj']);
    expect(err.message).not.toContain('NhqPtmdSJYdKjVHj');
  });

  it('passes a KeychainError through unchanged', () => {
    const err = keychainError(new Error(SEEN.locked), 'save');
    expect(keychainError(err, 'read')).toBe(err);
  });
});
