// The strategies by name: what `keel backtest --strategy NAME`, the UI and the live StrategyRunner can
// run. The built-ins, then the trader's own (user-strategies.ts loads them from files and adds them here,
// with the file each came from, so a worker thread can load the same file). Unknown names get an error
// that lists the valid ones.
import { basename, extname } from 'node:path';
import { didYouMean } from '../../shared/domain/nearest-name.ts';
import { barsPer } from './longer-timeframe.ts';
import { aiAssisted } from './builtins/ai-assisted.ts';
import { bollingerReversion } from './builtins/bollinger-reversion.ts';
import { donchianBreakout } from './builtins/donchian-breakout.ts';
import { emaCross } from './builtins/ema-cross.ts';
import { rsiReversion } from './builtins/rsi-reversion.ts';
import { smaCross } from './builtins/sma-cross.ts';
import { formatParams, ParamError, resolveParams } from './params.ts';
import type { AnyStrategyDefinition, IndicatorUse } from './strategy.ts';

export const STRATEGIES: readonly AnyStrategyDefinition[] = [smaCross, emaCross, rsiReversion, bollingerReversion, donchianBreakout, aiAssisted];

/** The trader's own strategies by name, each with the file it was loaded from. */
const own = new Map<string, { def: AnyStrategyDefinition; file: string }>();

/** Built-ins first, then the trader's own in name order. */
export function allStrategies(): AnyStrategyDefinition[] {
  return [...STRATEGIES, ...[...own.values()].sort((a, b) => a.def.name.localeCompare(b.def.name)).map((o) => o.def)];
}

export function strategyNames(): string[] {
  return allStrategies().map((s) => s.name);
}

/** The file a strategy of the trader's own came from; null for a built-in or an unknown name. */
export function strategyFileOf(name: string): string | null {
  return own.get(name)?.file ?? null;
}

/**
 * Adds (or, from the same file, replaces) one of the trader's strategies. A name a built-in has, or that
 * another file already uses, is refused: a name must say which code runs.
 */
export function addOwnStrategy(def: AnyStrategyDefinition, file: string): void {
  if (STRATEGIES.some((s) => s.name === def.name)) throw new ParamError(`${file}: "${def.name}" is the name of a built-in strategy; give yours another name`);
  const had = own.get(def.name);
  if (had && had.file !== file) throw new ParamError(`${file}: the strategy name "${def.name}" is already used by ${had.file}; give one of them another name`);
  own.set(def.name, { def, file });
}

/**
 * The trader's files that failed to load, with their problem (own-strategies.ts keeps it): a name one of
 * them stands for is refused with that problem, not as "unknown", which read as a misspelt name while
 * the file was there, listed as skipped a few lines above.
 */
const skipped = new Map<string, string>();

export function noteSkippedFile(file: string, problem: string): void {
  skipped.set(file, problem);
}

export function forgetSkippedFile(file: string): void {
  skipped.delete(file);
}

/** The files now skipped: file → problem. */
export function skippedFiles(): Map<string, string> {
  return new Map(skipped);
}

/**
 * The skipped file `name` stands for: one named after it (broken.mjs for "broken"), or one whose problem
 * names the strategy it defines (`FILE: broken: …`, as check-definition words it once the name is read).
 */
function skippedFileOf(name: string): { file: string; problem: string } | null {
  for (const [file, problem] of skipped) {
    if (basename(file, extname(file)) === name || problem.startsWith(`${file}: ${name}: `)) return { file, problem };
  }
  return null;
}

/** Forgets the trader's strategies loaded from `file` (it was deleted or broke). */
export function dropOwnStrategies(file: string): void {
  for (const [name, o] of own) if (o.file === file) own.delete(name);
}

/** The trader's strategies now known: name → file. */
export function ownStrategyFiles(): Map<string, string> {
  return new Map([...own].map(([name, o]) => [name, o.file]));
}

export function findStrategy(name: string): AnyStrategyDefinition {
  const def = STRATEGIES.find((s) => s.name === name) ?? own.get(name)?.def;
  if (!def) {
    const broken = skippedFileOf(name);
    if (broken !== null) throw new ParamError(`strategy "${name}" is not loaded: its file was skipped: ${broken.problem}; fix the file, or run one of the strategies: ${strategyNames().join(', ')}`);
    throw new ParamError(`unknown strategy "${name}"${didYouMean(name, strategyNames())}; strategies: ${strategyNames().join(', ')}`);
  }
  return def;
}

/** The strategy and its full, checked parameter set (defaults filled in); throws a ParamError. */
export function strategyWithParams(name: string, given: Readonly<Record<string, number>> = {}): { def: AnyStrategyDefinition; params: Record<string, number> } {
  const def = findStrategy(name);
  const params = resolveParams(name, def.params, given);
  const problem = def.check?.(params);
  // A file's check says what is wrong in its own words ("fast must be below slow"); the strategy and the
  // parameters it was asked about are said here, when it does not name them itself (the built-ins do).
  if (problem) throw new ParamError(problem.startsWith(`${name}:`) ? problem : `${name}: ${problem} (given ${formatParams(params)})`);
  return { def, params };
}

/**
 * Bars before every indicator of the strategy has a value, on bars `barMs` long: an indicator on a longer
 * timeframe counts its warm-up in its own bars, and may wait up to one more of them for the first whole one.
 */
export function warmupOf(def: AnyStrategyDefinition, params: Record<string, number>, barMs: number): number {
  return usesWarmup(def.indicators(params), barMs);
}

/** warmupOf for indicator uses already declared (a run's, a report's). */
export function usesWarmup(uses: readonly IndicatorUse[], barMs: number): number {
  return uses.reduce((m, u) => Math.max(m, u.timeframe === undefined ? u.warmup : (u.warmup + 2) * barsPer(u.timeframe, barMs) - 2), 0);
}
