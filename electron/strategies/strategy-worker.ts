// The worker thread a strategy of the trader's own runs in on an account (strategy-thread.ts): it imports
// the file, keeps the strategy's bar history and indicators, and calls the strategy; each of the
// strategy's context calls goes back to the engine's thread over the synchronous line and waits for the
// answer there. The thread does nothing else: it sleeps on the line between messages, its event loop
// never turning, until the engine's thread terminates it.
import { noteText } from './note-text.ts';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format, type InspectOptions } from 'node:util';
import { workerData } from 'node:worker_threads';
import { growingHistory, type BarHistoryControl } from './bar-history.ts';
import { loadStrategyForWorker } from './own-strategies.ts';
import { strategyWithParams } from './registry.ts';
import { atLineOf } from './strategy-line.ts';
import { rebuiltError } from '../backtest/rebuilt-error.ts';
import type { AnyStrategyDefinition, BarHistory, JournaledSignal, OrderOptions, SeriesView, Strategy, StrategyContext } from './strategy.ts';
import { type DefinitionCall, type StrategyThreadData, type ThreadCall, type ToMain, type ToWorker } from './strategy-thread.ts';
import { SyncChannel, TO_WORKER } from './sync-channel.ts';

const data = workerData as StrategyThreadData;
const line = new SyncChannel(data.port, data.signals, TO_WORKER);
const send = (m: ToMain) => line.send(m);

// The strategy's console lines go to the engine's thread (the app's log): this thread's stdout would hold
// them, its event loop never turning to flush it.
for (const [method, level] of [['log', 'info'], ['info', 'info'], ['debug', 'debug'], ['warn', 'warn'], ['error', 'error'], ['trace', 'debug']] as const) {
  console[method] = (...args: unknown[]) => send({ k: 'log', level, text: format(...args) });
}
// console.table and console.dir render as a Console of Node's own would, into a stream that sends each line
// written: its write is called at once, as its callback is (this thread's event loop never turns).
const rendered = new Writable({
  write(chunk: Buffer, _encoding, done) {
    send({ k: 'log', level: 'info', text: String(chunk).replace(/\n$/, '') });
    done();
  },
});
const renderer = new Console({ stdout: rendered, stderr: rendered });
console.table = (data: unknown, columns?: readonly string[]) => renderer.table(data, columns);
console.dir = (item: unknown, options?: InspectOptions) => renderer.dir(item, options);

/** The strategy's context here: its bars are this thread's; everything it does is asked of the engine's thread. */
class ThreadContext implements StrategyContext {
  readonly id = data.id;
  readonly symbol = data.symbol;
  readonly direction = data.direction;
  readonly bars: BarHistory;
  readonly indicators: readonly SeriesView[];

  constructor(bars: BarHistory) {
    this.bars = bars;
    this.indicators = bars.indicators;
  }

  now(): number {
    return ask('now', []) as number;
  }
  position(): number {
    return ask('position', []) as number;
  }
  hasOpenOrders(): boolean {
    return ask('hasOpenOrders', []) as boolean;
  }
  maxBuyQty(price: number, stopLoss?: number): number {
    return ask('maxBuyQty', [price, stopLoss]) as number;
  }
  maxSellQty(price: number, stopLoss?: number): number {
    return ask('maxSellQty', [price, stopLoss]) as number;
  }
  buy(qty: number, options?: OrderOptions): boolean {
    return ask('buy', [qty, plain(options)]) as boolean;
  }
  sell(qty: number, options?: OrderOptions): boolean {
    return ask('sell', [qty, plain(options)]) as boolean;
  }
  closePosition(tag?: string): boolean {
    return ask('closePosition', [tag]) as boolean;
  }
  takeSignals(kind: string): readonly JournaledSignal[] {
    return ask('takeSignals', [kind]) as JournaledSignal[];
  }
  hasSignals(kind: string): boolean {
    return ask('hasSignals', [kind]) as boolean;
  }
  signal(kind: string, payload?: unknown): void {
    ask('signal', [kind, payload]);
  }
  note(message: string): void {
    ask('note', [noteText(message)]);
  }
}

