// Property tests: random streams of orders, cancels and price moves (fills happen on the moves) against
// the whole stack (risk service, gate, paper broker, engine), checked by an observer that computes what it
// needs from the engine's public state, not from the risk room's own meters. 10,000 cases in all, each a
// few steps, so the run takes seconds.
//
// What holds whatever happens:
// - the number of positions (counting resting orders that would open one) never exceeds the cap;
// - no order or fill takes worst-case exposure past the cap at the prices of the moment (only a price move
//   can carry an account past it, and a move never grows the worst-case quantities);
// - once the day's loss reaches the limit, no new entry is accepted;
// - after the kill switch, no order is open (with flatten, once the closing orders have met a price).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNumber } from '../../../shared/trading/decimal.ts';
import type { Origin } from '../../../shared/trading/orders.ts';
import { riskRig } from './risk-rig.ts';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'] as const;
const BASE = [100, 50, 20];
const LEDGERS: Origin[] = [{ kind: 'user' }, { kind: 'strategy', id: 's1' }];
const T0 = Date.UTC(2024, 5, 3, 1, 0, 0);

type Step =
  | { kind: 'order'; s: number; side: 'buy' | 'sell'; market: boolean; qty: number; off: number; who: number }
  | { kind: 'move'; s: number; pct: number }
  | { kind: 'cancel'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('order' as const), s: fc.nat(2), side: fc.constantFrom('buy' as const, 'sell' as const), market: fc.boolean(), qty: fc.integer({ min: 1, max: 40 }), off: fc.integer({ min: -5, max: 5 }), who: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), s: fc.nat(2), pct: fc.integer({ min: -8, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }) },
);

/** Worst-case quantity per (symbol, ledger) from the engine's open orders and positions. */
function worstQuantities(r: ReturnType<typeof riskRig>): Map<string, number> {
  const buys = new Map<string, number>();
  const sells = new Map<string, number>();
  const pos = new Map<string, number>();
  for (const o of r.engine.openOrders()) {
    if (o.reduceOnly) continue;
    const key = `${o.symbol}|${o.ledger}`;
    const rest = toNumber(o.qty - o.filledQty);
    const m = o.side === 'buy' ? buys : sells;
    m.set(key, (m.get(key) ?? 0) + rest);
  }
  for (const p of r.engine.portfolio.positions()) pos.set(`${p.symbol}|${p.ledger}`, toNumber(p.qty));
  const out = new Map<string, number>();
  for (const key of new Set([...buys.keys(), ...sells.keys(), ...pos.keys()])) {
    const q = pos.get(key) ?? 0;
    const w = Math.max(Math.abs(q + (buys.get(key) ?? 0)), Math.abs(q - (sells.get(key) ?? 0)));
    if (w > 1e-12) out.set(key, w);
  }
  return out;
}

/** A ledger's position plus its open orders that could add to it, signed. */
function netOf(r: ReturnType<typeof riskRig>, symbol: string, ledger: string): number {
  let net = toNumber(r.engine.portfolio.qty(symbol, ledger));
  for (const o of r.engine.openOrders()) if (o.symbol === symbol && o.ledger === ledger && !o.reduceOnly) net += (o.side === 'buy' ? 1 : -1) * toNumber(o.qty - o.filledQty);
  return net;
}

function exposureAt(worst: Map<string, number>, prices: number[]): number {
  let e = 0;
  for (const [key, w] of worst) e += w * prices[SYMBOLS.indexOf(key.split('|')[0] as (typeof SYMBOLS)[number])]!;
  return e;
}

function play(r: ReturnType<typeof riskRig>, prices: number[], s: Step, t: number): { placed?: { status: string; reason: string | null } } {
  if (s.kind === 'move') {
    prices[s.s] = Math.max(1, Math.round(prices[s.s]! * (1 + s.pct / 100) * 100) / 100);
    r.tick(SYMBOLS[s.s]!, t, prices[s.s]!);
    return {};
  }
  if (s.kind === 'cancel') {
    const open = r.engine.openOrders();
    if (open.length) r.engine.cancel(open[s.pick % open.length]!.id);
    return {};
  }
  const price = Math.round(prices[s.s]! * (1 + s.off / 100) * 100) / 100;
  try {
    const o = r.engine.place({ symbol: SYMBOLS[s.s]!, side: s.side, type: s.market ? 'market' : 'limit', qty: String(s.qty / 10), ...(s.market ? {} : { price: price.toFixed(2) }) }, LEDGERS[s.who]!);
    return { placed: { status: o.status, reason: o.reason } };
  } catch {
    return {}; // refused by validation (cash, holdings): nothing was sent
  }
}

