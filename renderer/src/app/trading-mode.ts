// Paper or live, and which account: the engine's trading.mode once it has answered (the armed exchange
// account), else the trading account's own word, else app.info, and paper when none has spoken (paper is
// the default; live needs arming).
import { useAppInfo } from './app-info-store.ts';
import { usePositions } from '../features/positions/positions-store.ts';
import { useTradingModeState } from '../features/ticket/live/trading-mode-store.ts';

export type TradingMode = 'paper' | 'live';

export function useTradingMode(): { mode: TradingMode; account: string } {
  const armed = useTradingModeState((s) => s.state);
  const accountMode = usePositions((s) => s.account?.mode ?? null);
  const accountName = usePositions((s) => s.account?.account ?? null);
  const infoMode = useAppInfo((s) => s.info?.tradingMode ?? null);
  if (armed) return { mode: armed.mode, account: armed.mode === 'live' ? (armed.account ?? 'live') : 'paper' };
  const mode = accountMode ?? infoMode ?? 'paper';
  return { mode, account: accountName ?? (mode === 'paper' ? 'paper' : 'live') };
}
