// The trader's own strategies: TypeScript or JavaScript files in the data directory's `strategies` folder
// (or one named on the command line), imported, checked (check-definition.ts) and added to the registry
// beside the built-ins, so `keel backtest --strategy NAME`, the app's backtest page, parameter searches
// and live strategies all run them through the same engine. A file is imported again when it changes
// (its modification time is part of the module's URL, so the ESM cache sees a new module); files whose
// name starts with "_" are helpers the strategies import, and are not strategies themselves. The app and
// `keel backtest` import them in a worker thread only (LoadOptions.probe) and register a stand-in for each.
//
// A strategy file is code, run with Keel's own rights, as a Freqtrade or Jesse strategy is: Keel loads
// only what the trader put in their own data directory or named on the command line.
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDefinition, notAnErrorText, StrategyFileError, type DefaultsCall } from './check-definition.ts';
import type { HostLine } from './code-host-protocol.ts';
import { probeInWorker, type ProbeAnswer } from './import-probe.ts';
import { ParamError } from './params.ts';
import { syntaxErrorPlace } from './syntax-place.ts';
import { addOwnStrategy, dropOwnStrategies, forgetSkippedFile, noteSkippedFile, ownStrategyFiles, skippedFiles } from './registry.ts';
import { aimStandIn, closeStandIn, standInDefinition, type DefinitionLimits } from './stand-in-definition.ts';
import type { AnyStrategyDefinition } from './strategy.ts';

export const STRATEGY_FILE_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];

export function ownStrategyDir(dataDir: string): string {
  return join(dataDir, 'strategies');
}

export interface StrategyProblem {
  file: string;
  message: string;
}

export interface OwnStrategies {
  loaded: { name: string; file: string }[];
  problems: StrategyProblem[];
}

/** What each file gave when it was last imported, by its modification time and size. */
const seen = new Map<string, { mtimeMs: number; size: number; def: AnyStrategyDefinition | null; problem: string | null; probed: boolean }>();

/** Whether this Node strips TypeScript types itself (22.18 and later by default; Keel's CLI needs it anyway). */
function readsTypeScript(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}

export interface LoadOptions {
  /**
   * Import a new or changed file in a worker thread (import-probe.ts), never in this one: the registry
   * holds a stand-in made from what the probe found (stand-in-definition.ts), so top-level code that never
   * finishes, or a check() that loops, holds a thread of its own, not this one. The app's engine thread
   * sets it, and so does the CLI (which runs the strategy itself in worker threads only).
   */
  probe?: boolean | Prober;
  /** With probe: where the stand-ins' threads run (the app's code host); absent, in this process. */
  host?: () => Promise<HostLine>;
  /** With probe: how long the stand-ins' threads may take (DefinitionThread's own bounds when absent). */
  limits?: DefinitionLimits;
  /** Without probe: told before the file's check() or indicators() is called with its defaults (the probe's thread says which never returned). */
  beforeDefaultsCall?: DefaultsCall;
}

/** Imports and checks a file away from this thread: its strategy's description, or its problem (import-probe.ts, or the same in the app's code host). */
export type Prober = (file: string) => Promise<ProbeAnswer>;

/**
 * Imports one strategy file (again only if it changed), checks it and adds its strategy to the registry;
 * returns the strategy's name. Throws a StrategyFileError that names the file and the problem.
 */
export async function loadStrategyFile(path: string, options: LoadOptions = {}): Promise<string> {
  return loadFile(path, options, undefined);
}

/** loadStrategyFile, with the answer of a probe already made for this file (undefined: probe here if asked). */
async function loadFile(path: string, options: LoadOptions, probed: ProbeAnswer | undefined): Promise<string> {
  const file = resolve(path);
  const ext = extname(file);
  if (!STRATEGY_FILE_EXTENSIONS.includes(ext)) throw new StrategyFileError(`${file}: a strategy file ends in ${STRATEGY_FILE_EXTENSIONS.join(', ')}`);
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    dropOwnStrategies(file);
    forgetSkippedFile(file);
    throw new StrategyFileError(`${file}: no such strategy file`);
  }
  if (!st.isFile()) throw new StrategyFileError(`${file}: not a file`);
  const before = seen.get(file);
  const probing = Boolean(options.probe);
  // Unchanged: its definition again (registered anew: a name another file held may have been freed since).
  if (before && before.mtimeMs === st.mtimeMs && before.size === st.size && before.probed === probing) {
    if (before.def === null) throw skippedFor(file, before.problem!);
    if (probing) aimStandIn(before.def, await options.host?.());
    return register(before.def, file);
  }
  if (before?.def) closeStandIn(before.def);
  let def: AnyStrategyDefinition;
  try {
    if ((ext === '.ts' || ext === '.mts') && !readsTypeScript()) {
      throw new StrategyFileError(`${file}: this Node (${process.versions.node}) does not read TypeScript; write the strategy as .mjs, or run Keel on Node 22.18 or newer`);
    }
    if (options.probe) {
      const answer = probed !== undefined ? probed : await proberOf(options.probe)(file);
      if ('problem' in answer) throw new StrategyFileError(answer.problem);
      def = standInDefinition(answer.strategy, file, await options.host?.(), options.limits);
    } else {
      let mod: unknown;
      try {
        mod = await import(`${pathToFileURL(file).href}?mtime=${st.mtimeMs}`);
      } catch (err) {
        throw new StrategyFileError(`${file}: could not be loaded: ${importProblem(err, file)}`);
      }
      def = checkDefinition(mod, file, options.beforeDefaultsCall);
    }
  } catch (err) {
    const message = err instanceof StrategyFileError ? err.message : `${file}: ${err instanceof Error ? err.message : String(err)}`;
    dropOwnStrategies(file);
    seen.set(file, { mtimeMs: st.mtimeMs, size: st.size, def: null, problem: message, probed: probing });
    throw skippedFor(file, message);
  }
  seen.set(file, { mtimeMs: st.mtimeMs, size: st.size, def, problem: null, probed: probing });
  return register(def, file);
}

