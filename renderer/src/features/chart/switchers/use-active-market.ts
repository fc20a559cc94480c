// Reads what the market engine offers and keeps the chart on the engine's active market when that
// changes (start-up's choice, another window's switch, the end of a replay).
import { useEffect } from 'react';
import type { Api } from '../../../../../shared/contract/index.ts';
import { reportError } from '../../../state/notices-store.ts';
import { followEngine } from './market-actions.ts';
import { loadCatalog, useCatalog } from './market-catalog.ts';

export function useActiveMarket(api: Api): void {
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offs = [
      api.events['market.status']((status) => followEngine(status)),
      // A stopped replay hands the engine back to the market before it; the replay controls show the
      // stored series again, so look once more after they did and show the engine's market instead.
      api.events['replay.state']((replay) => {
        if (replay.status !== 'idle') return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          api.commands['market.status']({}).then(
            (status) => !stopped && followEngine(status, true),
            (err: unknown) => reportError('Read market status', err),
          );
        }, 0);
      }),
    ];
    loadCatalog(api).then(
      () => {
        const active = useCatalog.getState().active;
        if (!stopped && active) followEngine(active);
      },
      (err: unknown) => reportError('List market sources', err),
    );
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [api]);
}
