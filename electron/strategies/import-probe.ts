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

export const PROBE_BUDGET_MS = 5_000;

/** What a probe found: the file's strategy, or its problem (naming the file). */
export type ProbeAnswer = { strategy: StrategyDescription } | { problem: string };

/** The file imported and checked in a worker within the budget: its strategy's description, or its problem. */
export async function probeInWorker(file: string, budgetMs = PROBE_BUDGET_MS): Promise<ProbeAnswer> {
  const worker = new Worker(workerUrl('strategy-probe-worker'), { workerData: { file } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = new Promise<ProbeAnswer>((resolve) => {
      worker.once('message', (m: ProbeAnswer) => resolve(m));
      worker.once('error', (err) => resolve({ problem: `${file}: could not be loaded: ${err.message}` }));
      worker.once('exit', (code) => resolve({ problem: `${file}: could not be loaded (its thread exited with code ${code})` }));
    });
    const late = new Promise<ProbeAnswer>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            problem: `${file}: did not finish loading within ${budgetMs / 1000} s (a loop in its top-level code?), so it was not loaded: Keel loads a strategy file in a worker thread first, so that such a file cannot hold the engine and the kill switch; fix it and press Reload`,
          }),
        budgetMs,
      );
    });
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
