// A run the strategy's own code stopped (onBar, onFill, create() threw): a bug in the strategy, which
// keel backtest exits 1 on whatever the error's class (README.md, Exit codes). Without the mark, a
// RangeError the strategy raised (ago(1.5), get(-1), or its own) read as a bad value on the command line
// (exit 2), while a look-ahead (a RangeError too, but rebuilt as a plain Error after a worker thread)
// exited 1. The mark crosses a worker thread beside the error's name and message (run-pool.ts).
const failures = new WeakSet<object>();

/** The error, marked as the strategy's failure. */
export function markStrategyFailure<E>(err: E): E {
  if (typeof err === 'object' && err !== null) failures.add(err);
  return err;
}

export const isStrategyFailure = (err: unknown): boolean => typeof err === 'object' && err !== null && failures.has(err);
