// The StrategyContext over the one ExecutionEngine: what a strategy does becomes an engine.place() with
// origin { kind: 'strategy', id }, through the risk gate, exactly as an order from the UI. Used by the
// backtest runner and by the live StrategyRunner alike; only who drives the bars differs.
import { SymbolSchema } from '../../shared/contract/schemas.ts';
import { decFromNumber, floorToFromNumber, format, toNumber, type Dec } from '../../shared/trading/decimal.ts';
import type { Origin } from '../../shared/trading/orders.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import type { MarketRules } from '../trading/market-rules.ts';
import { OrderRefusedError } from '../trading/order-refused.ts';
import type { BarHistory, JournaledSignal, SeriesView, StrategyContext } from './strategy.ts';

/** Where journaled signals come from (the SQLite signals table, or a list in tests). */
export interface SignalSource {
  /** Signals of `kind` for `symbol`, oldest first. */
  load(kind: string, symbol: string): readonly JournaledSignal[];
}

export const NO_SIGNALS: SignalSource = { load: () => [] };

export interface EngineContextOptions {
  id: string;
  symbol: string;
  engine: ExecutionEngine;
  rules: MarketRules;
  history: BarHistory;
  /** Market time. */
  now: () => number;
  /** Share of equity the strategy may hold in the market (the risk mode's position budget), 0..1. */
  positionShare: number;
  /** Taker fee and slippage as fractions, to size a buy that the cash can pay for. */
  takerFee: number;
  slippage: number;
  signals?: SignalSource;
  /** An order the engine or the risk gate refused, and a strategy's note. */
  onRefusal?: (message: string) => void;
  onNote?: (message: string) => void;
}

const EMPTY: readonly JournaledSignal[] = Object.freeze([]);

export class EngineStrategyContext implements StrategyContext {
  readonly id: string;
  readonly symbol: string;
  readonly bars: BarHistory;
  readonly indicators: readonly SeriesView[];
  readonly #engine: ExecutionEngine;
  readonly #origin: Origin;
  readonly #ledger: string;
  readonly #placeOptions: { readonly ledger: string };
  /** The symbol passes the order schema, so the orders built here need no schema parse (see ExecutionEngine.placeExact). */
  readonly #wellFormed: boolean;
  readonly #step: Dec;
  readonly #minQty: Dec;
  readonly #minNotional: number;
  readonly #now: () => number;
  readonly #share: number;
  readonly #costFactor: number;
  readonly #signals: SignalSource;
  readonly #signalCursors = new Map<string, { list: readonly JournaledSignal[]; next: number }>();
  readonly #onRefusal: (message: string) => void;
  readonly #onNote: (message: string) => void;
  /** The last quantity maxBuyQty answered, exact and as a number: buy(that number) skips re-parsing it. */
  #sizedQty: Dec = 0n;
  #sizedQtyN = Number.NaN;
  /** Ids of this strategy's orders that may still be open. */
  #working: string[] = [];
  /**
   * How many of #working are in use: the list is compacted by count, not by length, since emptying an
   * array gives its storage back and the next push allocates anew, once per order in a backtest.
   */
  #workingCount = 0;

  constructor(o: EngineContextOptions) {
    this.id = o.id;
    this.symbol = o.symbol;
    this.bars = o.history;
    this.indicators = o.history.indicators;
    this.#engine = o.engine;
    this.#origin = Object.freeze({ kind: 'strategy', id: o.id });
    this.#ledger = `strategy:${o.id}`;
    this.#placeOptions = Object.freeze({ ledger: this.#ledger });
    this.#wellFormed = SymbolSchema.safeParse(o.symbol).success;
    this.#step = o.rules.stepSize;
    this.#minQty = o.rules.minQty;
    this.#minNotional = toNumber(o.rules.minNotional);
    this.#now = o.now;
    this.#share = o.positionShare;
    this.#costFactor = (1 + o.takerFee) * (1 + o.slippage);
    this.#signals = o.signals ?? NO_SIGNALS;
    this.#onRefusal = o.onRefusal ?? (() => {});
    this.#onNote = o.onNote ?? (() => {});
  }

  now(): number {
    return this.#now();
  }

  position(): number {
    // The portfolio's float mirror of the exact quantity: toNumber of it, kept at each fill.
    return this.#engine.portfolio.qtyFloat(this.symbol, this.#ledger);
  }

