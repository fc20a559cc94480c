// The strip over the chart: timeframes, the Indicators menu, the log scale's toggle, the data status, and the history window.
import { TimeframeSwitcher } from './switchers/TimeframeSwitcher.tsx';
import { IndicatorMenu } from './indicators/IndicatorMenu.tsx';
import { HistoryStatus } from './history/HistoryStatus.tsx';
import { ScaleToggle } from './ScaleToggle.tsx';
import type { ReactNode } from 'react';

export function ChartToolbar({ onLatest, status }: { onLatest: () => void; status?: ReactNode }) {
  return (
    <div className="chart-toolbar" data-testid="chart-toolbar">
      <TimeframeSwitcher />
      <span className="tb-divider" />
      <IndicatorMenu />
      <ScaleToggle />
      <span className="tb-spacer" />
      {status}
      <HistoryStatus onLatest={onLatest} />
    </div>
  );
}
