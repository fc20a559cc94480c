// Above a run's trades, when its strategy tagged its entries more than one way: the closed trades by the
// tag of the order that opened them (entryTagBreakdown), each tag's count, win rate, P&L and profit factor,
// so a trader reads which reason to enter pays, as the reports' Entries by tag table does.
import type { RunResult } from './backtest-store.ts';
import { ClosedTradesTable } from './ClosedTradesTable.tsx';
import { entryTagRows } from './entry-tags-view.ts';

export function EntriesTable({ run }: { run: RunResult }) {
  const groups = entryTagRows(run).map((r) => ({ key: r.tag ?? '', attr: { 'data-tag': r.tag ?? '' }, label: r.tag ?? '(untagged)', labelClass: `bt-label${r.tag === null ? ' dim' : ''}`, stats: r }));
  const listedOnly = run.entryTagRows === undefined && run.trades.length < run.tradeCount ? run.trades.length : null;
  return <ClosedTradesTable name="entries" ariaLabel="Closed trades by entry tag" head={['Entry tag', undefined, 'The tag the strategy gave the order that opened the trade']} groups={groups} listedOnly={listedOnly} />;
}
