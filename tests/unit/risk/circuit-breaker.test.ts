// The circuit breaker against a broker that fails: repeated errors or a lost connection halt new orders,
// set the status to error and raise an alert; it closes only after the exchange answers and a
// reconciliation passes. Opening it pulls the kill switch (which the user re-arms).
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../electron/risk/circuit-breaker.ts';
import type { Broker, VenueHealth } from '../../../electron/trading/broker.ts';
import { riskRig } from './risk-rig.ts';

const USER = { kind: 'user' } as const;

/** The paper broker with a venue-health line the test pulls, as a live broker reports. */
function failingBroker() {
  let report: ((h: VenueHealth) => void) | null = null;
  const wrap = (b: Broker): Broker =>
    Object.assign(Object.create(b) as Broker, {
      info: b.info,
      connect: b.connect.bind(b),
      submit: b.submit.bind(b),
      cancel: b.cancel.bind(b),
      modify: b.modify.bind(b),
      restore: b.restore.bind(b),
      close: b.close.bind(b),
      onVenueHealth: (l: (h: VenueHealth) => void) => void (report = l),
    });
  return { wrap, say: (h: VenueHealth) => report!(h) };
}

describe('the circuit breaker', () => {
  it('moves closed → open (after N errors or a disconnect) → recovering (an answer) → closed (reconciled)', () => {
    const seen: string[] = [];
    const cb = new CircuitBreaker({ errorThreshold: 3, onChange: (s) => seen.push(s.state) });
    cb.report({ kind: 'error', ts: 1, message: 'timeout' });
    cb.report({ kind: 'ok', ts: 2 });
    cb.report({ kind: 'error', ts: 3, message: 'timeout' });
    cb.report({ kind: 'error', ts: 4, message: 'timeout' });
    expect(cb.state.state).toBe('closed');
    cb.report({ kind: 'error', ts: 5, message: '502 Bad Gateway' });
    expect(cb.state).toMatchObject({ state: 'open', reason: '3 exchange errors in a row, the last: 502 Bad Gateway', since: 5 });
    cb.report({ kind: 'reconciled', ts: 6, ok: false, message: 'could not read orders' });
    expect(cb.state.state).toBe('open');
    cb.report({ kind: 'ok', ts: 7 });
    expect(cb.state.state).toBe('recovering');
    cb.report({ kind: 'error', ts: 8, message: 'again' });
    expect(cb.state.state).toBe('open');
    cb.report({ kind: 'ok', ts: 9 });
    cb.report({ kind: 'reconciled', ts: 10, ok: true, message: '' });
    expect(cb.state.state).toBe('closed');
    cb.report({ kind: 'disconnected', ts: 11, message: 'socket closed' });
    expect(cb.state).toMatchObject({ state: 'open', reason: 'connection to the exchange lost: socket closed' });
    expect(seen).toEqual(['open', 'recovering', 'open', 'recovering', 'closed', 'open']);
  });

  it('through the gate: halts new orders, status error, alert event, kill switch; resumes only after reconciliation and re-arm', () => {
    const venue = failingBroker();
    const r = riskRig({ wrapBroker: venue.wrap, circuitErrorThreshold: 2 });
    r.tick('BTC/USDT', 1_000, 100);
    const resting = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90' }, USER);
    venue.say({ kind: 'error', ts: 2_000, message: 'ETIMEDOUT' });
    venue.say({ kind: 'error', ts: 2_100, message: 'ECONNRESET' });
    expect(r.risk.state()).toMatchObject({ status: 'error', circuit: { state: 'open' }, kill: { engaged: true, via: 'circuit-breaker' } });
    expect(r.engine.openOrder(resting.id)).toBeNull();
    const alert = r.of('risk.event').find((e) => e.kind === 'circuit')!;
    expect(alert).toMatchObject({ level: 'alert', rule: 'circuit-breaker' });
    expect(alert.message).toMatch(/2 exchange errors in a row, the last: ECONNRESET/);
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90' }, USER).reason).toMatch(/kill-switch|circuit-breaker/);
    // Re-arming is refused while the exchange is not back.
    expect(() => r.risk.rearm('user', 'ui')).toThrow(/circuit breaker is open/);
    venue.say({ kind: 'ok', ts: 3_000 });
    expect(r.risk.state().circuit.state).toBe('recovering');
    expect(() => r.risk.rearm('user', 'ui')).toThrow(/recovering/);
    venue.say({ kind: 'reconciled', ts: 3_100, ok: true, message: 'all orders match' });
    expect(r.risk.state()).toMatchObject({ status: 'halted', circuit: { state: 'closed' } });
    r.risk.rearm('user', 'ui');
    expect(r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90' }, USER).status).toBe('accepted');
    expect(r.audit.filter((a) => a.action === 'risk.circuit')).toHaveLength(3);
  });
});
