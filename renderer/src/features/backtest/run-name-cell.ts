// How the runs table names a run in its first column: in two lines at most, the strategy with its
// parameters on the first and how it ran (mode, direction, borrow, re-arm, closing at a loss limit, finer
// fills, exits) on the second,
// each cut with an ellipsis where the column is too narrow (backtest.css), the whole name in the cell's
// tooltip. Wrapped as one text, "sma-cross fast=10 slow=30 · moderate · fills on 1m · SL 2% TP 4%" took
// four lines in a 1280 px window and a row 70 px tall. The two lines keep the name's order, joined by a
// separator the page does not show, so the cell's text is still the name the charts' legends give.
import { exitsTag } from './exits-view.ts';
import { runLabel, runTerms, strategyText, type NamedRun } from './run-form.ts';

/** Between the two lines in the cell's text; hidden on the page, where the line break parts them. */
export const NAME_LINES_SEP = ' · ';

export interface NameCell {
  /** "sma-cross fast=10 slow=30". */
  strategy: string;
  /** "moderate · fills on 1m · SL 2% TP 4%". */
  terms: string;
  /** The whole name, as runLabel gives it: strategy, separator, terms. */
  title: string;
}

export function nameCell(r: NamedRun): NameCell {
  const exits = exitsTag(r.request);
  const terms = [...runTerms(r).map((t) => t.text), ...(exits ? [exits] : [])].join(' · ');
  return { strategy: strategyText(r), terms, title: runLabel(r) };
}