  hasOpenOrders(): boolean {
    const w = this.#working;
    const n = this.#workingCount;
    if (n === 0) return false;
    let j = 0;
    for (let i = 0; i < n; i++) if (this.#engine.openOrder(w[i]!) !== null) w[j++] = w[i]!;
    for (let i = j; i < n; i++) w[i] = '';
    this.#workingCount = j;
    return j > 0;
  }

  maxBuyQty(price: number): number {
    if (!(price > 0)) return 0;
    const pf = this.#engine.portfolio;
    const equity = pf.equityFloat();
    const held = this.position() * price;
    const budget = Math.min(equity * this.#share - held, pf.cashFloat());
    if (!(budget > 0)) return 0;
    const raw = budget / (price * this.#costFactor);
    // Clearly below the market's minimum order value (the quantity floored to the step can only be
    // smaller, and the float products are within a few ulps): nothing to buy, and no decimals needed.
    if (raw * price < this.#minNotional * (1 - 1e-9)) return 0;
    const exact = floorToFromNumber(raw, this.#step);
    const qty = toNumber(exact);
    // Below the market's minimum order: nothing to buy (the venue would refuse it).
    if (!(exact >= this.#minQty && qty * price >= this.#minNotional)) return 0;
    this.#sizedQty = exact;
    this.#sizedQtyN = qty;
    return qty;
  }

  buy(qty: number): boolean {
    return this.#market('buy', qty, false);
  }

  sell(qty: number): boolean {
    const pos = this.#exactPosition();
    return this.#market('sell', qty, pos > 0n && decFromNumber(qty) <= pos);
  }

  closePosition(): boolean {
    const pos = this.#exactPosition();
    if (pos === 0n) return false;
    return this.#place(pos > 0n ? 'sell' : 'buy', pos > 0n ? pos : -pos, true);
  }

  takeSignals(kind: string): readonly JournaledSignal[] {
    const cur = this.#cursor(kind);
    const now = this.#now();
    const start = cur.next;
    let end = start;
    while (end < cur.list.length && cur.list[end]!.ts <= now) end++;
    if (end === start) return EMPTY;
    cur.next = end;
    return cur.list.slice(start, end);
  }

  hasSignals(kind: string): boolean {
    return this.#cursor(kind).list.length > 0;
  }

  signal(kind: string, payload?: unknown): void {
    this.#engine.recordSignal(this.#origin, this.symbol, kind, payload);
  }

  note(message: string): void {
    this.#onNote(message);
  }

  #cursor(kind: string): { list: readonly JournaledSignal[]; next: number } {
    let cur = this.#signalCursors.get(kind);
    if (!cur) {
      cur = { list: this.#signals.load(kind, this.symbol), next: 0 };
      this.#signalCursors.set(kind, cur);
    }
    return cur;
  }

  #exactPosition(): Dec {
    return this.#engine.portfolio.qty(this.symbol, this.#ledger);
  }

  #market(side: 'buy' | 'sell', qty: number, reduceOnly: boolean): boolean {
    if (!(qty > 0) || !Number.isFinite(qty)) {
      this.#onRefusal(`${this.id}: ${side} quantity must be a number above 0, got ${qty}`);
      return false;
    }
    const d = qty === this.#sizedQtyN ? this.#sizedQty : floorToFromNumber(qty, this.#step);
    if (d < this.#minQty) {
      this.#onRefusal(`${this.id}: ${side} of ${qty} is below the minimum quantity ${format(this.#minQty)} for ${this.symbol}`);
      return false;
    }
    return this.#place(side, d, reduceOnly);
  }

  #place(side: 'buy' | 'sell', qty: Dec, reduceOnly: boolean): boolean {
    try {
      // What the schema would make of the request, built directly; a quantity it would refuse (0, with a
      // market minimum of 0) or a malformed symbol goes through the schema, which says so.
      const rec =
        this.#wellFormed && qty > 0n
          ? this.#engine.placeExact({ symbol: this.symbol, side, type: 'market', timeInForce: 'GTC', reduceOnly, postOnly: false }, qty, this.#origin, this.#placeOptions)
          : this.#engine.place({ symbol: this.symbol, side, type: 'market', qty: format(qty), reduceOnly }, this.#origin);
      if (rec.status === 'rejected') {
        this.#onRefusal(`${this.id}: ${side} ${format(qty)} ${this.symbol} refused: ${rec.reason ?? 'by the risk gate'}`);
        return false;
      }
      this.#working[this.#workingCount++] = rec.id;
      return true;
    } catch (err) {
      if (err instanceof OrderRefusedError) {
        this.#onRefusal(`${this.id}: ${side} ${format(qty)} ${this.symbol} refused: ${err.refusal.message}`);
        return false;
      }
      throw err;
    }
  }
}
