// The account's exposure as the exposure rules see it: every (symbol, ledger) position together with the
// orders resting at the venue that could add to it, worst case (max(|position + buys|, |position − sells|)),
// valued at the symbol's last price. Computed once per check and shared by the rules that need it (total
// exposure, concurrent positions, leverage, correlated exposure): the gate hands every rule the same
// context object, so the snapshot is keyed on it.
//
// Floats on purpose: 100 positions are summed in about a microsecond, and a limit compared within a
// part in 10^15 is the limit. The exact bigint quantity of each position is turned into a float only when
// it changed (cached per position slot).
import { toNumber } from '../../shared/trading/decimal.ts';
import { figuresOf } from './order-figures.ts';
import type { PendingBook, PendingSide } from './pending-book.ts';
import type { RiskContext, RiskOrder, RiskPosition } from './risk-gate.ts';

export interface ExposureSnapshot {
  /** Σ worst-case exposure, quote asset. */
  total: number;
  /** (symbol, ledger) pairs with a position or exposure-adding orders. */
  count: number;
  /**
   * The largest worst-case exposure of one (symbol, ledger) pair, quote asset: what the max-position-notional
   * rule holds to its limit (a position with its open orders on the side that grows it).
   */
  largest: number;
  /** Worst-case exposure per symbol id (all ledgers); valid at the ids in `symbols`. */
  bySymbol: Float64Array;
  symbols: number[];
}

/** What one order does to its own (symbol, ledger): worst-case exposure before and after, quote asset. */
export interface OrderExposure {
  symbolId: number;
  before: number;
  after: number;
  /** The same as quantities (whether the pair holds anything, whatever the price). */
  beforeQty: number;
  afterQty: number;
  /** The price the exposure is valued at. */
  price: number;
}

export interface SymbolIds {
  find(symbol: string): number;
}

function worst(qty: number, side: PendingSide | undefined): number {
  if (!side) return qty < 0 ? -qty : qty;
  const up = qty + side.buyF;
  const down = qty - side.sellF;
  const a = up < 0 ? -up : up;
  const b = down < 0 ? -down : down;
  return a > b ? a : b;
}

export class ExposureMeter {
  readonly #book: PendingBook;
  readonly #symbols: SymbolIds;
  #ctx: RiskContext | null = null;
  #snap: ExposureSnapshot = { total: 0, count: 0, largest: 0, bySymbol: new Float64Array(64), symbols: [] };
  #effectCtx: RiskContext | null = null;
  #effectOrder: RiskOrder | null = null;
  #effectVersion = -1;
  /** One object, rewritten for each check's order (the rules read it at once): no allocation per check. */
  readonly #effect: OrderExposure = { symbolId: -1, before: 0, after: 0, beforeQty: 0, afterQty: 0, price: 0 };
  // Float quantity per position slot, and the exact quantity it was made from.
  readonly #qtyOf: bigint[] = [];
  #qtyF = new Float64Array(64);

  constructor(book: PendingBook, symbols: SymbolIds) {
    this.#book = book;
    this.#symbols = symbols;
  }

  /** The account before the order (memoized per check). */
  snapshot(ctx: RiskContext): ExposureSnapshot {
    if (this.#ctx === ctx) return this.#snap;
    const snap = this.#snap;
    if (snap.symbols.length !== 0) {
      for (const id of snap.symbols) snap.bySymbol[id] = 0;
      // Setting an array's length is a call into the runtime, even to the length it has: only when needed.
      snap.symbols.length = 0;
    }
    snap.total = 0;
    snap.count = 0;
    snap.largest = 0;
    const account = ctx.account;
    const book = this.#book;
    const positions = account.positions();
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      const side = book.side(p.symbol, p.ledger);
      if (p.qty === 0n && side === undefined) continue;
      const w = worst(this.#float(p), side);
      if (w === 0) continue;
      let price = account.markOf(p.symbolId);
      // No price yet (just restarted): value it at its average entry.
      if (price !== price) price = p.qty === 0n ? 0 : Math.abs(toNumber(p.costBasis) / this.#float(p));
      this.#add(snap, p.symbolId, w * price);
    }
    if (book.size > 0) {
      book.forEachKey((symbol, ledger, side) => {
        if (account.position(symbol, ledger) !== undefined) return;
        const id = this.#symbols.find(symbol);
        const price = id === -1 ? Number.NaN : account.markOf(id);
        this.#add(snap, id, worst(0, side) * (price === price ? price : 0));
      });
    }
    this.#ctx = ctx;
    return snap;
  }

  /**
   * The order's own (symbol, ledger), before and after it. Four rules ask within one check: memoized on
   * the check's order and context (and the book's version), like the snapshot. The object is the meter's
   * own, rewritten by the next order's check: read it, do not keep it.
   */
  orderEffect(order: RiskOrder, ctx: RiskContext): Readonly<OrderExposure> {
    const e = this.#effect;
    if (this.#effectCtx === ctx && this.#effectOrder === order && this.#effectVersion === this.#book.version) return e;
    this.#orderEffect(order, ctx, e);
    this.#effectCtx = ctx;
    this.#effectOrder = order;
    this.#effectVersion = this.#book.version;
    return e;
  }

  #orderEffect(order: RiskOrder, ctx: RiskContext, out: OrderExposure): void {
    const f = figuresOf(order, ctx);
    const q = f.positionQty;
    const side = this.#book.side(order.symbol, order.ledger);
    const before = worst(q, side);
    const dq = f.qty;
    const buys = (side?.buyF ?? 0) + (order.side === 'buy' ? dq : 0);
    const sells = (side?.sellF ?? 0) + (order.side === 'sell' ? dq : 0);
    const up = Math.abs(q + buys);
    const down = Math.abs(q - sells);
    const after = up > down ? up : down;
    const symbolId = this.#symbols.find(order.symbol);
    let price = symbolId === -1 ? Number.NaN : ctx.account.markOf(symbolId);
    if (price !== price) price = f.refPrice;
    out.symbolId = symbolId;
    out.before = before * price;
    out.after = after * price;
    out.beforeQty = before;
    out.afterQty = after;
    out.price = price;
  }

  #add(snap: ExposureSnapshot, id: number, value: number): void {
    snap.total += value;
    snap.count++;
    if (value > snap.largest) snap.largest = value;
    if (id < 0 || !(value > 0)) return;
    if (id >= snap.bySymbol.length) {
      const grown = new Float64Array(Math.max(id + 1, snap.bySymbol.length * 2));
      grown.set(snap.bySymbol);
      snap.bySymbol = grown;
    }
    if (snap.bySymbol[id] === 0) snap.symbols.push(id);
    snap.bySymbol[id] = snap.bySymbol[id]! + value;
  }

  #float(p: RiskPosition): number {
    const i = p.index;
    if (this.#qtyOf[i] === p.qty) return this.#qtyF[i]!;
    if (i >= this.#qtyF.length) {
      const grown = new Float64Array(Math.max(i + 1, this.#qtyF.length * 2));
      grown.set(this.#qtyF);
      this.#qtyF = grown;
    }
    const f = toNumber(p.qty);
    this.#qtyOf[i] = p.qty;
    this.#qtyF[i] = f;
    return f;
  }
}
