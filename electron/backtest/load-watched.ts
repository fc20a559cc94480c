// A worker's load of a trader's strategy file, watched (stall-watch.ts): its top-level code, then check()
// and indicators() with the defaults, each reported on the beat as a call of its own. The import probe ran
// them once already, but a file that runs differently the next time it is loaded (a marker file it left,
// its thread's data) would otherwise hang the run before anything else was watched. Apart from the watch
// itself so that what imports the watch (the pools, on the main thread) does not import the loader.
import { loadStrategyForWorker } from '../strategies/own-strategies.ts';
import { begin, end, watchStrategyCalls, type StallBeat } from './stall-watch.ts';

/**
 * In a worker: loads `name`'s file (own-strategies.ts loadStrategyForWorker; none: a built-in, nothing to
 * do), the load reported on `beat`, then registers it watched (watchStrategyCalls). Without a beat, only loaded.
 */
export async function loadWatched(name: string, file: string | null | undefined, beat: StallBeat | undefined): Promise<void> {
  if (!file || !beat) return loadStrategyForWorker(name, file);
  begin(beat, 'load', -1, Number.NaN, Number.NaN);
  try {
    // A defaults call ends the part before it and starts its own, so each has the whole limit.
    await loadStrategyForWorker(name, file, (_strategy, fn) => {
      end(beat);
      begin(beat, fn === 'check' ? 'load-check' : 'load-indicators', -1, Number.NaN, Number.NaN);
    });
  } finally {
    end(beat);
  }
  watchStrategyCalls(name, beat);
}
