// Reads what the market engine offers and keeps the chart on the engine's active market when that
// changes (start-up's choice, another window's switch).
import { useEffect } from 'react';
import type { Api } from '../../../../../shared/contract/index.ts';
import { reportError } from '../../../state/notices-store.ts';
import { followEngine } from './market-actions.ts';
import { loadCatalog, useCatalog } from './market-catalog.ts';

export function useActiveMarket(api: Api): void {
  useEffect(() => {
    let stopped = false;
    const off = api.events['market.status']((status) => followEngine(status));
    loadCatalog(api).then(
      () => {
        const active = useCatalog.getState().active;
        if (!stopped && active) followEngine(active);
      },
      (err: unknown) => reportError('List market sources', err),
    );
    return () => {
      stopped = true;
      off();
    };
  }, [api]);
}
