// One status for a whole source, from the health of each of its streams and requests: the worst one wins
// (offline > delayed > stale > live), and its reason is the one shown. Reasons are stable while nothing
// changes (no ticking ages in them), so listeners hear about changes, not about time passing.
import type { ConnectionStatus } from '../market-source.ts';
import type { Failure } from './ccxt-errors.ts';

export interface FeedHealth {
  /** What it is, for reasons: "BTC/USDT 1m candles", "markets". */
  label: string;
  /** Consecutive failures since the last success. */
  failures: number;
  failure: Failure | null;
  /** The wait before the next try; 'now' while that try runs; null when no retry is coming (a request gave up). */
  retryInMs: number | 'now' | null;
  /** When data last arrived (source clock, ms). */
  lastDataAt: number;
  /** No data for longer than this is stale; null for streams with no regular rhythm (trades) and requests. */
  staleAfterMs: number | null;
  /** The rhythm promised, for the reason. */
  expectedEveryMs: number | null;
}

export interface HealthSummary {
  status: ConnectionStatus;
  reason: string;
}

const RANK: Record<ConnectionStatus, number> = { live: 0, stale: 1, delayed: 2, offline: 3 };

function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}

export function feedStatus(exchange: string, h: FeedHealth, now: number, offlineAfterFailures: number): HealthSummary {
  if (h.failure) {
    // A rate limit means the exchange is there and will serve us after the wait: never "offline".
    const offline = h.failures >= offlineAfterFailures && h.failure.kind !== 'rate_limited';
    const retry = h.retryInMs === 'now' ? '; retrying now' : h.retryInMs !== null ? `; retrying in ${seconds(h.retryInMs)}` : '';
    const tries = h.failures > 1 ? ` (${h.failures} failures in a row)` : '';
    return { status: offline ? 'offline' : 'delayed', reason: `${h.label}: ${h.failure.reason}${tries}${retry}` };
  }
  if (h.staleAfterMs !== null && now - h.lastDataAt > h.staleAfterMs) {
    const every = h.expectedEveryMs !== null ? ` (expected every ${seconds(h.expectedEveryMs)})` : '';
    return { status: 'stale', reason: `no ${h.label} from ${exchange} for over ${seconds(h.staleAfterMs)}${every}` };
  }
  return { status: 'live', reason: '' };
}

/** The worst feed's status; `liveReason` describes the all-well case. */
export function summarize(exchange: string, feeds: Iterable<FeedHealth>, now: number, offlineAfterFailures: number, liveReason: string): HealthSummary {
  let worst: HealthSummary = { status: 'live', reason: liveReason };
  for (const h of feeds) {
    const s = feedStatus(exchange, h, now, offlineAfterFailures);
    if (RANK[s.status] > RANK[worst.status]) worst = s;
  }
  return worst;
}
