// A worker thread of the RunPool: holds the markets' shared candles, runs one whole backtest per message
// (loading the trader's own strategy file first, when the run names one) and answers with progress and
// then the result, or the error by name and message. A trader's own strategy's calls are reported on a
// shared beat the pool watches (stall-watch.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runPoolJob, type PoolJob, type PoolMarket, type PoolMessage } from './run-pool.ts';
import { loadWatched } from './load-watched.ts';
import type { StallBeat } from './stall-watch.ts';
import { isStrategyFailure } from './strategy-failure.ts';
import { escapedFrom, guardStrategyThread } from './escaped-errors.ts';
import { runWho } from './run-who.ts';

guardStrategyThread();
const { markets, beat } = workerData as { markets: PoolMarket[]; beat: StallBeat };
const post = (m: PoolMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
/** Each of the trader's files loaded once per worker, however many runs name it. */
const loaded = new Map<string, Promise<void>>();
const load = (name: string, file: string | null | undefined) => {
  const key = `${name}\u0000${file ?? ''}`;
  let p = loaded.get(key);
  // The load, then its calls, are reported on the pool's beat, which stops this worker when one never returns (stall-watch.ts).
  if (!p) loaded.set(key, (p = loadWatched(name, file, beat)));
  return p;
};

parentPort!.on('message', async ({ job, run }: { job: number; run: PoolJob }) => {
  try {
    await load(run.setup.strategy, run.setup.strategyFile);
    const result = runPoolJob(markets, run, (done) => post({ type: 'progress', job, done }));
    const late = await escapedFrom(runWho(run.setup.strategy, run.params, run.setup.exits), run.setup.strategyFile);
    if (late) throw late;
    // The equity is this run's own: it moves rather than copies. The bar times are the shared candles', which
    // the pool puts back; a portfolio's are its own, and go with it.
    post({ type: 'done', job, result: run.basket ? result : { ...result, t: new Float64Array(0) } }, [result.equity.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'failed', job, name: e.name, message: e.message, strategy: isStrategyFailure(err) });
  }
});
