// The data status, wherever market data is shown: LIVE only while live data is arriving; DELAYED,
// STALE or OFFLINE with the reason otherwise; REPLAY, SIMULATED or STORED for data that is not live.
import { useEffect, useState } from 'react';
import { useConnection } from '../../state/connection-store.ts';
import { useChart, type DataSource } from '../chart/chart-store.ts';
import { dataStatus } from './data-status.ts';
import { useMarket } from './market-store.ts';
import './data-status.css';

/** The badge re-checks silence this often, so a feed that stops turns STALE without any event. */
const CHECK_MS = 2_000;

/**
 * `source` is where the panel's data comes from (default: the chart's candles). `showReason` spells
 * out why data is delayed, stale or offline beside the badge (the tooltip always does).
 */
export function DataStatusBadge({ source: own, showReason = false }: { source?: DataSource | null; showReason?: boolean }) {
  const chartSource = useChart((s) => s.source);
  const source = own === undefined ? chartSource : own;
  const engine = useMarket((s) => s.engine);
  const lastEventAt = useMarket((s) => s.lastEventAt);
  const connected = useConnection((s) => s.status === 'connected');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), CHECK_MS);
    return () => clearInterval(id);
  }, []);
  const view = dataStatus({ source, engine, lastEventAt, now, connected });
  return (
    <span className={`data-status level-${view.level}`} data-testid="data-status" data-level={view.level} title={view.reason}>
      <span className="data-status-dot" aria-hidden="true" />
      {view.label}
      {showReason && (view.level === 'delayed' || view.level === 'stale' || view.level === 'offline') && <span className="data-status-reason">{view.reason}</span>}
    </span>
  );
}
