// The risk room's halt in the status bar, on every page: a kill switch pulled from a terminal (`keel kill`),
// by a loss limit or a margin call, or the exchange's circuit breaker, showed only in the risk panel, which
// the backtest page covers: the status bar read as if all were well. Nothing shows while trading is armed.
import { statusLine } from '../risk/gauge-model.ts';
import { useRisk } from '../risk/risk-store.ts';

export function riskBadgeText(state: Parameters<typeof statusLine>[0]): string | null {
  if (state.status === 'halted') return 'HALTED';
  if (state.status === 'error') return `CIRCUIT ${state.circuit.state.toUpperCase()}`;
  return null;
}

export function RiskBadge() {
  const state = useRisk((s) => s.state);
  const text = state ? riskBadgeText(state) : null;
  if (!state || text === null) return null;
  return (
    <span className="status-item status-risk" data-testid="status-risk" title={statusLine(state).text}>
      {text}
    </span>
  );
}
