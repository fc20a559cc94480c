// The app's engine (`keel serve`, as the desktop app runs the same engine) against a keychain that never
// answers: a D-Bus session bus that accepts the connection and says nothing (tests/helpers/silent-bus.ts).
// The keychain library blocks the thread that calls it, in native code, with no limit of its own. The engine
// asks the keychain when the Go live dialog opens (trading.mode lists the accounts with keys); that must not
// freeze the engine: the kill switch and every other command keep answering while the keychain is silent,
// the keychain's call gives up after KEEL_KEYCHAIN_TIMEOUT_S with the words that say so, and the stuck call
// is ended rather than left holding the bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBridgeSession, type BridgeSession } from '../helpers/bridge-session.ts';
import { startSilentBus, type SilentBus } from '../helpers/silent-bus.ts';

const TIMEOUT_S = 2;
const TIMEOUT_MESSAGE = `the OS keychain did not answer within ${TIMEOUT_S} s (locked, waiting for an unlock prompt?); no API key could be read. Unlock the keychain and try again`;

let bus: SilentBus;
let bridge: BridgeSession;

beforeAll(async () => {
  bus = await startSilentBus();
  bridge = await openBridgeSession({
    name: 'engine-keychain',
    // undefined: left out of keel serve's environment (no display, so no unlock prompt either).
    env: { DBUS_SESSION_BUS_ADDRESS: bus.address, KEEL_KEYCHAIN_TIMEOUT_S: String(TIMEOUT_S), DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
  });
});

afterAll(async () => {
  // An engine frozen by the keychain (the defect this file is about) never handles SIGTERM: end it anyway.
  const child = bridge?.serve.child;
  const kill = setTimeout(() => child?.kill('SIGKILL'), 5000);
  await bridge?.close();
  clearTimeout(kill);
  await bus?.close();
});

/** Resolves with how long `p` took, or rejects once `ms` have passed without it settling. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    const value = await Promise.race([p, late]);
    return { value, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

describe('the engine with a keychain that never answers', () => {
  it('keeps answering, the kill switch included, while the Go live dialog waits on the keychain, which then gives up saying why', async () => {
    const { client } = bridge;
    const started = Date.now();
    // What the Go live dialog asks first: the mode and the accounts with stored keys (from the keychain).
    const mode = client.commands['trading.mode']({});
    // Failed below if it never answers; not an unhandled rejection when the connection then closes.
    mode.catch(() => {});
    // Until the keychain's call is under way, on the bus.
    while (bus.accepted() === 0) {
      if (Date.now() - started > 10_000) throw new Error('the engine never reached the keychain');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 200));

    const state = await within(1000, 'risk.state', client.commands['risk.state']({}));
    expect(state.value.kill.engaged).toBe(false);
    const killed = await within(1000, 'risk.kill', client.commands['risk.kill']({ flatten: false, everyAccount: true, reason: 'keychain test' }));
    expect(killed.value.state.kill.engaged).toBe(true);
    expect(await within(1000, 'risk.rearm', client.commands['risk.rearm']({}))).toBeTruthy();

    // Paper still works; the dialog says why no account can be armed rather than that none has a key.
    const answered = await within((TIMEOUT_S + 8) * 1000, 'trading.mode', mode);
    expect(answered.value).toMatchObject({ mode: 'paper', accounts: [], keychainError: TIMEOUT_MESSAGE });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 100);

    // The stuck call was ended (its process killed), not left holding the bus for good.
    await bus.allClosed(5000);

    // The next ask starts afresh and is bounded the same way; the engine answers meanwhile again.
    const before = bus.accepted();
    const again = client.commands['trading.mode']({});
    again.catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    await within(1000, 'risk.state', client.commands['risk.state']({}));
    expect((await within((TIMEOUT_S + 8) * 1000, 'trading.mode again', again)).value.keychainError).toBe(TIMEOUT_MESSAGE);
    expect(bus.accepted()).toBeGreaterThan(before);
    await bus.allClosed(5000);
  });
});