/**
 * One call on the engine's thread; its error, if it threw, thrown here as the same class. A fill (a tick) the
 * call itself set off on the engine's thread comes first and is handled here, inside the call, as inline.
 */
function ask(fn: ThreadCall, args: unknown[]): unknown {
  send({ k: 'call', fn, args });
  for (;;) {
    const m = line.receive() as ToWorker;
    if (m.k === 'answer') return m.value;
    if (m.k === 'refused') throw rebuiltError(m.name, m.message);
    handle(m);
  }
}

/**
 * Options as a plain object (a class instance or a getter would not cross as the strategy meant). Anything
 * but an object crosses as it is, for the engine's thread to refuse as inline: spread, text would arrive as
 * { 0: 't', 1: 'a', … }.
 */
function plain(o: OrderOptions | undefined): OrderOptions | undefined {
  return typeof o !== 'object' || o === null ? o : { ...o };
}

/** The strategy's error as its class, its message and the line of its file the stack points at. */
function failed(err: unknown): ToMain {
  if (!(err instanceof Error)) return { k: 'failed', name: 'Error', message: String(err) };
  return { k: 'failed', name: err.name, message: `${err.message}${atLineOf(err, data.file)}` };
}

let strategy: Strategy | null = null;
let run: { def: AnyStrategyDefinition; params: Record<string, number>; history: BarHistoryControl; ctx: ThreadContext } | null = null;

/** One message from the engine's thread, answered with done (or the strategy's failure). */
function handle(m: ToWorker): void {
  try {
    const r = run!;
    switch (m.k) {
      case 'create':
        // A fresh history each time: the first strategy's, or one that starts over (a replay gone back).
        r.history = growingHistory(1024, { uses: r.def.indicators(r.params), strategy: r.def.name, barMs: data.barMs });
        r.ctx = new ThreadContext(r.history.history);
        strategy = r.def.create(r.params, r.ctx);
        send({ k: 'done', hooks: { tick: typeof strategy.onTick === 'function', fill: typeof strategy.onFill === 'function' } });
        return;
      case 'seed':
        for (const b of m.bars) r.history.push(b.t, b.o, b.h, b.l, b.c, b.v);
        break;
      case 'bar': {
        const b = m.bar;
        r.history.push(b.t, b.o, b.h, b.l, b.c, b.v);
        strategy!.onBar(b);
        break;
      }
      case 'tick':
        strategy!.onTick?.(m.ts, m.price);
        break;
      case 'fill':
        strategy!.onFill?.(m.fill);
        break;
      case 'ask': {
        // The set being asked, for the engine's side to name if it never returns (StrategyThreadData.asking).
        const at = data.asking;
        const values = m.sets.map((p, i) => {
          if (at) Atomics.store(at, 0, i);
          return definitionCall(r.def, m.what, p);
        });
        send({ k: 'told', values });
        return;
      }
      default:
        throw new Error(`the strategy's line got a ${m.k} between calls`);
    }
    send({ k: 'done' });
  } catch (err) {
    send(failed(err));
  }
}

/** The file's own check() or indicators() on one set (what they throw names the file, the set and the line: check-definition.ts). */
function definitionCall(def: AnyStrategyDefinition, what: DefinitionCall, params: Record<string, number>): unknown {
  return what === 'check' ? (def.check?.(params) ?? null) : def.indicators(params);
}

async function main(): Promise<void> {
  // Anything that fails before the first message is said at once: the engine's thread is waiting for it.
  try {
    await loadStrategyForWorker(data.strategy, data.file);
    const { def, params } = strategyWithParams(data.strategy, data.params);
    const history = growingHistory(0, { uses: def.indicators(params), strategy: def.name, barMs: data.barMs });
    run = { def, params, history, ctx: new ThreadContext(history.history) };
  } catch (err) {
    send(failed(err));
    return;
  }
  send({ k: 'ready' });
  for (;;) handle(line.receive() as ToWorker);
}

void main();
