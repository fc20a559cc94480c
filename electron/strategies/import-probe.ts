// The app never imports a strategy file of the trader's into its own thread, the engine's: a file whose
// top-level code never finishes (a loop building a table, say) would hold that thread, and the kill switch
// with it, from the moment the trader presses Reload. A new or changed file is imported in a worker thread
// (in the app, in the host process), within PROBE_BUDGET_MS, and checked there: one that does not finish,
// or that fails, is a problem in the list; one that passes is described (name, description, parameters),
// and the engine holds a stand-in made from that (stand-in-definition.ts). `keel backtest` loads its files
// the same way, so a stuck import stops it with this message instead of hanging it.
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../backtest/worker-url.ts';
import type { StrategyDescription } from './stand-in-definition.ts';

export { PROBE_BUDGET_MS } from './probe-budget.ts';
import { PROBE_BUDGET_MS } from './probe-budget.ts';

/** What a probe found: the file's strategy, or its problem (naming the file). */
export type ProbeAnswer = { strategy: StrategyDescription } | { problem: string };

/**
 * Posted by the probe's thread before it calls the file's check() or indicators() with the defaults: a
 * message crosses even when that call then never gives the thread back, so when the time runs out the
 * problem names the function and the set rather than blaming the file's top-level code.
 */
export interface ProbeStep {
  strategy: string;
  fn: 'check' | 'indicators';
  params: Record<string, number>;
}

/** Who reads a probe's problem: the app (whose engine and kill switch a stuck file must not hold), or a command (`keel backtest`, which must not hang). */
export type ProbeReader = 'app' | 'command';

/** The file imported and checked in a worker within the budget: its strategy's description, or its problem (worded for `reader`). */
export async function probeInWorker(file: string, budgetMs = PROBE_BUDGET_MS, reader: ProbeReader = 'app'): Promise<ProbeAnswer> {
  const worker = new Worker(workerUrl('strategy-probe-worker'), { workerData: { file } });
  let timer: NodeJS.Timeout | undefined;
  let step: ProbeStep | undefined;
  try {
    const answer = new Promise<ProbeAnswer>((resolve) => {
      worker.on('message', (m: ProbeAnswer | ProbeStep) => {
        if ('fn' in m) step = m;
        else resolve(m);
      });
      worker.once('error', (err) => resolve({ problem: `${file}: could not be loaded: ${err.message}` }));
      worker.once('exit', (code) => resolve({ problem: `${file}: could not be loaded (its thread exited with code ${code})` }));
    });
    const late = new Promise<ProbeAnswer>((resolve) => {
      timer = setTimeout(() => resolve({ problem: lateProblem(file, budgetMs, step, reader) }), budgetMs);
    });
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

/** What the probe was doing when its time ran out: importing the file, or the step its thread last said it began. */
function lateProblem(file: string, budgetMs: number, step: ProbeStep | undefined, reader: ProbeReader): string {
  const s = budgetMs / 1000;
  // Why the worker thread, and what to do next, in the reader's terms: Reload is the app's button.
  const [guards, again] = reader === 'app' ? ['hold the engine and the kill switch', 'press Reload'] : ['hang the command', 'run it again'];
  if (step === undefined) {
    return `${file}: did not finish loading within ${s} s (a loop in its top-level code?), so it was not loaded: Keel loads a strategy file in a worker thread first, so that such a file cannot ${guards}; fix it and ${again}`;
  }
  const set = Object.entries(step.params).map(([k, v]) => `${k}=${v}`);
  const called = set.length === 0 ? `${step.fn}() (it has no parameters)` : `${step.fn}() with its default parameters ${set.join(', ')}`;
  return `${file}: ${step.strategy}: ${called} did not return within ${s} s (a loop in it?), so the file was not loaded: Keel calls check() and indicators() with the defaults as it loads a file, in a worker thread, so that such a loop cannot ${guards}; fix ${step.fn}() and ${again}`;
}
