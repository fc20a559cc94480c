// From a backtest to the same strategy trading: the terminal's strategy start form filled with what the run
// ran (strategy, parameters, market and timeframe, exits, the sides it took) and shown, for the trader to
// press Start. It starts nothing itself: the form's Start goes through the same checks, the same risk room
// and, while a live account is armed, the same confirmation as any start. The run's risk mode is the
// backtest's own (named as the runs table names it: "custom 40%"); the account trades with the risk room's
// settings, which the message says. A run that could short fills in its direction too, and the message
// says that needs a margin account (the engine refuses it on a spot one) and, when its shorts paid a
// borrow rate, where the account's own is set.
import { useDockTab } from '../positions/TradingDock.tsx';
import { useStrategies } from '../strategies/strategies-store.ts';
import { draftFromRun } from '../strategies/strategy-form.ts';
import { useMarket } from '../market/market-store.ts';
import { exitsLabel } from '../../../../shared/backtest/run-exits.ts';
import { DIRECTION_LABELS } from '../../../../shared/domain/direction.ts';
import type { RunResult } from './backtest-store.ts';
import { useView } from './view-store.ts';
import { paperBorrowNote } from './borrow-view.ts';
import { modeLabel } from './mode-label.ts';

export function paperTradeRun(run: RunResult): void {
  const r = run.request;
  const engine = useMarket.getState().engine;
  const chart = { symbol: engine?.symbol ?? null, timeframe: engine?.timeframe ?? null };
  const st = useStrategies.getState();
  const draft = draftFromRun(r, st.catalog.find((s) => s.name === r.strategy), chart);
  const exits = exitsLabel({ stopLossPct: r.stopLossPct ?? null, takeProfitPct: r.takeProfitPct ?? null, trailingStopPct: r.trailingStopPct ?? null });
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const sides = draft.direction === 'long' ? '' : ` It trades ${DIRECTION_LABELS[draft.direction]}, as the backtest did: that needs a margin account.`;
  useStrategies.setState({
    draft,
    message: {
      kind: 'ok',
      text: `${r.strategy}${params ? ` ${params}` : ''}${exits ? ` with ${exits}` : ''} on ${r.series.symbol} ${r.series.timeframe} is filled in: press Start. The backtest ran in ${modeLabel(r)} mode; the account trades with the risk room's settings.${sides}${paperBorrowNote(r)}`,
    },
  });
  useDockTab.setState({ tab: 'strategies' });
  useView.getState().show('terminal');
}
