// In the app, the engine's thread never imports a strategy file of the trader's. Its import probe
// (import-probe.ts, in the host process) describes the strategy: name, description, parameters. What the
// registry holds here is a stand-in made from that description, and the two functions of the file the
// engine needs with other parameters than the defaults, check(params) and indicators(params), are asked of
// the file in a thread of its own (definition-thread.ts) within a bound. So a check that loops for some
// parameters, or top-level code that runs differently the second time, holds that thread, never the
// engine, the risk room or the kill switch. The strategy itself runs only where the app runs the trader's
// code (a backtest's worker, its StrategyThread on an account): the stand-in's create() refuses.
import type { HostLine } from './code-host-protocol.ts';
import { DefinitionThread, type DefinitionThreadOptions } from './definition-thread.ts';
import { resolveParams, type ParamSpecs } from './params.ts';
import type { AnyStrategyDefinition, IndicatorUse } from './strategy.ts';

/** What the import probe tells of a file's strategy: all the engine needs of it without its code. */
export interface StrategyDescription {
  name: string;
  description: string;
  params: ParamSpecs;
  /** Whether the file has check(params): without one, no set is asked about. */
  checks: boolean;
}

export function describeStrategy(def: AnyStrategyDefinition): StrategyDescription {
  return { name: def.name, description: def.description, params: def.params, checks: typeof def.check === 'function' };
}

/** How long a stand-in's thread may take to load the file, and to answer about one set, and what a stuck ask says goes on (absent: DefinitionThread's own). */
export type DefinitionLimits = Pick<DefinitionThreadOptions, 'startWithinMs' | 'answerWithinMs' | 'afterStuck'>;

/** How long a definition's thread stays after its last answer: a run asks twice or so in a burst, then nothing. */
const IDLE_CLOSE_MS = 30_000;

interface StandIn {
  file: string;
  described: StrategyDescription;
  /** Where its thread runs; the app sets it each time it looks at its files (the host may have been restarted). */
  host: HostLine | undefined;
  /** A valid set to start its thread on. */
  defaults: Record<string, number>;
  limits: DefinitionLimits;
  thread: DefinitionThread | null;
  idle: NodeJS.Timeout | null;
}

const standIns = new WeakMap<AnyStrategyDefinition, StandIn>();

export function isStandIn(def: AnyStrategyDefinition): boolean {
  return standIns.has(def);
}

/** The registry's entry for a file the engine's thread does not import: the description, and its functions asked of its thread. */
export function standInDefinition(described: StrategyDescription, file: string, host?: HostLine, limits: DefinitionLimits = {}): AnyStrategyDefinition {
  const defaults = resolveParams(described.name, described.params);
  const s: StandIn = { file, described, host, defaults, limits, thread: null, idle: null };
  const def: AnyStrategyDefinition = {
    name: described.name,
    description: described.description,
    params: described.params,
    indicators: (p) => ask(s, 'indicators', [p])[0] as IndicatorUse[],
    ...(described.checks && { check: (p: Record<string, number>) => ask(s, 'check', [p])[0] as string | null }),
    create: () => {
      throw new Error(`${described.name} is a strategy of your own: Keel runs it in a thread of its own (a backtest's worker, or its thread on an account), never in the engine's`);
    },
  };
  standIns.set(def, s);
  return def;
}

/** Points a stand-in's next thread at the host's current line (the thread it has, if any, is closed). */
export function aimStandIn(def: AnyStrategyDefinition, host: HostLine | undefined): void {
  const s = standIns.get(def);
  if (!s || (s.host?.path === host?.path && s.host?.token === host?.token)) return;
  s.host = host;
  close(s);
}

/** Closes a stand-in's thread (its file was replaced or went away). */
export function closeStandIn(def: AnyStrategyDefinition): void {
  const s = standIns.get(def);
  if (s) close(s);
}

/**
 * check(params) for each set: one crossing for a stand-in (a search checks its whole grid), the
 * definition's own function otherwise; null where the set is fine.
 */
export function checkEach(def: AnyStrategyDefinition, sets: Record<string, number>[]): (string | null)[] {
  if (!def.check || sets.length === 0) return sets.map(() => null);
  const s = standIns.get(def);
  if (!s) return sets.map((p) => def.check!(p));
  return ask(s, 'check', sets) as (string | null)[];
}

/**
 * Has a stand-in's thread import the file now, the engine's thread free while it does (~150 ms in the code
 * host): the app does so before a run, a search or a start of it, whose asks then only cross. A file that
 * does not load there is told by the ask, as it would be without this.
 */
export async function warmStandIn(def: AnyStrategyDefinition): Promise<void> {
  const s = standIns.get(def);
  if (!s) return;
  await threadOf(s)
    .ready()
    .catch(() => {});
  idleAfter(s);
}

/** indicators(params) for each set: one crossing for a stand-in, the definition's own function otherwise. */
export function indicatorsEach(def: AnyStrategyDefinition, sets: Record<string, number>[]): IndicatorUse[][] {
  const s = standIns.get(def);
  if (!s || sets.length === 0) return sets.map((p) => def.indicators(p));
  return ask(s, 'indicators', sets) as IndicatorUse[][];
}

function ask(s: StandIn, what: 'check' | 'indicators', sets: Record<string, number>[]): unknown[] {
  try {
    return threadOf(s).ask(what, sets);
  } finally {
    idleAfter(s);
  }
}

function threadOf(s: StandIn): DefinitionThread {
  if (s.idle) clearTimeout(s.idle);
  if (!s.thread?.alive) s.thread = new DefinitionThread({ file: s.file, strategy: s.described.name, params: s.defaults, host: s.host, ...s.limits });
  return s.thread;
}

function idleAfter(s: StandIn): void {
  if (s.idle) clearTimeout(s.idle);
  s.idle = setTimeout(() => close(s), IDLE_CLOSE_MS);
  s.idle.unref();
}

function close(s: StandIn): void {
  if (s.idle) clearTimeout(s.idle);
  s.idle = null;
  s.thread?.close();
  s.thread = null;
}
