// A worker thread that imports one strategy file and checks it (own-strategies.ts loadStrategyFile), then
// says what it found: the strategy's name, or the file's problem. The app imports a new or changed file
// here first (import-probe.ts): a file whose top-level code never finishes holds this thread, which is
// terminated, rather than the engine's.
import { parentPort, workerData } from 'node:worker_threads';
import { loadStrategyFile } from './own-strategies.ts';

const { file } = workerData as { file: string };
try {
  parentPort!.postMessage({ name: await loadStrategyFile(file) });
} catch (err) {
  parentPort!.postMessage({ problem: err instanceof Error ? err.message : String(err) });
}
