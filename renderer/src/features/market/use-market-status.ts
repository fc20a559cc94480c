// Follows the market engine's status and notes when market data last arrived (the badge's check for
// a feed that went quiet).
import { useEffect } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import { reportError } from '../../state/notices-store.ts';
import { noteMarketEvent, useMarket } from './market-store.ts';

export function useMarketStatus(api: Api): void {
  useEffect(() => {
    const offs = [
      api.events['market.candle'](() => noteMarketEvent()),
      api.events['market.trades'](() => noteMarketEvent()),
      api.events['market.status']((engine) => useMarket.setState({ engine })),
    ];
    api.commands['market.status']({}).then(
      (engine) => useMarket.setState({ engine }),
      (err: unknown) => reportError('Read market status', err),
    );
    return () => offs.forEach((off) => off());
  }, [api]);
}
