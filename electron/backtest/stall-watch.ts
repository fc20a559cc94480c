// A watch on a trader's own strategy running in a worker thread (run-pool-worker.ts, eval-worker.ts, the
// app's run-worker.ts and window-worker.ts): a loop in its onBar (`for (;;) {}`) never gives the thread
// back, so nothing the worker could post would say so, and `keel backtest` in a script waited for ever. The
// worker wraps the strategy's create() and hooks so each call writes to a small shared buffer as it starts
// and as it returns (the bar it was given too); the pool's side (main thread) looks at it every so often, and
// a call that has not returned after the limit stops the worker and fails the run, naming the hook, the bar
// and the parameters. Its indicators(params) and check(params) are watched too: the main thread asked them
// about the run's set already, in a thread of its own (stand-in-definition.ts), but code that answers
// differently the second time (a memo gone wrong) would loop here, before the first bar, where nothing else
// would ever say so. A search's own thread runs no set but asks every set's indicators() for their warm-up:
// each indicators(params) and check(params) writes the set it was given to the buffer too, so a stall there
// names that set, as a stall in the set's run does.
//
// The worker's own load of the file is watched the same way (load-watched.ts): its top-level code, and check()
// and indicators() with the defaults, which the load calls. The import probe ran them once already, but a
// file that runs differently the next time it is loaded (a marker file it left, its thread's data) would
// otherwise hang the run before anything else was watched. A load gets what the probe gets, 5 s, or the
// limit when that is longer.
//
// It measures one call, not the run: a slow strategy that keeps returning is never stopped, however long
// its run takes. The built-in strategies run without it (their code is Keel's, and a loop there is a bug).
import { basename } from 'node:path';
import { splitExitParams, type RunExits } from '../../shared/backtest/run-exits.ts';
import { PROBE_BUDGET_MS } from '../strategies/probe-budget.ts';
import { addOwnStrategy, findStrategy, strategyFileOf } from '../strategies/registry.ts';
import type { AnyStrategyDefinition, Strategy } from '../strategies/strategy.ts';
import { runWho } from './run-who.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

/** The environment variable that sets the limit, in seconds. */
export const STALL_LIMIT_ENV = 'KEEL_STRATEGY_TIMEOUT_S';
export const DEFAULT_STALL_S = 30;
const MAX_STALL_S = 86_400;

/**
 * The calls a strategy gets, by the number the buffer holds while one runs (0: none); the last three are
 * the worker's load of the file: its top-level code, then check() and indicators() with the defaults.
 */
const HOOKS = ['', 'create', 'onBar', 'onTick', 'onFill', 'indicators', 'check', 'load', 'load-check', 'load-indicators'] as const;
export type Hook = Exclude<(typeof HOOKS)[number], ''>;
const loading = (hook: Hook) => hook.startsWith('load');

/** How long a worker's load of the file may take: as long as the import probe's (5 s), or the limit when longer. */
export function loadLimitMs(limitMs: number): number {
  return Math.max(PROBE_BUDGET_MS, limitMs);
}

/**
 * Shared between a worker and its pool: calls [started + returned, the hook running, whose], where [bar
 * index, time], each strategy's market by whose (a portfolio run makes one strategy per market), and the
 * set the running indicators() or check() was given (asked).
 */
export interface StallBeat {
  /** whose is -1 for a call of no market's strategy (indicators(), asked once for all of a portfolio's). */
  calls: Int32Array;
  at: Float64Array;
  markets: Uint8Array;
  /** The set as JSON, ended by a 0 byte; a 0 first: none (another hook, or a set too long to keep). */
  asked: Uint8Array;
}

/** Markets' names kept at once, and the bytes of each (a symbol is short: BTC/USDT). */
const MARKET_SLOTS = 256;
const MARKET_BYTES = 32;
/** Room for a set as JSON: some 50 parameters with long names. */
const ASKED_BYTES = 2048;