function start(limits: Parameters<typeof riskRig>[0]) {
  const r = riskRig({ quiet: true, accountMode: 'margin', ...limits });
  const prices = [...BASE];
  SYMBOLS.forEach((s, i) => r.tick(s, T0, prices[i]!));
  return { r, prices };
}

describe('risk properties', () => {
  it('positions and exposure never pass their caps through orders or fills (4,000 streams)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 200, max: 3000 }), (steps, maxPositions, maxExposure) => {
        const { r, prices } = start({ limits: { maxConcurrentPositions: maxPositions, maxTotalExposure: maxExposure } });
        let t = T0;
        for (const s of steps) {
          t += 1000;
          const before = worstQuantities(r);
          const eBefore = exposureAt(before, prices);
          play(r, prices, s, t);
          const after = worstQuantities(r);
          expect(after.size).toBeLessThanOrEqual(maxPositions);
          if (s.kind === 'move') {
            // A move fills orders: worst-case quantities never grow.
            for (const [key, w] of after) expect(w).toBeLessThanOrEqual((before.get(key) ?? 0) + 1e-9);
          } else {
            const eAfter = exposureAt(after, prices);
            expect(eAfter).toBeLessThanOrEqual(Math.max(maxExposure, eBefore) * (1 + 1e-9) + 1e-9);
          }
        }
      }),
      {
        numRuns: 4000,
        examples: [
          // Found by this test: short 2.2 with a buy of 2.8 resting, a sell of 0.6 "netted" to flat and was let
          // through unchecked, though with the buy cancelled it makes the short 2.8 (exposure 200.6 > 200).
          [
            [
              { kind: 'order', s: 1, side: 'sell', market: false, qty: 22, off: 0, who: 0 },
              { kind: 'move', s: 1, pct: 0 },
              { kind: 'move', s: 0, pct: 1 },
              { kind: 'order', s: 1, side: 'buy', market: false, qty: 28, off: 0, who: 0 },
              { kind: 'order', s: 0, side: 'buy', market: false, qty: 6, off: 0, who: 0 },
              { kind: 'order', s: 1, side: 'sell', market: false, qty: 6, off: 0, who: 0 },
            ],
            2,
            200,
          ],
        ],
      },
    );
  }, 120_000);

  it('once the day has lost the limit, no entry is accepted (3,000 streams)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (steps, limitPct) => {
        const { r, prices } = start({ limits: { dailyLossLimitPct: limitPct } });
        const dayStart = r.engine.portfolio.equityFloat();
        let t = T0;
        for (const s of steps) {
          t += 1000;
          const lossPct = ((dayStart - r.engine.portfolio.equityFloat()) / dayStart) * 100;
          const net = s.kind === 'order' ? netOf(r, SYMBOLS[s.s]!, s.who === 0 ? 'user' : 'strategy:s1') : 0;
          const { placed } = play(r, prices, s, t);
          if (placed && s.kind === 'order' && lossPct >= limitPct && placed.status !== 'rejected') {
            // Past the limit only a reduction may pass: against the ledger's net position, and not through flat.
            const q = s.qty / 10;
            expect(s.side === 'sell' ? net > 0 && q <= net + 1e-12 : net < 0 && q <= -net + 1e-12).toBe(true);
          }
          if (lossPct >= limitPct) expect(r.risk.killEngaged).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it('the kill switch always ends with no open orders (3,000 streams)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 0, maxLength: 8 }), fc.boolean(), (steps, flatten) => {
        const { r, prices } = start({});
        let t = T0;
        for (const s of steps) play(r, prices, s, (t += 1000));
        r.risk.kill({ flatten, actor: 'user', via: 'test' });
        if (!flatten) expect(r.engine.openOrders()).toEqual([]);
        else {
          // The closing orders are market orders: they fill at the next price of each symbol.
          SYMBOLS.forEach((sym, i) => r.tick(sym, (t += 1000), prices[i]!));
          expect(r.engine.openOrders()).toEqual([]);
          expect(r.engine.portfolio.positions().every((p) => p.qty === 0n)).toBe(true);
        }
        // And nothing new gets in until re-armed: an entry away from whatever the user holds.
        const held = r.engine.portfolio.qty('BTC/USDT', 'user');
        const side = held < 0n ? 'sell' : 'buy';
        expect(play(r, prices, { kind: 'order', s: 0, side, market: false, qty: 1, off: side === 'buy' ? -1 : 1, who: 0 }, (t += 1000)).placed?.status).toBe('rejected');
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});
