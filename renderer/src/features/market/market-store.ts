// The market engine's status as last reported, and when the last market event of any kind arrived
// (wall clock), which the status badge uses to catch a feed that went quiet.
import { create } from 'zustand';
import type { MarketStatus } from './market-types.ts';

interface MarketState {
  engine: MarketStatus | null;
  lastEventAt: number | null;
}

export const useMarket = create<MarketState>()(() => ({ engine: null, lastEventAt: null }));

export function noteMarketEvent(now = Date.now()): void {
  // At most one store update a second: the badge needs no finer clock, and the chart's frames matter more.
  const last = useMarket.getState().lastEventAt;
  if (last === null || now - last >= 1_000) useMarket.setState({ lastEventAt: now });
}