export function newBeat(): StallBeat {
  return {
    calls: new Int32Array(new SharedArrayBuffer(12)),
    at: new Float64Array(new SharedArrayBuffer(16)).fill(Number.NaN),
    markets: new Uint8Array(new SharedArrayBuffer(MARKET_SLOTS * MARKET_BYTES)),
    asked: new Uint8Array(new SharedArrayBuffer(ASKED_BYTES)),
  };
}

/** The limit from KEEL_STRATEGY_TIMEOUT_S (seconds, above 0), else 30 s; a RangeError saying what is valid. */
export function stallLimitMs(env: Readonly<Record<string, string | undefined>>): number {
  const text = env[STALL_LIMIT_ENV];
  if (text === undefined || text.trim() === '') return DEFAULT_STALL_S * 1000;
  const s = Number(text);
  if (!Number.isFinite(s) || s <= 0 || s > MAX_STALL_S) throw new RangeError(`${STALL_LIMIT_ENV} must be the seconds one call of your strategy's code may take before Keel stops it, above 0 and at most ${MAX_STALL_S} (unset: ${DEFAULT_STALL_S}), got "${text}"`);
  return s * 1000;
}

/** In a worker: registers `name` again (a trader's own strategy), its calls reported on `beat`. A built-in is left as it is. */
export function watchStrategyCalls(name: string, beat: StallBeat): void {
  const file = strategyFileOf(name);
  if (file === null) return;
  addOwnStrategy(watched(findStrategy(name), beat), file);
}

/**
 * A call starts: what it is, whose (-1: no market's strategy), at which bar and time (NaN: none), and for
 * indicators() and check() the set it was given (written before the call is counted, so the watch that
 * sees the count sees the set).
 */
export function begin({ calls, at, asked }: StallBeat, hook: Hook, whose: number, index: number, t: number, params?: Record<string, number>): void {
  at[0] = index;
  at[1] = t;
  asked[0] = 0;
  if (params) {
    const json = new TextEncoder().encode(JSON.stringify(params));
    if (json.length < asked.length) {
      asked.set(json, 0);
      asked[json.length] = 0;
    }
  }
  Atomics.store(calls, 2, whose);
  Atomics.store(calls, 1, HOOKS.indexOf(hook));
  Atomics.add(calls, 0, 1);
}

/** The call running ends. */
export function end({ calls }: StallBeat): void {
  Atomics.store(calls, 1, 0);
  Atomics.add(calls, 0, 1);
}

function watched(def: AnyStrategyDefinition, beat: StallBeat): AnyStrategyDefinition {
  const { markets } = beat;
  let made = 0;
  const call = <T>(hook: Hook, whose: number, index: number, t: number, fn: () => T, params?: Record<string, number>): T => {
    begin(beat, hook, whose, index, t, params);
    try {
      return fn();
    } finally {
      end(beat);
    }
  };
  return {
    ...def,
    indicators: (params) => call('indicators', -1, Number.NaN, Number.NaN, () => def.indicators(params), params),
    ...(def.check && { check: (params: Record<string, number>) => call('check', -1, Number.NaN, Number.NaN, () => def.check!(params), params) }),
    create(params, ctx) {
      const whose = made++ % MARKET_SLOTS;
      const name = new TextEncoder().encode(ctx.symbol).subarray(0, MARKET_BYTES);
      markets.fill(0, whose * MARKET_BYTES, (whose + 1) * MARKET_BYTES);
      markets.set(name, whose * MARKET_BYTES);
      const s = call('create', whose, Number.NaN, Number.NaN, () => def.create(params, ctx));
      let lastBar = Number.NaN;
      const out: Strategy = {
        onBar: (bar) => {
          lastBar = bar.index;
          // Stamped with the run's clock, the bar's close, as the run's other notes and errors stamp a bar (bar-stamp.ts).
          call('onBar', whose, bar.index, ctx.now(), () => s.onBar(bar));
        },
      };
      if (s.onTick) out.onTick = (ts, price) => call('onTick', whose, lastBar, ts, () => s.onTick!(ts, price));
      if (s.onFill) out.onFill = (fill) => call('onFill', whose, lastBar, fill.ts, () => s.onFill!(fill));
      return out;
    },
  };
}

