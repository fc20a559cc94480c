// An order book for the simulated market: best bid and ask a tick or two either side of the last price,
// levels spreading out and thickening with depth, sizes drawn from a generator seeded by the time slot,
// so the same moment always shows the same book. Not a model of liquidity: a plausible picture of one.
import type { BookSnapshot } from '../market-source.ts';
import { roundTo } from './market-model.ts';
import { hashSeed, Random } from './prng.ts';
import type { SimulatedSymbol } from './simulated-symbols.ts';

/** The book changes every this many ms of market time. */
const SLOT_MS = 250;

export function syntheticBook(spec: SimulatedSymbol, seed: number, symbolIndex: number, last: number, t: number, depth: number): BookSnapshot {
  const rng = new Random(hashSeed(seed, symbolIndex, Math.floor(t / SLOT_MS), 0xb00c));
  const tick = spec.tickSize;
  const { bid, ask } = topOfBook(spec, last, rng);
  const unit = spec.volumePerMinute / 40;
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  const size = (k: number) => roundTo(Math.max(spec.stepSize, unit * (0.2 + 0.15 * k) * rng.exponential()), spec.stepSize);
  // Deeper levels sit further apart.
  const gap = (k: number) => tick * (1 + Math.floor(rng.exponential() * (1 + k / 4)));
  let b = bid;
  let a = ask;
  for (let k = 0; k < depth && b > 0; k++) {
    bids.push([b, size(k)]);
    asks.push([a, size(k)]);
    b = roundTo(b - gap(k), tick);
    a = roundTo(a + gap(k), tick);
  }
  return { symbol: spec.symbol, t, bids, asks };
}

/** Best bid and ask around the last price: the last trade sits on one side, the spread is 1 to 3 ticks. */
function topOfBook(spec: SimulatedSymbol, last: number, rng: Random): { bid: number; ask: number } {
  const tick = spec.tickSize;
  const spread = 1 + Math.floor(rng.uniform() * 3);
  const below = Math.floor(rng.uniform() * (spread + 1));
  const bid = roundTo(Math.max(tick, last - below * tick), tick);
  return { bid, ask: roundTo(bid + spread * tick, tick) };
}
