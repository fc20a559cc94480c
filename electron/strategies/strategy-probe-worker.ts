// A worker thread that imports one strategy file and checks it (own-strategies.ts loadStrategyFile), then
// says what it found: the strategy's description (stand-in-definition.ts), or the file's problem. The app
// imports a new or changed file only here (import-probe.ts): a file whose top-level code never finishes
// holds this thread, which is terminated, rather than the engine's. Before it calls the file's check() or
// indicators() with the defaults it says so, so that a loop there is reported as that function's, not the import's.
import { parentPort, workerData } from 'node:worker_threads';
import type { ProbeAnswer, ProbeStep } from './import-probe.ts';
import { loadStrategyFile } from './own-strategies.ts';
import { findStrategy } from './registry.ts';
import { describeStrategy } from './stand-in-definition.ts';

const { file } = workerData as { file: string };
let answer: ProbeAnswer;
try {
  const beforeDefaultsCall = (strategy: string, fn: ProbeStep['fn'], params: Record<string, number>) => parentPort!.postMessage({ strategy, fn, params } satisfies ProbeStep);
  answer = { strategy: describeStrategy(findStrategy(await loadStrategyFile(file, { beforeDefaultsCall }))) };
} catch (err) {
  answer = { problem: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(answer);
