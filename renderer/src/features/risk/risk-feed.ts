// Keeps the risk store current: the state and the log once, then every risk.state and risk.event.
import { useEffect } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import { reportError } from '../../state/notices-store.ts';
import { addRiskEvent, applyRiskState, setRiskEvents } from './risk-store.ts';

export function subscribeRisk(api: Api): () => void {
  const offState = api.events['risk.state']((s) => applyRiskState(s));
  const offEvent = api.events['risk.event']((e) => addRiskEvent(e));
  api.commands['risk.state']({}).then(applyRiskState, (err: unknown) => reportError('Read the risk state', err));
  api.commands['risk.events']({ limit: 200 }).then((r) => setRiskEvents(r.events), (err: unknown) => reportError('Read the risk events', err));
  return () => {
    offState();
    offEvent();
  };
}

export function useRiskFeed(api: Api): void {
  useEffect(() => subscribeRisk(api), [api]);
}