/**
 * A call that did not return: which, in which market's strategy ('' for none), at which of its bars (0-based
 * index, NaN before the first) and when (NaN: unknown); for indicators() and check(), the set it was given.
 */
export interface Stall {
  hook: Hook;
  market: string;
  index: number;
  t: number;
  asked?: Record<string, number> | undefined;
}

/** The set the beat holds (begin), or undefined: none, or not one (written by code other than begin). */
function askedOf(bytes: Uint8Array): Record<string, number> | undefined {
  const stop = bytes.indexOf(0);
  if (stop <= 0) return undefined;
  try {
    // A copy (slice): TextDecoder reads no shared memory.
    const set: unknown = JSON.parse(new TextDecoder().decode(bytes.slice(0, stop)));
    if (typeof set !== 'object' || set === null || Array.isArray(set)) return undefined;
    return Object.values(set).every((v) => typeof v === 'number') ? (set as Record<string, number>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * On the pool's side: calls `onStall` once a call has been running `limitMs` without returning (a load of
 * the file: loadLimitMs). Returns the function that stops the watch (the job ended).
 */
export function watchBeat(beat: StallBeat, limitMs: number, onStall: (stall: Stall) => void): () => void {
  let seen = Atomics.load(beat.calls, 0);
  let since = performance.now();
  const timer = setInterval(
    () => {
      const now = performance.now();
      const seq = Atomics.load(beat.calls, 0);
      if (seq !== seen) {
        seen = seq;
        since = now;
        return;
      }
      const hook = HOOKS[Atomics.load(beat.calls, 1)];
      if (!hook || now - since < (loading(hook) ? loadLimitMs(limitMs) : limitMs)) return;
      clearInterval(timer);
      const slot = Atomics.load(beat.calls, 2);
      const whose = slot * MARKET_BYTES;
      // A copy: TextDecoder reads no shared memory.
      const name = slot < 0 ? new Uint8Array(0) : beat.markets.slice(whose, whose + MARKET_BYTES);
      const end = name.indexOf(0) === -1 ? name.length : name.indexOf(0);
      onStall({ hook, market: new TextDecoder().decode(name.subarray(0, end)), index: beat.at[0]!, t: beat.at[1]!, asked: askedOf(beat.asked) });
    },
    Math.max(10, Math.min(1000, limitMs / 4)),
  );
  // The worker keeps the process alive while it runs; a watch left behind by a job that never ended (its worker terminated) must not.
  timer.unref();
  return () => clearInterval(timer);
}

/** What a stall is named by (stallError): the run's strategy, set and exits, whether a portfolio's, its file, and what Keel stops ('the run' when absent). */
export interface StallNames {
  strategy: string;
  /**
   * The run's set. Absent for a thread that runs no one set (a search's own, which asks every set's
   * indicators() for their warm-up): the set the stuck indicators() or check() was given (Stall.asked).
   */
  params?: Record<string, number> | undefined;
  exits: RunExits | undefined;
  portfolio: boolean;
  file?: string | null | undefined;
  job?: string | undefined;
}

/**
 * On the pool's side, one job's watch of a worker (watchBeat): a call that has not returned within the
 * limit gets `fail` the error naming it (stallError), and the worker is terminated (after `fail`, so a
 * caller that stops listening there does not hear its exit). Returns the function that stops the watch.
 */
export function stopOnStall(worker: { terminate(): Promise<number> }, beat: StallBeat, limitMs: number, names: StallNames, fail: (err: StrategyStalled) => void): () => void {
  return watchBeat(beat, limitMs, (stall) => {
    fail(stallError(names.strategy, stall, limitMs, names.params ?? stall.asked ?? {}, names.exits, names.portfolio, names.file, names.job));
    void worker.terminate();
  });
}

/** The run failed because the strategy's code did not return (its worker was stopped). */
export class StrategyStalled extends Error {
  override name = 'StrategyStalled';

  /** `stopped`: what happened; `hint`: what sets the limit, said last (the CLI puts what it did not write between them). */
  readonly stopped: string;
  readonly hint: string;

  constructor(stopped: string, hint: string) {
    super(`${stopped}. ${hint}`);
    this.stopped = stopped;
    this.hint = hint;
  }
}

/**
 * "loopy with fast=7 on ETH/USDT: onBar did not return within 30 s (at bar 49, 2023-03-01T00:49:00Z): a
 * loop in it? Keel stopped the run. One call may …", named as a run that threw is (runWho: the run's exits
 * too, a search's set's among them; the market in a portfolio only), the bar by its index as the strategy
 * sees it (bar.index). `params`: the run's set, which may carry exits (splitExitParams); `exits`: the setup's.
 * indicators(params) or check(params), which answer about the set rather than run it, are named with its file (`file`), as
 * a stuck check() or indicators() asked by the main thread is (definition-thread.ts): "loopy with fast=7:
 * indicators(params) in loopy.mjs did not return within 30 s: a loop in it? …". So is the worker's load of
 * the file: "loopy with fast=7: loopy.mjs did not finish loading within 5 s in a worker thread (…)". `job`:
 * what Keel stopped (the app's trade window is no run).
 */
export function stallError(strategy: string, stall: Stall, limitMs: number, params: Record<string, number>, exits: RunExits | undefined, portfolio: boolean, file?: string | null, job = 'the run'): StrategyStalled {
  const set = splitExitParams(params, exits);
  const who = runWho(strategy, set.params, set.exits, portfolio && stall.market ? stall.market : undefined);
  const name = file ? basename(file) : `${strategy}'s file`;
  if (loading(stall.hook)) {
    const s = Number((loadLimitMs(limitMs) / 1000).toFixed(3));
    const hint = `Loading the file may take up to ${STALL_LIMIT_ENV} seconds (default ${DEFAULT_STALL_S}), and ${PROBE_BUDGET_MS / 1000} at least.`;
    if (stall.hook === 'load') {
      // The probe loaded it within its time: this load ran differently.
      return new StrategyStalled(
        `${who}: ${name} did not finish loading within ${s} s in the worker thread that runs it (a loop in its top-level code? It loaded when Keel first looked at the file: does it run differently the next time?): Keel stopped ${job}`,
        hint,
      );
    }
    const fn = stall.hook === 'load-check' ? 'check' : 'indicators';
    return new StrategyStalled(`${who}: ${fn}() with its default parameters in ${name} did not return within ${s} s as the worker thread that runs it loaded the file: a loop in it? Keel stopped ${job}`, hint);
  }
  // onBar's time is its bar's close; onTick's and onFill's are the tick's and the fill's, after the last bar that closed.
  const stamp = Number.isFinite(stall.t) ? isoTime(stall.t) : '';
  const onBar = stall.hook === 'onBar';
  const where = [
    Number.isFinite(stall.index) ? `${onBar ? 'at' : 'after'} bar ${stall.index}` : stall.hook === 'create' ? 'before the first bar' : '',
    stamp && (onBar ? `closed at ${stamp}` : `at ${stamp}`),
  ].filter(Boolean);
  const hook = stall.hook === 'create' ? 'create(params, ctx)' : stall.hook === 'indicators' || stall.hook === 'check' ? `${stall.hook}(params)${file ? ` in ${name}` : ''}` : stall.hook;
  const stopped = `${who}: ${hook} did not return within ${Number((limitMs / 1000).toFixed(3))} s${where.length ? ` (${where.join(', ')})` : ''}: a loop in it? Keel stopped ${job}`;
  return new StrategyStalled(stopped, `One call may take up to ${STALL_LIMIT_ENV} seconds (default ${DEFAULT_STALL_S}).`);
}
