// A worker thread of the EvalPool: holds the shared candles (one market's or a portfolio's) and the run
// setup, runs one parameter set per message and answers with its metrics, and its equity curve when the job
// asks (a walk-forward's out-of-sample run), or the error, as text.
import { parentPort, workerData } from 'node:worker_threads';
import { curveOf, figuresOf, type EvalAnswer, type EvalJob } from './eval-pool.ts';
import type { RunSetup } from './run-setup.ts';
import { runWindow, type SearchSubject } from './search-subject.ts';
import { loadWatched } from './load-watched.ts';
import type { StallBeat } from './stall-watch.ts';
import { escapedFrom, guardStrategyThread } from './escaped-errors.ts';
import { runWho } from './run-who.ts';

guardStrategyThread();
const { setup, subject, beat } = workerData as { setup: RunSetup; subject: SearchSubject; beat: StallBeat };
// The trader's own strategy, from the file the parent loaded it from; a failure is every job's answer. The
// load and then its calls are reported on the pool's beat, which stops this worker when one never returns
// (stall-watch.ts): a load stuck before the first job is seen as soon as a job waits on it.
const ready = loadWatched(setup.strategy, setup.strategyFile, beat);

parentPort!.on('message', async (job: EvalJob) => {
  try {
    await ready;
    const r = runWindow(setup, subject, job.params, job.from, job.to);
    const late = await escapedFrom(runWho(setup.strategy, job.params, setup.exits), setup.strategyFile);
    if (late) throw late;
    const answer: EvalAnswer = job.curve ? { ok: true, ...figuresOf(r), curve: curveOf(r, setup) } : { ok: true, ...figuresOf(r) };
    parentPort!.postMessage(answer);
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies EvalAnswer);
  }
});
