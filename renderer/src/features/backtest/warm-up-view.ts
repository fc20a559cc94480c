// What the page says of a run's warm-up: the bars before its range its strategy's indicators read first
// (electron/backtest/lead-in.ts), so a run from 1 March of an SMA 30 strategy could trade on 1 March. Runs
// whose range starts the data read none, and runs stored before runs read them say nothing. The count reads
// as the HTML report's header gives it (shared/backtest/lead-in.ts): a portfolio's per market.
import { leadInWords, type MarketLeadIn } from '../../../../shared/backtest/lead-in.ts';

/** The line under a run's heading, or null when it read no bars before its range. */
export function warmUpLine(run: { leadIn?: number | undefined; markets?: readonly MarketLeadIn[] | undefined }): string | null {
  const words = leadInWords(run);
  if (words === null) return null;
  return `${words[0]!.toUpperCase()}${words.slice(1)} (the strategy's warm-up), so it could trade from the range's first bar.`;
}
