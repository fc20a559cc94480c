// Before a run, a search or a start of one of the trader's own strategies: their files looked at again,
// so what is checked (its parameters and ranges) is the file as it is now, the same file the worker or
// thread imports, not the one listed at the last Reload. A file broken since is refused with its problem;
// a file that is fine is imported by its stand-in's thread now, without holding the engine's.
import { basename, extname } from 'node:path';
import { KeelError } from '../../shared/contract/errors.ts';
import type { StrategyProblem } from './own-strategies.ts';
import { findStrategy, STRATEGIES, strategyFileOf } from './registry.ts';
import { warmStandIn } from './stand-in-definition.ts';

/**
 * Looks again at the trader's files when any of `names` is not a built-in; throws when one of those names
 * is not registered afterwards and a file it came from (or one named after it) has a problem: that
 * problem, after `what(name)` (what was refused). An unknown name with no such file is left to the usual
 * "unknown strategy" refusal, which lists the valid ones.
 */
export async function refreshOwnFirst(names: readonly string[], ownStrategies: (() => Promise<StrategyProblem[]>) | undefined, what: (name: string) => string): Promise<void> {
  const theirs = names.filter((n) => !STRATEGIES.some((s) => s.name === n));
  if (!ownStrategies || theirs.length === 0) return;
  const before = new Map(theirs.map((n) => [n, strategyFileOf(n)]));
  const problems = await ownStrategies();
  for (const name of theirs) {
    // Known: its stand-in's thread imports the file now, so the run's checks only cross to it.
    if (strategyFileOf(name) !== null) {
      await warmStandIn(findStrategy(name));
      continue;
    }
    const problem = problems.find((p) => p.file === before.get(name) || basename(p.file, extname(p.file)) === name);
    if (problem) throw new KeelError('invalid_request', `${what(name)}: ${problem.message}`);
  }
}
