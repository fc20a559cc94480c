// The browser tab says whether this terminal trades for real: "BTC/USDT · Keel · PAPER" or
// "… · LIVE binance:main". (In Electron the main process sets the native window title itself.)
import { useEffect } from 'react';
import { useSeries } from '../features/chart/series-store.ts';
import { useTradingMode } from './trading-mode.ts';

export function windowTitle(symbol: string | null, mode: 'paper' | 'live', account: string): string {
  const tag = mode === 'live' ? `LIVE ${account}` : 'PAPER';
  return symbol ? `${symbol} · Keel · ${tag}` : `Keel · ${tag}`;
}

export function useWindowTitle(): void {
  const symbol = useSeries((s) => s.selected?.symbol ?? null);
  const { mode, account } = useTradingMode();
  useEffect(() => {
    document.title = windowTitle(symbol, mode, account);
  }, [symbol, mode, account]);
}
