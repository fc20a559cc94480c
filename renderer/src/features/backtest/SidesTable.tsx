// Above a run's trades, when it could short (or shorted): its closed trades by side (sideBreakdown: long
// and short), each side's count, win rate, P&L and profit factor, so a trader reads which side carried the
// run, as the reports' Sides table does.
import type { RunResult } from './backtest-store.ts';
import { ClosedTradesTable } from './ClosedTradesTable.tsx';
import { sideRows } from './direction-view.ts';

export function SidesTable({ run }: { run: RunResult }) {
  // Over every closed trade when the engine counted them (the list below is cut after the first ones); a run
  // stored before that counts the trades it was sent, and says so when they are not all of them.
  const groups = sideRows(run).map((r) => ({ key: r.side, attr: { 'data-side': r.side }, label: r.side, labelClass: `bt-label bt-side-${r.side}`, stats: r }));
  const listedOnly = run.sideRows === undefined && run.trades.length < run.tradeCount ? run.trades.length : null;
  return <ClosedTradesTable name="sides" ariaLabel="Closed trades by side" head={['Side']} groups={groups} listedOnly={listedOnly} />;
}
