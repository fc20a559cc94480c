// Paper or live, and which account: the trading account's own word once it has answered, the engine's
// app.info before that, and paper when neither has (paper is the default; live needs arming).
import { useAppInfo } from './app-info-store.ts';
import { usePositions } from '../features/positions/positions-store.ts';

export type TradingMode = 'paper' | 'live';

export function useTradingMode(): { mode: TradingMode; account: string } {
  const accountMode = usePositions((s) => s.account?.mode ?? null);
  const account = usePositions((s) => s.account?.account ?? null);
  const infoMode = useAppInfo((s) => s.info?.tradingMode ?? null);
  const mode = accountMode ?? infoMode ?? 'paper';
  return { mode, account: account ?? (mode === 'paper' ? 'paper' : 'live') };
}
