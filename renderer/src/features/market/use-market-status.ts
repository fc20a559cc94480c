// Follows the market engine's status (when it reports one) and notes when market data last arrived.
import { useEffect } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';
import { marketApi } from './market-api.ts';
import { noteMarketEvent, useMarket } from './market-store.ts';

export function useMarketStatus(api: Api): void {
  useEffect(() => {
    const m = marketApi(api);
    const offs = [api.events['market.candle'](() => noteMarketEvent()), m.onStatus?.((engine) => useMarket.setState({ engine })), m.onTrades?.(() => noteMarketEvent())];
    m.status?.().then(
      (engine) => useMarket.setState({ engine }),
      (err: unknown) => toErrorData(err).code !== 'unknown_command' && reportError('Read market status', err),
    );
    return () => offs.forEach((off) => off?.());
  }, [api]);
}
