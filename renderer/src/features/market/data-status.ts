// What the data status badge says: where the data comes from and whether it can be trusted right now.
// Replayed, simulated and stored data is labelled as such and never as live; a live feed that has gone
// quiet reads STALE even before the engine says so, so a frozen price is never presented as current.
import type { DataSource } from '../chart/chart-store.ts';
import type { MarketStatus } from './market-types.ts';

export type DataLevel = 'live' | 'delayed' | 'stale' | 'offline' | 'replay' | 'simulated' | 'stored' | 'none';

export interface DataStatusView {
  level: DataLevel;
  label: string;
  /** In words for the tooltip and the panels: why it is in this state. */
  reason: string;
}

/** A live feed silent this long reads STALE: a liquid market trades many times a minute. */
export const STALE_AFTER_MS = 30_000;

export interface DataStatusInput {
  /** Where the data in question comes from (each market event says). */
  source: DataSource | null;
  /** The engine's status of its active market (market.status); it counts only for data from that source. */
  engine: MarketStatus | null;
  /** Wall-clock time of the latest market event, or null before any. */
  lastEventAt: number | null;
  now: number;
  connected: boolean;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function dataStatus({ source, engine: reported, lastEventAt, now, connected }: DataStatusInput): DataStatusView {
  let engine = reported;
  if (!connected) return { level: 'offline', label: 'OFFLINE', reason: 'The connection to Keel is lost; nothing on screen is updating.' };
  const kind = source;
  // The engine reports on its active market; data from elsewhere (a stored series, say) is not covered by it.
  if (engine && engine.source !== kind) engine = null;
  if (kind === 'replay') return { level: 'replay', label: 'REPLAY', reason: 'Stored candles played back; not live market data.' };
  if (kind === 'simulated') return { level: 'simulated', label: 'SIMULATED', reason: 'Generated prices from the simulated market; not market data.' };
  if (kind === 'stored') return { level: 'stored', label: 'STORED', reason: 'Candles from the local journal as imported; nothing is streaming.' };
  if (kind !== 'live') return { level: 'none', label: 'NO DATA', reason: 'No market source is active.' };

  // Live: the engine's word first, then our own check that data is still arriving.
  const status = engine?.status ?? 'live';
  if (status === 'offline') return { level: 'offline', label: 'OFFLINE', reason: engine?.reason || 'The exchange is unreachable; nothing is coming.' };
  if (status === 'delayed') return { level: 'delayed', label: 'DELAYED', reason: engine?.reason || 'Retrying the exchange; data may be behind.' };
  if (status === 'stale') return { level: 'stale', label: 'STALE', reason: engine?.reason || 'Connected, but no data has arrived for a while.' };
  const silent = lastEventAt === null ? null : now - lastEventAt;
  if (silent !== null && silent > STALE_AFTER_MS) return { level: 'stale', label: 'STALE', reason: `No market data for ${seconds(silent)}; prices on screen may be out of date.` };
  return { level: 'live', label: 'LIVE', reason: engine?.reason || 'Live market data from the exchange.' };
}