/** Puts the file's strategy in the registry in place of what the file gave before; a name clash is the file's problem. */
function register(def: AnyStrategyDefinition, file: string): string {
  dropOwnStrategies(file);
  try {
    addOwnStrategy(def, file);
  } catch (err) {
    throw skippedFor(file, err instanceof ParamError ? err.message : String(err));
  }
  forgetSkippedFile(file);
  return def.name;
}

/** The file's problem as the error to throw, kept in the registry so that a run of the name it stands for says it (not "unknown strategy"). */
function skippedFor(file: string, problem: string): StrategyFileError {
  noteSkippedFile(file, problem);
  return new StrategyFileError(problem);
}

/** The first line of an import error, with the place in the file when the error gives one. */
function importProblem(err: unknown, file: string): string {
  if (!(err instanceof Error)) return `its top-level code threw ${notAnErrorText(err)}`;
  const where = (err.stack ?? '').split('\n').find((l) => l.includes(file) && /:\d+/.test(l));
  // A .mjs's syntax error carries no place of the file: it is looked for again.
  const place = where ? where.trim().replace(/^at\s+/, '').replace(pathToFileURL(file).href, basename(file)).replace(file, basename(file)) : err instanceof SyntaxError ? syntaxErrorPlace(file) : null;
  const at = place ? ` (${place})` : '';
  // The module's URL carries ?mtime=… (so an edit is a new module); the trader knows the file without it.
  return `${err.message.split('\n')[0]}${at}`.replace(/\?mtime=[\d.]+/g, '');
}

/**
 * Every strategy file in `dir` (no such folder: none), each imported again if it changed; strategies whose
 * file went away leave the registry. A broken file is a problem in the list, never a failure of the rest.
 */
export async function loadOwnStrategies(dir: string, options: LoadOptions = {}): Promise<OwnStrategies> {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (err) {
    names = [];
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { loaded: [], problems: [{ file: folder, message: `${folder}: cannot be read: ${(err as Error).message}` }] };
  }
  const files = names
    .filter((n) => STRATEGY_FILE_EXTENSIONS.includes(extname(n)) && !n.startsWith('_') && !n.startsWith('.') && !n.endsWith('.d.ts'))
    .sort()
    .map((n) => join(folder, n));
  for (const file of skippedFiles().keys()) if (dirname(file) === folder && !files.includes(file)) forgetSkippedFile(file);
  for (const file of ownStrategyFiles().values()) {
    if (dirname(file) === folder && !files.includes(file)) {
      dropOwnStrategies(file);
      const def = seen.get(file)?.def;
      if (def) closeStandIn(def);
      seen.delete(file);
    }
  }
  // The new and changed files are probed a few at once (each probe is mostly a worker thread starting), then
  // imported here one by one in name order, so the list and the log read the same from run to run.
  const probes = options.probe ? probeAll(files.filter(changedSinceSeen), proberOf(options.probe)) : new Map<string, Promise<ProbeAnswer>>();
  const out: OwnStrategies = { loaded: [], problems: [] };
  for (const file of files) {
    try {
      out.loaded.push({ name: await loadFile(file, options, await probes.get(file)), file });
    } catch (err) {
      out.problems.push({ file, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

const proberOf = (probe: true | Prober): Prober => (probe === true ? probeInWorker : probe);

/** How many files are probed at once: a probe is a worker thread's start and one import, ~150 ms, mostly waiting. */
const PROBES_AT_ONCE = 4;

/** Each file's probe (import-probe.ts), at most PROBES_AT_ONCE running at a time. */
function probeAll(files: readonly string[], probe: Prober): Map<string, Promise<ProbeAnswer>> {
  const answers = new Map<string, (answer: ProbeAnswer) => void>();
  const probes = new Map(files.map((f) => [f, new Promise<ProbeAnswer>((resolve) => answers.set(f, resolve))]));
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      answers.get(file)!(await probe(file).catch((err: unknown) => ({ problem: `${file}: could not be loaded: ${err instanceof Error ? err.message : String(err)}` })));
    }
  };
  for (let i = 0; i < Math.min(PROBES_AT_ONCE, files.length); i++) void lane();
  return probes;
}

/** Whether the file is new or changed since it was last imported (one that cannot be looked at: no, its load says why). */
function changedSinceSeen(file: string): boolean {
  try {
    const st = statSync(file);
    const before = seen.get(file);
    return !before || before.mtimeMs !== st.mtimeMs || before.size !== st.size;
  } catch {
    return false;
  }
}

/**
 * In a worker thread: makes `name` known before the run looks it up, by loading the file the parent
 * process loaded it from (null: a built-in). The file must still define that strategy. `beforeDefaultsCall`:
 * told before the load calls check() or indicators() with the defaults (load-watched.ts loadWatched).
 */
export async function loadStrategyForWorker(name: string, file: string | null | undefined, beforeDefaultsCall?: DefaultsCall): Promise<void> {
  if (!file) return;
  const got = await loadStrategyFile(file, beforeDefaultsCall ? { beforeDefaultsCall } : {});
  if (got !== name) throw new StrategyFileError(`${file} now defines the strategy "${got}", not "${name}"`);
}
