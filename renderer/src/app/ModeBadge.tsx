// PAPER unless the engine says live trading is armed: orders then are simulated, never sent. Shown in
// the top bar, the status bar and the ticket; each gets its own test id (the top bar keeps "trading-mode").
import { useTradingMode } from './trading-mode.ts';

export function ModeBadge({ testId = 'trading-mode', compact = false }: { testId?: string; compact?: boolean }) {
  const { mode, account } = useTradingMode();
  return mode === 'live' ? (
    <span className="badge badge-mode-live" data-testid={testId} data-mode="live" title={`Live trading is armed on ${account}: orders go to the exchange with real money`}>
      {compact ? 'LIVE' : 'LIVE TRADING'}
    </span>
  ) : (
    <span className="badge badge-mode-paper" data-testid={testId} data-mode="paper" title="Paper trading: orders are simulated, nothing reaches an exchange">
      PAPER
    </span>
  );
}
