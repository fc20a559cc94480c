// Errors a trader's strategy lets escape its calls, in the worker thread that runs it: one thrown from a
// timer, one of a promise nobody awaits (an async helper onBar starts and does not wait for), and
// process.exit(). Keel calls onBar, onTick and onFill and goes on; what such code does happens bars later or
// after the run. Its errors reached no one by chance of timing: the run exited 0 with its report, or the
// worker ended with a bare "timer boom", or the command crashed with Node's own trace. Here they are caught
// in the thread, and the run fails naming the strategy and the line, the same way every time.
import { atLineOf } from '../strategies/strategy-line.ts';
import { markStrategyFailure } from './strategy-failure.ts';

let escaped: Error | null = null;
let guarded = false;

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * In a worker thread that runs strategies: keeps the first error that escapes (instead of letting it end the
 * thread at a moment of its own), and makes process.exit() a throw at the call, where the run's failure
 * names the strategy, the bar and the line ("a backtest worker stopped (exit code 0)" named none of them).
 */
export function guardStrategyThread(): void {
  if (guarded) return;
  guarded = true;
  process.on('uncaughtException', (e) => void (escaped ??= asError(e)));
  process.on('unhandledRejection', (e) => void (escaped ??= asError(e)));
  process.exit = ((code?: number | string | null) => {
    throw new Error(`process.exit(${code ?? ''}) was called: it would end Keel's worker thread, not the strategy's bar; a strategy stops trading by returning from onBar (ctx.closePosition() goes flat)`);
  }) as typeof process.exit;
}

/**
 * After a run in a guarded thread: lets the promise callbacks and the timers already due run (a rejection
 * an async helper left is heard here, whatever the run's length), then the first error that escaped,
 * named as the run's and the strategy's failure when its stack is in the strategy's file; null when none.
 */
export async function escapedFrom(who: string, file: string | null | undefined): Promise<Error | null> {
  // A built-in leaves no timer or promise behind: its runs (a search's thousands of sets) do not wait the
  // millisecond or so a due timer takes to be heard.
  if (!file && escaped === null) return null;
  await new Promise<void>((r) => setImmediate(r));
  await new Promise<void>((r) => setTimeout(r, 0));
  const e = escaped;
  escaped = null;
  if (e === null) return null;
  const at = file ? atLineOf(e, file) : '';
  const err = new Error(
    `${who}: an error escaped its code through a timer or a promise that Keel does not wait for: ${e.message}${at}; a strategy acts inside onBar, onTick and onFill, with no await or setTimeout (ctx's calls answer at once)`,
  );
  err.name = e.name;
  return at === '' ? err : markStrategyFailure(err);
}
