// The keychain through a child process, with a fake starter standing in for fork / utilityProcess: a call
// that runs out of KeyStore's time has its process killed (the call fails, nothing is left holding the
// keychain) and the next call starts a new process; a process that dies fails its calls with the reason.
// (The real processes: tests/integration/engine-keychain-timeout.test.ts, cli-keys-timeout.test.ts, keychain.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ChildLine, ChildOptions, ChildStarter } from '../../../electron/app/child-line.ts';
import { childKeychain, type HostAnswer, type HostRequest } from '../../../electron/secrets/child-keychain.ts';
import { KeyStore } from '../../../electron/secrets/key-store.ts';
import { KeychainError } from '../../../electron/secrets/keychain-error.ts';

interface FakeChild {
  entry: string;
  options: ChildOptions;
  requests: HostRequest[];
  killed: boolean;
  answer(a: HostAnswer): void;
  exit(how: string): void;
}

/** Starts fake children: each records its requests and answers only when the test says; `auto` answers reads at once. */
function fakeStarter(auto?: (r: HostRequest) => HostAnswer | undefined) {
  const children: FakeChild[] = [];
  const start = (<In, Out>(entry: string, options: ChildOptions): ChildLine<In, Out> => {
    let onMessage: (m: Out) => void = () => {};
    const onExit: ((how: string) => void)[] = [];
    const child: FakeChild = {
      entry,
      options,
      requests: [],
      killed: false,
      answer: (a) => onMessage(a as Out),
      exit: (how) => onExit.splice(0).forEach((fn) => fn(how)),
    };
    children.push(child);
    return {
      send: (m) => {
        const r = m as HostRequest;
        child.requests.push(r);
        const a = auto?.(r);
        if (a) queueMicrotask(() => child.answer(a));
      },
      onMessage: (fn) => (onMessage = fn),
      onExit: (fn) => onExit.push(fn),
      kill: () => {
        child.killed = true;
        queueMicrotask(() => child.exit('SIGTERM'));
      },
    };
  }) as ChildStarter;
  return { start, children };
}

describe('childKeychain', () => {
  it('starts one process, from the keychain host entry, and sends each call with its service', async () => {
    const { start, children } = fakeStarter((r) => ({ id: r.id, ok: true, value: r.op === 'read' ? `text of ${r.account}` : true }));
    const keychain = childKeychain({ start, service: 'KeelTest' });
    expect(await keychain.read('binance:main')).toBe('text of binance:main');
    expect(await keychain.remove('okx:main')).toBe(true);
    expect(children).toHaveLength(1);
    expect(children[0]!.entry).toMatch(/secrets[\\/]keychain-host\.ts$/);
    expect(children[0]!.options.name).toBe('Keel keychain');
    expect(children[0]!.requests.map((r) => [r.op, r.account, r.service])).toEqual([
      ['read', 'binance:main', 'KeelTest'],
      ['remove', 'okx:main', 'KeelTest'],
    ]);
  });

  it("fails a call with the keychain's own words", async () => {
    const { start } = fakeStarter((r) => ({ id: r.id, ok: false, message: 'Platform failure: no secret service' }));
    await expect(childKeychain({ start }).read('a:b')).rejects.toThrow('Platform failure: no secret service');
  });

  it('fails the calls of a process that ended, and starts a new one for the next call', async () => {
    const { start, children } = fakeStarter();
    const keychain = childKeychain({ start });
    const read = keychain.read('a:b');
    children[0]!.exit('exit code 1');
    await expect(read).rejects.toThrow('the keychain helper process ended (exit code 1) before it answered');
    const next = keychain.read('a:b');
    expect(children).toHaveLength(2);
    children[1]!.answer({ id: children[1]!.requests[0]!.id, ok: true, value: null });
    expect(await next).toBeNull();
  });

  it('under KeyStore: a call that outlives the limit has its process killed, and the next call starts a new one', async () => {
    const { start, children } = fakeStarter();
    const store = new KeyStore(childKeychain({ start }), { timeoutMs: 50 });
    const err = await store.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainError);
    expect((err as KeychainError).failure).toBe('timeout');
    expect((err as KeychainError).message).toMatch(/^the OS keychain did not answer within 0\.05 s/);
    expect(children).toHaveLength(1);
    expect(children[0]!.killed).toBe(true);

    // Not queued behind the stuck call: a new process, answering at once.
    const started = Date.now();
    const listed = store.list();
    await new Promise((r) => setTimeout(r, 0));
    expect(children).toHaveLength(2);
    const r = children[1]!.requests[0]!;
    children[1]!.answer({ id: r.id, ok: true, value: JSON.stringify(['binance:main']) });
    expect(await listed).toEqual([{ exchange: 'binance', name: 'main' }]);
    expect(Date.now() - started).toBeLessThan(50);
    expect(children[1]!.killed).toBe(false);
  });

  it('close() kills a process with a call still in it, failing that call; an idle one too', async () => {
    const { start, children } = fakeStarter();
    const keychain = childKeychain({ start });
    const read = keychain.read('a:b');
    keychain.close();
    await expect(read).rejects.toThrow('the keychain was closed before it answered');
    expect(children[0]!.killed).toBe(true);
    keychain.close();
    expect(children).toHaveLength(1);
  });
});
