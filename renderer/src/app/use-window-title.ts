// The browser tab says whether this terminal trades for real: "BTC/USDT · Keel · PAPER" or
// "… · LIVE binance:main", and "· HALTED" while the risk room refuses new entries (a kill switch, the
// circuit breaker), seen from another tab too. (In Electron the main process sets the native window title itself.)
import { useEffect } from 'react';
import { useSeries } from '../features/chart/series-store.ts';
import { useRisk } from '../features/risk/risk-store.ts';
import { useTradingMode } from './trading-mode.ts';

export function windowTitle(symbol: string | null, mode: 'paper' | 'live', account: string, halted = false): string {
  const tag = `${mode === 'live' ? `LIVE ${account}` : 'PAPER'}${halted ? ' · HALTED' : ''}`;
  return symbol ? `${symbol} · Keel · ${tag}` : `Keel · ${tag}`;
}

export function useWindowTitle(): void {
  const symbol = useSeries((s) => s.selected?.symbol ?? null);
  const { mode, account } = useTradingMode();
  const halted = useRisk((s) => s.state !== null && s.state.status !== 'ok');
  useEffect(() => {
    document.title = windowTitle(symbol, mode, account, halted);
  }, [symbol, mode, account, halted]);
}
