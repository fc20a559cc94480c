// A worker thread of the EvalPool: holds the shared candles (one market's or a portfolio's) and the run
// setup, runs one parameter set per message and answers with its metrics (or the error, as text).
import { parentPort, workerData } from 'node:worker_threads';
import type { EvalJob } from './eval-pool.ts';
import type { RunSetup } from './run-setup.ts';
import { runWindow, type SearchSubject } from './search-subject.ts';
import { loadStrategyForWorker } from '../strategies/own-strategies.ts';

const { setup, subject } = workerData as { setup: RunSetup; subject: SearchSubject };
// The trader's own strategy, from the file the parent loaded it from; a failure is every job's answer.
const ready = loadStrategyForWorker(setup.strategy, setup.strategyFile);

parentPort!.on('message', async (job: EvalJob) => {
  try {
    await ready;
    const r = runWindow(setup, subject, job.params, job.from, job.to);
    parentPort!.postMessage({ ok: true, metrics: r.metrics });
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
