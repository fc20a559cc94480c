// The bar along the top: brand, market (symbol and source), last price, replay controls, trading mode (and the
// switch to arm or disarm live trading). The timeframe
// switcher sits in the chart's own toolbar.
import { BacktestNavButton } from '../features/backtest/BacktestNavButton.tsx';
import { MarketSwitcher } from '../features/chart/switchers/MarketSwitcher.tsx';
import { ModeSwitch } from '../features/ticket/live/ModeSwitch.tsx';
import { ReplayControls } from '../features/replay/ReplayControls.tsx';
import { LastPrice } from './LastPrice.tsx';
import { ModeBadge } from './ModeBadge.tsx';

export function TopBar() {
  return (
    <header className="top-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span> Keel
      </span>
      <span className="divider" />
      <MarketSwitcher />
      <LastPrice />
      <span className="divider" />
      <ReplayControls />
      <span className="spacer" />
      <BacktestNavButton />
      <ModeBadge />
      <ModeSwitch />
    </header>
  );
}
