// What each Monte Carlo method varies, in the words the app's Monte Carlo tab, `keel backtest --monte-carlo`
// and the HTML report all say it: a reordered return band has no width by arithmetic, and a trader who is
// not told so reads it as a bug or as certainty.

export type McMethod = 'reorder' | 'resample';

/** One line per method: what it varies, so a band that does not move reads as intended. */
export const METHOD_TEXT: Record<McMethod, string> = {
  reorder: 'Reordered: the same trades in a random order. The return cannot change (returns compound in any order); only the drawdown can: how much of it was the luck of the sequence.',
  resample: 'Resampled: as many trades drawn with replacement. Return and drawdown both vary, as if the same edge had met another sample of trades.',
};
