// The top bar's switch between the terminal and the backtest page.
import { useView } from './view-store.ts';

export function BacktestNavButton() {
  const { view, show } = useView();
  const on = view === 'backtest';
  return (
    <button type="button" className={`btn bt-nav${on ? ' on' : ''}`} data-testid="backtest-nav" aria-pressed={on} onClick={() => show(on ? 'terminal' : 'backtest')}>
      {on ? 'Terminal' : 'Backtest'}
    </button>
  );
}
