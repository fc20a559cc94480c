// A synchronous line between two threads: each side posts on its MessagePort and then bumps its counter
// in shared memory; the other side sleeps on that counter (Atomics.wait) and takes the message off its
// port at once (receiveMessageOnPort), without its event loop turning. A strategy running in a worker
// thread (strategy-thread.ts) needs exactly that: onBar is a plain call that returns, and each ctx.buy()
// inside it is a call into the engine that answers before the strategy's next line runs.
//
// Slot 0 counts messages to the worker, slot 1 messages to the main thread. A side reads the counter
// before it looks at its port and sleeps only while the counter still holds that value, so a message
// posted between the look and the sleep wakes it at once. It looks a while (SPINS) before it sleeps: a round
// trip then costs ~4 µs instead of the ~80 µs of waking a sleeping thread (2 cores).
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export const TO_WORKER = 0;
export const TO_MAIN = 1;
/** Looks at the counter before sleeping on it. */
const SPINS = 2_000;

export class SyncChannel {
  readonly #port: MessagePort;
  readonly #signals: Int32Array;
  readonly #mine: number;
  readonly #theirs: number;

  /** `side`: the slot this side is woken on (TO_WORKER in the worker, TO_MAIN on the main thread). */
  constructor(port: MessagePort, signals: Int32Array, side: typeof TO_WORKER | typeof TO_MAIN) {
    this.#port = port;
    this.#signals = signals;
    this.#mine = side;
    this.#theirs = side === TO_WORKER ? TO_MAIN : TO_WORKER;
  }

  static signals(): Int32Array {
    return new Int32Array(new SharedArrayBuffer(8));
  }

  send(message: unknown): void {
    this.#port.postMessage(message);
    Atomics.add(this.#signals, this.#theirs, 1);
    Atomics.notify(this.#signals, this.#theirs);
  }

  /** The next message, waiting at most `ms` (Infinity: for ever); undefined when none came in time. */
  receive(ms = Number.POSITIVE_INFINITY): unknown {
    const until = performance.now() + ms;
    for (;;) {
      const look = this.#look(until);
      if (look === null || 'message' in look) return look?.message;
      // The other side usually answers within microseconds: look a while before sleeping, as waking a
      // sleeping thread costs tens of them.
      let spins = SPINS;
      while (spins-- > 0 && Atomics.load(this.#signals, this.#mine) === look.seen);
      if (spins >= 0) continue;
      Atomics.wait(this.#signals, this.#mine, look.seen, look.left === Number.POSITIVE_INFINITY ? undefined : look.left);
    }
  }

  /** receive without holding this thread: the next message, waiting at most `ms` while its event loop turns. */
  async receiveAsync(ms = Number.POSITIVE_INFINITY): Promise<unknown> {
    const until = performance.now() + ms;
    for (;;) {
      const look = this.#look(until);
      if (look === null || 'message' in look) return look?.message;
      const waiting = Atomics.waitAsync(this.#signals, this.#mine, look.seen, look.left === Number.POSITIVE_INFINITY ? undefined : look.left);
      if (waiting.async) await waiting.value;
    }
  }

  /**
   * A message waiting now; else the counter's value it was looked for under (to sleep while it holds) and
   * the time left; null when none is left. The counter is read first: a message posted after is not missed.
   */
  #look(until: number): { message: unknown } | { seen: number; left: number } | null {
    const seen = Atomics.load(this.#signals, this.#mine);
    const got = receiveMessageOnPort(this.#port);
    if (got !== undefined) return { message: got.message };
    const left = until - performance.now();
    return left <= 0 ? null : { seen, left };
  }
}
