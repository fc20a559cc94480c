// Which page the window shows: the trading terminal or the backtest page. Kept in the URL's hash
// (#backtest), so a reload or a link lands on the same page.
import { create } from 'zustand';

export type View = 'terminal' | 'backtest';

const fromHash = (): View => (typeof location !== 'undefined' && location.hash === '#backtest' ? 'backtest' : 'terminal');

export const useView = create<{ view: View; show: (v: View) => void }>((set) => ({
  view: fromHash(),
  show: (view) => {
    if (typeof history !== 'undefined') history.replaceState(null, '', view === 'backtest' ? '#backtest' : location.pathname + location.search);
    set({ view });
  },
}));
