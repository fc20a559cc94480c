// What the page says of a run's warm-up: the bars before its range its strategy's indicators read first
// (electron/backtest/lead-in.ts), so a run from 1 March of an SMA 30 strategy could trade on 1 March. Runs
// whose range starts the data read none, and runs stored before runs read them say nothing.
import { formatCount } from '../../lib/format.ts';

/** The line under a run's heading, or null when it read no bars before its range. */
export function warmUpLine(run: { leadIn?: number | undefined }): string | null {
  const n = run.leadIn ?? 0;
  if (n === 0) return null;
  return `Its indicators read the ${n === 1 ? 'bar' : `${formatCount(n)} bars`} before the range first (the strategy's warm-up), so it could trade from the range's first bar.`;
}
