// How a gauge looks: how full, and its tone (calm below 70 % of the limit, warning to 100 %, breached at
// or past it), with the value in words the engine already wrote.
import type { RiskState } from './risk-store.ts';

export type Gauge = RiskState['gauges'][number];
export type GaugeTone = 'ok' | 'warn' | 'breach';

export function gaugeFill(g: Pick<Gauge, 'used' | 'limit'>): number {
  if (!(g.limit > 0) || !Number.isFinite(g.used)) return 0;
  return Math.max(0, Math.min(1, g.used / g.limit));
}

export function gaugeTone(g: Pick<Gauge, 'used' | 'limit'>): GaugeTone {
  if (!(g.limit > 0)) return 'ok';
  const r = g.used / g.limit;
  return r >= 1 ? 'breach' : r >= 0.7 ? 'warn' : 'ok';
}

/** The status line at the top of the panel. */
export function statusLine(state: Pick<RiskState, 'status' | 'kill' | 'circuit'>): { tone: GaugeTone; text: string } {
  if (state.status === 'error') return { tone: 'breach', text: `Exchange circuit breaker ${state.circuit.state}: ${state.circuit.reason ?? 'new orders halted'}` };
  if (state.status === 'halted') return { tone: 'breach', text: `Kill switch engaged${state.kill.via ? ` (${state.kill.via})` : ''}: ${state.kill.reason ?? 'new entries blocked'}` };
  return { tone: 'ok', text: 'Armed: every order passes the risk gate' };
}
