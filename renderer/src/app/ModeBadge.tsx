// PAPER unless the engine says live trading is armed: orders then are simulated, never sent.
import { useAppInfo } from './app-info-store.ts';

export function ModeBadge() {
  const mode = useAppInfo((s) => s.info?.tradingMode ?? 'paper');
  return mode === 'live' ? (
    <span className="badge badge-mode-live" data-testid="trading-mode" title="Live trading is armed: orders go to the exchange">
      LIVE TRADING
    </span>
  ) : (
    <span className="badge badge-mode-paper" data-testid="trading-mode" title="Paper trading: orders are simulated, nothing reaches an exchange">
      PAPER
    </span>
  );
}
