// A child process for strategy-thread.test's out-of-memory case: one StrategyThread on the file given, fed
// the bar at index given, and what it was stopped for printed as JSON. A worker that reaches its heap limit
// is usually stopped with ERR_WORKER_OUT_OF_MEMORY, but some allocations abort the whole process instead
// (nodejs/node#47224, the reason the app runs strategies' code in a process of its own): here that process
// is this child, never the test runner's, and the test can tell the two apart by the child's exit.
import { StrategyStuckError, StrategyThread } from '../../electron/strategies/strategy-thread.ts';
import type { StrategyContext } from '../../electron/strategies/strategy.ts';

const [file, strategy, index, heapMb, stuckAfterMs = '1500'] = process.argv.slice(2) as [string, string, string, string, string?];
const ctx = { id: strategy, symbol: 'BTC/USDT', direction: 'long' } as unknown as StrategyContext;
const T0 = Date.UTC(2024, 0, 1);
const thread = new StrategyThread({ file, strategy, params: {}, barMs: 60_000, ctx, heapMb: Number(heapMb), stuckAfterMs: Number(stuckAfterMs) });
let reason = 'finished';
try {
  thread.onBar({ t: T0 + Number(index) * 60_000, o: 1, h: 1, l: 1, c: 1, v: 1, index: Number(index) });
} catch (err) {
  reason = err instanceof StrategyStuckError ? await thread.stopReason(err) : `threw ${String(err)}`;
} finally {
  thread.close();
}
process.stdout.write(JSON.stringify({ reason }));
process.exit(0);
