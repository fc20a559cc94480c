// A run's closed trades by the tag of the order that opened them, as the reports show it: the "Entries"
// table (entryTagBreakdown) that keel backtest prints under its summary and the HTML report puts beside
// the metrics. Only for a run whose strategy tagged its entries (ctx.buy(qty, { tag })) in more than one
// way: a table of one row would only repeat the summary, and one of a tag per side the Sides table, so a
// run with one tag (each built-in long only), a tag per side (each built-in both ways) or none reads as it
// always has.
import { entryTagBreakdown, entryTagLabel, entryTagsTell } from '../../shared/backtest/entry-tags.ts';
import type { TradeSide } from '../../shared/backtest/sides.ts';
import type { HtmlExtra } from './report-html.ts';
import { groupCells } from '../../shared/backtest/figure-text.ts';
import { factorCell } from './table-cells.ts';

/** What the table reads of a run. */
export interface EntriesOf {
  trades?: readonly { side?: TradeSide | undefined; entryTag?: string | undefined; closed: boolean; pnl: number; returnPct: number }[] | undefined;
}


/**
 * The Entries table of one run, or null unless its closed trades were entered by orders tagged in more
 * than one way, and not one tag per side (the Sides table says that already).
 */
export function entriesExtra(r: EntriesOf): HtmlExtra | null {
  const trades = r.trades ?? [];
  const rows = entryTagBreakdown(trades).map((x) => [entryTagLabel(x.tag), ...groupCells(x), factorCell(x.profitFactor)]);
  if (rows.length < 2 || !entryTagsTell(trades)) return null;
  return { title: 'Entries by tag', rows: [['entry tag', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return', 'profit factor'], ...rows] };
}
