// A per-symbol order book that follows the last trade price. Its shape (gaps between levels and their
// sizes) comes from a real Binance BTCUSDT depth snapshot; each sync recentres it on the price and nudges a
// few sizes, and what changed goes out as one diff with consecutive update ids. Snapshots and diffs come
// from the same state, so a client doing Binance's snapshot-plus-diff dance ends on the server's book.
import { readFileSync } from 'node:fs';
import { dataFile, decimalsOf } from './market-data.ts';
import { fmt, type SymbolSpec } from './symbols.ts';

interface Shape {
  /** Distance of each level from the best price, in units of the source's 0.1 tick. */
  offsets: number[];
  qtys: number[];
}

let shapeCache: Shape | undefined;

function realShape(): Shape {
  if (shapeCache) return shapeCache;
  const rows = readFileSync(dataFile('nautilus_binance_btcusdt-depth-snap.csv'), 'utf8').trim().split('\n').slice(1);
  const bids = rows.map((r) => r.split(',')).filter((c) => c[4] === 'b').map((c) => [Number(c[6]), Number(c[7])] as const);
  const best = bids[0]![0];
  shapeCache = { offsets: bids.map(([p]) => Math.round((best - p) * 10)), qtys: bids.map(([, q]) => q) };
  return shapeCache;
}

export type Level = [price: string, qty: string];

export interface BookDiff {
  firstUpdateId: number;
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

export class OrderBook {
  readonly spec: SymbolSpec;
  updateId: number;
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  /** Size multipliers per level, nudged a few at a time so sizes drift like a real book. */
  private readonly bidMult: number[];
  private readonly askMult: number[];
  private seed: number;
  private price = NaN;

  constructor(spec: SymbolSpec, initialPrice: number) {
    this.spec = spec;
    this.updateId = 40_000_000_000 + (spec.tradeIdBase % 1_000_000);
    const n = realShape().offsets.length;
    this.bidMult = new Array<number>(n).fill(1);
    this.askMult = new Array<number>(n).fill(1);
    this.seed = spec.tradeIdBase % 2_147_483_647 || 1;
    this.recentre(initialPrice);
  }

  /** Moves the book to `price`; returns the diff (null when nothing changed). Each call is one update id. */
  sync(price: number): BookDiff | null {
    const beforeBids = new Map(this.bids);
    const beforeAsks = new Map(this.asks);
    for (let k = 0; k < 5; k++) {
      const side = this.random() < 0.5 ? this.bidMult : this.askMult;
      side[Math.floor(this.random() * side.length)] = 0.3 + this.random() * 1.4;
    }
    this.recentre(price);
    const bids = diffSide(beforeBids, this.bids);
    const asks = diffSide(beforeAsks, this.asks);
    if (bids.length === 0 && asks.length === 0) return null;
    const first = this.updateId + 1;
    this.updateId = first;
    return { firstUpdateId: first, lastUpdateId: first, bids, asks };
  }

  /** The best `limit` levels per side: bids high to low, asks low to high. */
  snapshot(limit: number): { lastUpdateId: number; bids: Level[]; asks: Level[] } {
    const bids = [...this.bids].sort((a, b) => b[0] - a[0]).slice(0, limit);
    const asks = [...this.asks].sort((a, b) => a[0] - b[0]).slice(0, limit);
    const level = ([p, q]: [number, number]): Level => [fmt(p), fmt(q)];
    return { lastUpdateId: this.updateId, bids: bids.map(level), asks: asks.map(level) };
  }

  best(): { bid: Level; ask: Level } {
    const s = this.snapshot(1);
    return { bid: s.bids[0]!, ask: s.asks[0]! };
  }

  private recentre(price: number): void {
    this.price = price;
    const { tick, step } = this.spec;
    const { offsets, qtys } = realShape();
    // The source's levels are 0.1 apart at ~20,000 USDT: keep that relative spacing at this price.
    const ticksPerUnit = Math.max(1, Math.round((this.price / 20_000) * 10));
    const sizeScale = 20_000 / this.price;
    const decimals = decimalsOf(tick);
    const bestBid = Number((Math.round(price / tick) * tick).toFixed(decimals));
    const bestAsk = Number((bestBid + tick).toFixed(decimals));
    const qtyDecimals = decimalsOf(step);
    const sized = (q: number, mult: number) => Math.max(step, Number((q * sizeScale * mult).toFixed(qtyDecimals)));
    this.bids.clear();
    this.asks.clear();
    offsets.forEach((off, i) => {
      this.bids.set(Number((bestBid - off * ticksPerUnit * tick).toFixed(decimals)), sized(qtys[i]!, this.bidMult[i]!));
      this.asks.set(Number((bestAsk + off * ticksPerUnit * tick).toFixed(decimals)), sized(qtys[qtys.length - 1 - i]!, this.askMult[i]!));
    });
  }

  private random(): number {
    // Park-Miller: deterministic sizes per symbol.
    this.seed = (this.seed * 48_271) % 2_147_483_647;
    return this.seed / 2_147_483_647;
  }
}

function diffSide(before: Map<number, number>, after: Map<number, number>): Level[] {
  const out: Level[] = [];
  for (const p of before.keys()) if (!after.has(p)) out.push([fmt(p), fmt(0)]);
  for (const [p, q] of after) if (before.get(p) !== q) out.push([fmt(p), fmt(q)]);
  return out;
}
