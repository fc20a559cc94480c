// What each Monte Carlo method varies, in the words the app's Monte Carlo tab, `keel backtest --monte-carlo`
// and the HTML report all say it: a reordered return band has no width by arithmetic, and a trader who is
// not told so reads it as a bug or as certainty.

export type McMethod = 'reorder' | 'resample';

/** One line per method: what it varies, so a band that does not move reads as intended. */
export const METHOD_TEXT: Record<McMethod, string> = {
  reorder: 'Reordered: the same trades in a random order. The return cannot change (returns compound in any order); only the drawdown can: how much of it was the luck of the sequence.',
  resample: 'Resampled: as many trades drawn with replacement. Return and drawdown both vary, as if the same edge had met another sample of trades.',
};

/**
 * Why the run's own return beside the bands differs from its total return, when trades were still open at
 * the end: the simulations draw closed trades, and the total return also counts the open ones at the last
 * close. Without it "return 43.25%" under "total return 43.78%" read as two answers for one run. Null when
 * nothing was left out.
 */
export function openLeftOutText(openTrades: number, inOrder: string, total: string): string | null {
  if (!(openTrades > 0)) return null;
  const what = openTrades === 1 ? 'The trade still open at the end is' : `The ${openTrades} trades still open at the end are`;
  return `${what} left out: the simulations draw closed trades, so the run's return in order (${inOrder}) is not its total return (${total}), which also counts ${openTrades === 1 ? 'it' : 'them'} at the last close.`;
}
