// The app imports a strategy file of the trader's into its own thread, the engine's, to list it and run
// it; a file whose top-level code never finishes (a loop building a table, say) would hold that thread,
// and the kill switch with it, from the moment the trader presses Reload. So a new or changed file is
// imported in a worker thread first, within PROBE_BUDGET_MS: one that does not finish there, or that
// fails, is a problem in the list and is never imported here. The CLI imports directly: a stuck import
// there holds one command, which Ctrl+C ends.
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../backtest/worker-url.ts';

export const PROBE_BUDGET_MS = 5_000;

/** Null when the file imported and checked in a worker within the budget; otherwise its problem, naming the file. */
export async function loadProblemInWorker(file: string, budgetMs = PROBE_BUDGET_MS): Promise<string | null> {
  const worker = new Worker(workerUrl('strategy-probe-worker'), { workerData: { file } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = new Promise<string | null>((resolve) => {
      worker.once('message', (m: { name?: string; problem?: string }) => resolve(m.problem ?? null));
      worker.once('error', (err) => resolve(`${file}: could not be loaded: ${err.message}`));
      worker.once('exit', (code) => resolve(`${file}: could not be loaded (its thread exited with code ${code})`));
    });
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`${file}: did not finish loading within ${budgetMs / 1000} s (a loop in its top-level code?), so it was not loaded: Keel loads a strategy file in a worker thread first, so that such a file cannot hold the engine and the kill switch; fix it and press Reload`), budgetMs);
    });
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
