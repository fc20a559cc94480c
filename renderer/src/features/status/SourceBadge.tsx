// Says where the candles on screen come from. Replayed and simulated data are labelled as such and
// never as LIVE: the label follows the `source` each market event carries.
import type { DataSource } from '../chart/chart-store.ts';

const BADGES: Record<DataSource, { label: string; title: string }> = {
  stored: { label: 'STORED', title: 'Candles from the local journal as imported; nothing is streaming' },
  replay: { label: 'REPLAY', title: 'Stored candles played back; not live market data' },
  simulated: { label: 'SIMULATED', title: 'Generated prices; not market data' },
  live: { label: 'LIVE', title: 'Live market data from the exchange' },
};

export function SourceBadge({ source }: { source: DataSource | null }) {
  if (source === null) return <span className="badge badge-none">NO DATA</span>;
  const badge = BADGES[source];
  return (
    <span className={`badge badge-${source}`} data-testid="data-source" title={badge.title}>
      {badge.label}
    </span>
  );
}
