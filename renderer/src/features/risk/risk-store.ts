// The risk engine as the panel last heard of it: its state (mode, limits, kill switch, circuit breaker,
// gauges), the log of risk events (newest first) and the last projection asked for.
import { create } from 'zustand';
import type { EventPayload, CommandResponse } from '../../../../shared/contract/index.ts';

export type RiskState = EventPayload<'risk.state'>;
export type RiskEvent = EventPayload<'risk.event'>;
export type Projection = CommandResponse<'risk.projection'>;

/** The log keeps this many events. */
export const MAX_EVENTS = 200;

interface RiskStore {
  state: RiskState | null;
  events: RiskEvent[];
  projection: Projection | null;
  /** A kill, re-arm, mode or limits call is on its way. */
  busy: boolean;
  /** The last refusal of a limits change, shown under the editor (the previous values stay). */
  limitsError: string | null;
}

export const useRisk = create<RiskStore>()(() => ({ state: null, events: [], projection: null, busy: false, limitsError: null }));

export function applyRiskState(state: RiskState): void {
  const cur = useRisk.getState().state;
  // States cross the wire in order, but an answer may come after a newer event: keep the newest.
  if (cur && cur.updatedAt > state.updatedAt) return;
  useRisk.setState({ state });
}

export function addRiskEvent(event: RiskEvent): void {
  const events = useRisk.getState().events;
  if (event.seq !== null && events.some((e) => e.seq === event.seq)) return;
  useRisk.setState({ events: [event, ...events].slice(0, MAX_EVENTS) });
}

/** The log read from the audit log: merged with whatever events arrived meanwhile, newest first. */
export function setRiskEvents(loaded: readonly RiskEvent[]): void {
  const live = useRisk.getState().events;
  const seen = new Set(loaded.map((e) => e.seq).filter((s) => s !== null));
  const merged = [...live.filter((e) => e.seq === null || !seen.has(e.seq)), ...loaded].sort((a, b) => b.ts - a.ts || (b.seq ?? 0) - (a.seq ?? 0));
  useRisk.setState({ events: merged.slice(0, MAX_EVENTS) });
}
