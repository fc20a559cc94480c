// The StrategyContext over the one ExecutionEngine: what a strategy does becomes an engine.place() with
// origin { kind: 'strategy', id }, through the risk gate, exactly as an order from the UI. Used by the
// backtest runner and by the live StrategyRunner alike; only who drives the bars differs.
import { noteText } from './note-text.ts';
import { SymbolSchema } from '../../shared/contract/schemas.ts';
import { DIRECTION_LABELS, type Direction } from '../../shared/domain/direction.ts';
import { exitPrices, hasExits, NO_EXITS, type RunExits } from '../../shared/backtest/run-exits.ts';
import { ceilTo, decFromNumber, exactNumber, floorTo, floorToFromNumber, format, toNumber, type Dec } from '../../shared/trading/decimal.ts';
import { MARKET_MOVE_RATE } from '../../shared/trading/market-move.ts';
import { isOrderTag, ORDER_TAG_VALID, type Bracket, type Origin } from '../../shared/trading/orders.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import type { MarketRules } from '../trading/market-rules.ts';
import { OrderRefusedError } from '../trading/order-refused.ts';
import { costWithFee } from '../trading/validate-order.ts';
import { ENGINE_REFUSAL_KINDS, type OrderRefusalInfo, type RefusalKind } from '../../shared/trading/refusal-kind.ts';
import type { BarHistory, EntryExits, JournaledSignal, OrderOptions, SeriesView, StrategyContext } from './strategy.ts';

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
  /**
   * The mode's risk per trade, percent of equity: an entry with a stop is sized so that what it loses
   * at the stop stays within it, as the risk gate's risk-per-trade rule checks. Absent: no such cap.
   */
  riskPerTradePct?: number | undefined;
  /**
   * The distance to the default stop the gate checks an entry without a stop against, when the limits put
   * it k × ATR away (RiskService.atrStopDistance); null or absent: a percent, which the position share holds.
   */
  atrStop?: ((symbol: string) => number | null) | undefined;
  /** Taker fee and slippage as fractions, to size a buy that the cash can pay for. */
  takerFee: number;
  slippage: number;
  signals?: SignalSource | undefined;
  /** Protective exits for every entry the strategy makes without its own (keel backtest --stop-loss/--take-profit). */
  exits?: RunExits | undefined;
  /** Which sides the strategy may take (StrategyContext.direction); absent: long. Anything else needs a margin account. */
  direction?: Direction | undefined;
  /**
   * An order the engine or the risk gate refused: its words, and what refused it as data (the risk rule's
   * id or the engine's reason, with the order's side and market), so no reader has to find it in the words.
   */
  onRefusal?: (message: string, refusal: OrderRefusalInfo) => void;
  /** A strategy's note. */
  onNote?: (message: string) => void;
}

const EMPTY: readonly JournaledSignal[] = Object.freeze([]);

export class EngineStrategyContext implements StrategyContext {
  readonly id: string;
  readonly symbol: string;
  readonly bars: BarHistory;
  readonly indicators: readonly SeriesView[];
  readonly direction: Direction;
  readonly #engine: ExecutionEngine;
  readonly #origin: Origin;
  readonly #ledger: string;
  readonly #placeOptions: { readonly ledger: string };
  /** The symbol passes the order schema, so the orders built here need no schema parse (see ExecutionEngine.placeExact). */
  readonly #wellFormed: boolean;
  readonly #step: Dec;
  readonly #minQty: Dec;
  readonly #minNotional: number;
  readonly #tick: Dec;
  readonly #exits: RunExits;
  /** The run puts a stop (fixed or trailing) on every entry: entries are sized within the risk to it. */
  readonly #runStop: boolean;
  readonly #atrStop: ((symbol: string) => number | null) | undefined;
  /** The run's exits as every entry's bracket (undefined without any): percents, set from each entry's fill. */
  readonly #runBracket: Bracket | undefined;
  /** The strategy has placed an entry with exits: its closing orders cancel the working ones first. */
  #protected = false;
  readonly #now: () => number;
  readonly #share: number;
  readonly #riskPct: number;
  readonly #costFactor: number;
  readonly #takerFee: number;
  readonly #takerRate: Dec;
  readonly #signals: SignalSource;
  readonly #signalCursors = new Map<string, { list: readonly JournaledSignal[]; next: number }>();
  readonly #onRefusal: (message: string, refusal: OrderRefusalInfo) => void;
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
  /** The last frozen options seen that only tag their order (no exit named): they keep the run's exits. */
  #tagOnly: OrderOptions | null = null;
  /** The last frozen options whose names passed #checkOptions: the same object again is not looked at. */
  #optionsSeen: OrderOptions | null = null;
  /** Tags this strategy has used that passed ORDER_TAG_VALID: each is checked once, not at every order. */
  readonly #tags = new Set<string>();
  /**
   * The stop #withinRisk cut the size being worked out to (NaN when it did not), for #tooSmall's note: a
   * number, its words built only for the note (built at every sizing, they cost the bench's run at the
   * defaults 21,000 template strings).
   */
  #riskCutAt = Number.NaN;
  /**
   * What equity × position share (less what it holds) would have let the latest entry sized take, when the
   * account's free cash was less, and so sized it: another strategy's position holding the cash, say. NaN
   * when the share sized it. The too-small note then blames the cash, not the equity or the mode.
   */
  #cashCutShare = Number.NaN;
  /** The kinds of unsizable price or stop already noted (#unsizable): each once a run, not at every bar. */
  readonly #unsizableTold = new Set<string>();
  /** Whether the note that an entry from flat is sized below the market's smallest order was given: once a run. */
  #tooSmallTold = false;

  constructor(o: EngineContextOptions) {
    this.id = o.id;
    this.symbol = o.symbol;
    this.bars = o.history;
    this.indicators = o.history.indicators;
    this.direction = o.direction ?? 'long';
    if (this.direction !== 'long' && o.engine.mode !== 'margin') {
      throw new RangeError(`${o.id}: ${DIRECTION_LABELS[this.direction]} needs a margin account (shorts are sold with 1× collateral); the ${o.engine.account} account is spot, so trade long only there`);
    }
    this.#engine = o.engine;
    this.#origin = Object.freeze({ kind: 'strategy', id: o.id });
    this.#ledger = `strategy:${o.id}`;
    this.#placeOptions = Object.freeze({ ledger: this.#ledger });
    this.#wellFormed = SymbolSchema.safeParse(o.symbol).success;
    this.#step = o.rules.stepSize;
    this.#minQty = o.rules.minQty;
    this.#minNotional = toNumber(o.rules.minNotional);
    this.#tick = o.rules.tickSize;
    this.#exits = o.exits ?? NO_EXITS;
    this.#runStop = this.#exits.stopLossPct !== null || (this.#exits.trailingStopPct ?? null) !== null;
    this.#atrStop = o.atrStop;
    this.#runBracket = runBracket(this.#exits);
    this.#now = o.now;
    this.#share = o.positionShare;
    this.#riskPct = o.riskPerTradePct ?? Number.NaN;
    this.#costFactor = (1 + o.takerFee) * (1 + o.slippage);
    this.#takerFee = o.takerFee;
    this.#takerRate = decFromNumber(o.takerFee);
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

  maxBuyQty(price: number, stopLoss?: number): number {
    if (this.direction === 'short') return this.#offSide('maxBuyQty');
    if (!isPrice(price) || (stopLoss !== undefined && !(isPrice(stopLoss) && stopLoss < price))) return this.#unsizable('maxBuyQty', price, stopLoss, true);
    this.#riskCutAt = Number.NaN;
    const pf = this.#engine.portfolio;
    const equity = pf.equityFloat();
    const held = this.position() * price;
    const spot = this.direction === 'long';
    const free = spot ? pf.cashFloat() - this.#engine.heldByOrdersFloat() : this.#marginFree();
    const share = equity * this.#share - held;
    // On spot, what the cash buys is sized with the move allowance left over (market-move.ts): the entry
    // fills at the next price, and all-in to the cent at this one, a fill a tick higher costs more than the
    // cash (a venue refuses it; the paper venue cuts it to what the cash pays for). Only where the cash,
    // not the position share, sets the size: a share below the cash needs no headroom.
    // A margin account's long spends its cash too (1× collateral, nothing borrowed): the same allowance.
    const budget = Math.min(share, free / (1 + MARKET_MOVE_RATE));
    this.#cashCutShare = free < share * (1 - 1e-9) ? share : Number.NaN;
    if (!(budget > 0)) return 0;
    let raw = budget / (price * this.#costFactor);
    // Out of line: most runs have no stop, and this runs on every entry.
    if (stopLoss !== undefined || this.#runStop) raw = this.#withinRisk(raw, price, equity, stopLoss, true);
    else if (this.#atrStop !== undefined) raw = this.#withinAtrStop(raw, price, equity, true);
    const qty = this.#sized(raw, price);
    // A spot buy the whole cash pays for: the float quotient can land an ulp above a step, and the risk
    // gate's exact sum then finds the entry a few millionths past the cash. Checked exactly, and only
    // when the cost is that close to the cash, so the common path stays in floats.
    if (qty > 0 && this.direction === 'long' && qty * price * (1 + this.#takerFee) > free - Math.max(free * 1e-12, 1e-7)) {
      return this.#withinCash(price);
    }
    return qty;
  }

  /** `raw` held to the risk per trade against the ATR default stop, when the limits size on one (atrStop). */
  #withinAtrStop(raw: number, price: number, equity: number, long: boolean): number {
    const d = this.#atrStop!(this.symbol);
    if (d === null || !(d > 0) || (long && !(d < price))) return raw;
    return this.#withinRisk(raw, price, equity, long ? price - d : price + d, long);
  }

  /** The sized quantity, a step less when its exact cost with the fee is above the exact cash; 0 when that is below the market's minimum. */
  #withinCash(price: number): number {
    const cash = this.#engine.portfolio.cash;
    const at = decFromNumber(price);
    let exact = this.#sizedQty;
    while (exact > 0n && costWithFee(exact, at, this.#takerRate) > cash) exact -= this.#step;
    return this.#kept(exact, toNumber(exact), price);
  }

  maxSellQty(price: number, stopLoss?: number): number {
    if (this.direction === 'long') return this.#offSide('maxSellQty');
    if (!isPrice(price) || (stopLoss !== undefined && !(isPrice(stopLoss) && stopLoss > price))) return this.#unsizable('maxSellQty', price, stopLoss, false);
    this.#riskCutAt = Number.NaN;
    const pf = this.#engine.portfolio;
    const equity = pf.equityFloat();
    const held = -this.position() * price;
    const share = equity * this.#share - held;
    const free = this.#marginFree();
    const budget = Math.min(share, free);
    this.#cashCutShare = free < share * (1 - 1e-9) ? share : Number.NaN;
    if (!(budget > 0)) return 0;
    let raw = budget / (price * this.#costFactor);
    if (stopLoss !== undefined || this.#runStop) raw = this.#withinRisk(raw, price, equity, stopLoss, false);
    else if (this.#atrStop !== undefined) raw = this.#withinAtrStop(raw, price, equity, false);
    return this.#sized(raw, price);
  }

  /**
   * 0, and a note once a run, for an entry on the side the run does not trade: a long-only strategy run
   * with --direction short answered 0 at every cross, and its run of no trades said nothing of why.
   */
  #offSide(method: 'maxBuyQty' | 'maxSellQty'): number {
    if (this.#unsizableTold.has(method)) return 0;
    this.#unsizableTold.add(method);
    const [side, other, flag] = method === 'maxBuyQty' ? ['long', 'short', 'long or both'] : ['short', 'long', 'short or both'];
    this.#onNote(`${this.id}: ${method} answers 0 on a ${other}-only run (direction ${other}): it sizes a ${side} entry, which the run does not take; a strategy that enters ${side} makes no such trade here (give the direction ${flag}, or read ctx.direction) (said once a run)`);
    return 0;
  }

  /**
   * 0, and a note once a run for each kind of problem, for a price or a stop no entry can be sized at: a
   * stop that is NaN (an indicator still warming up), not above 0, or on the wrong side of the price was
   * passed over, and the entry sized as if it had none, up to the whole share of equity: the order with
   * that stop was then refused, and one without it carried all of that risk. The same words as an order's
   * exit refused for its value (exitValueProblem): which argument, what it got, what is valid.
   */
  #unsizable(method: 'maxBuyQty' | 'maxSellQty', price: unknown, stopLoss: unknown, long: boolean): number {
    const priceOk = isPrice(price);
    const text = (v: unknown) => (typeof v === 'string' ? ', a number (not text)' : '');
    const problem = !priceOk
      ? `price must be a finite number above 0${text(price)}, got ${shown(price)}`
      : `stopLoss must be a price ${long ? `above 0 and below the price ${String(price)} (a long's stop is under its entry)` : `above the price ${String(price)} (a short's stop is over its entry)`}${text(stopLoss)}, got ${shown(stopLoss)}`;
    const bad = priceOk ? stopLoss : price;
    const key = `${method} ${priceOk ? 'stopLoss' : 'price'} ${typeof bad !== 'number' ? typeof bad : bad !== bad ? 'NaN' : bad <= 0 ? 'not above 0' : bad === Infinity ? 'Infinity' : 'side'}`;
    if (!this.#unsizableTold.has(key)) {
      this.#unsizableTold.add(key);
      this.#onNote(`${this.id}: ${method}(price, stopLoss?): ${problem}; no quantity was sized (0)${priceOk ? '; leave stopLoss out to size without a stop' : ''} (said once a run)`);
    }
    return 0;
  }

  /**
   * Cash a margin account may open with, as the gate counts it: a short's proceeds sit in cash but are owed,
   * with as much again held as its collateral, and the interest the shorts owe is held too. Without the
   * interest, every add to a short sized here at a borrow rate was refused for a few USDT of collateral.
   */
  #marginFree(): number {
    const pf = this.#engine.portfolio;
    const owed = pf.interestOwedTotal(this.#now());
    return pf.cashFloat() - this.#engine.heldByOrdersFloat() - 2 * pf.shortValueFloat() - (owed === 0n ? 0 : toNumber(owed));
  }

  /** A raw quantity floored to the market's step, remembered for the order that follows; 0 below the market's minimum order. */
  #sized(raw: number, price: number): number {
    // Clearly below the market's minimum order value (the quantity floored to the step can only be
    // smaller, and the float products are within a few ulps): nothing to buy, and no decimals needed.
    if (raw * price < this.#minNotional * (1 - 1e-9)) return this.#tooSmall(raw, price);
    return this.#kept(floorToFromNumber(raw, this.#step), raw, price);
  }

  /** `exact`, remembered for the order that follows; 0 below the market's minimum order (the venue would refuse it), `raw` being what was asked. */
  #kept(exact: Dec, raw: number, price: number): number {
    // The nearest float to the exact quantity (toNumber's one division can land an ulp off: 99.90008999999999
    // for 99.90009), since the strategy may print it or compare it.
    const qty = exactNumber(exact);
    if (!(exact >= this.#minQty && qty * price >= this.#minNotional)) return this.#tooSmall(raw, price, exact);
    this.#sizedQty = exact;
    this.#sizedQtyN = qty;
    return qty;
  }

  /**
   * 0, and once a run, when the strategy is flat, a note saying why: an account too small for the market's
   * smallest order never trades, and without it the run only showed no trades and no refusal.
   */
  #tooSmall(raw: number, price: number, exact?: Dec): number {
    if (this.#tooSmallTold || this.position() !== 0) return 0;
    this.#tooSmallTold = true;
    const [base, quote] = this.symbol.split('/');
    const round = (v: number) => Number(v.toPrecision(4));
    const equity = round(this.#engine.portfolio.equityFloat());
    // Floored to the step, a size above the minimum value can fall below it: the note said "0.003169 ETH
    // (5.044 USDT) … below … worth at least 5 USDT", the size before the floor, which read as a contradiction.
    const qty = exact === undefined ? round(raw) : format(exact);
    const value = exact === undefined ? raw * price : toNumber(exact) * price;
    const floored = exact === undefined ? '' : `${round(raw)} floored to the step ${format(this.#step)}; `;
    // Rounded, a value just under the minimum read as the minimum itself ("5 USDT … worth at least 5 USDT").
    const worth = round(value) < this.#minNotional ? round(value) : Number(value.toPrecision(12));
    const cut = this.#riskCutAt === this.#riskCutAt;
    const risk = cut ? `, cut to the risk per trade of ${this.#riskPct}% at the stop ${Number(this.#riskCutAt.toPrecision(6))}` : '';
    // The free cash, not the share, sized it (and no stop cut it further): more capital or another mode would not help.
    const cash = !cut && this.#cashCutShare === this.#cashCutShare;
    const from = cash
      ? `${this.direction === 'long' ? `the account's free cash less the ${MARKET_MOVE_RATE * 100}% left for the price's move to the fill` : "all the account's free cash"}: at a position share of ${round(this.#share * 100)}% its equity of ${equity} ${quote} allows ${round(this.#cashCutShare)} ${quote}, but the rest of the cash is held by other positions or orders`
      : `from equity ${equity} ${quote} at a position share of ${round(this.#share * 100)}%${risk}`;
    const fix = cash
      ? "it is sized above once that cash is free (another strategy's position closed, say)"
      : !cut
        ? this.#share >= 1
          ? 'more capital sizes it above (the position share is already all of the equity)'
          : 'more capital, or a mode with a larger position share, sizes it above'
        : 'more capital, a larger risk per trade or a nearer stop sizes it above';
    // Which minimum it is under: "0.00006018 BTC … below the smallest order (0.00001 BTC, worth at least 5 USDT)"
    // read as a contradiction when only the order's value was too small.
    const underQty = (exact === undefined ? raw : toNumber(exact)) < toNumber(this.#minQty);
    const underValue = value < this.#minNotional;
    const minQty = `${format(this.#minQty)} ${base}`;
    const minValue = `${this.#minNotional} ${quote}`;
    const below =
      underQty && underValue
        ? `below the market's smallest quantity (${minQty}) and order value (${minValue})`
        : underQty
          ? `below the market's smallest quantity (${minQty})`
          : `below the market's smallest order value (${minValue}; its smallest quantity is ${minQty})`;
    this.#onNote(`${this.id}: an entry at ${price} would be ${qty} ${base} (${floored}${worth} ${quote}, ${from}), ${below}: no order was placed; ${fix} (said once)`);
    return 0;
  }

  buy(qty: number, options?: OrderOptions): boolean {
    if (options != null && options !== this.#optionsSeen) this.#checkOptions('buy', options);
    const d = this.#exactQty('buy', qty);
    if (d === null) return false;
    const pos = this.#protected || this.direction === 'short' ? this.#exactPosition() : 0n;
    if (this.direction === 'short' && d > -pos) return this.#beyondFlat('buy', d, pos);
    // Buying back part of a short keeps its exits, cut to what stays short; all of it (or more) ends them.
    return pos < 0n ? this.#reduce('buy', d, -pos, false, options) : this.#place('buy', d, false, options, options?.tag);
  }

  sell(qty: number, options?: OrderOptions): boolean {
    if (options != null && options !== this.#optionsSeen) this.#checkOptions('sell', options);
    const d = this.#exactQty('sell', qty);
    if (d === null) return false;
    const pos = this.#exactPosition();
    if (this.direction === 'long' && d > pos && this.#engine.mode === 'margin') return this.#beyondFlat('sell', d, pos);
    // Selling part of a long keeps its exits, cut to what stays held; all of it (or more) ends them.
    return pos > 0n ? this.#reduce('sell', d, pos, d <= pos, options) : this.#place('sell', d, false, options, options?.tag);
  }

  closePosition(tag?: string): boolean {
    const pos = this.#exactPosition();
    if (pos === 0n) return false;
    const side = pos > 0n ? 'sell' : 'buy';
    this.#unprotect(side);
    return this.#place(side, pos > 0n ? pos : -pos, true, undefined, tag);
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
    // What the journal cannot keep: a backtest's journal took it, and an account's failed at the insert
    // ("cannot be bound to SQLite parameter"), so a strategy tried in a backtest stopped on an account.
    if (typeof kind !== 'string' || kind === '') throw new RangeError(`${this.id}: signal(kind, payload): kind must be text such as "enter-long", got ${kind === '' ? 'empty text' : shown(kind)}`);
    if (typeof payload === 'function' || typeof payload === 'symbol') {
      throw new RangeError(`${this.id}: signal(kind, payload): payload must be what JSON holds (a number, text, true or false, null, or a list or object of them), got ${shown(payload)}`);
    }
    this.#engine.recordSignal(this.#origin, this.symbol, kind, payload);
  }

  note(message: string): void {
    // Text, as the strategy's thread sends it on an account: an object went into the run's notes (and its
    // JSON report) as it was, where every note is text.
    this.#onNote(noteText(message));
  }

  /**
   * `raw` kept within the risk per trade at the stop the entry will carry (its own, else the run's fixed
   * or trailing stop where it starts), as the gate's risk-per-trade rule measures it from the last price.
   */
  #withinRisk(raw: number, price: number, equity: number, stopLoss: number | undefined, long: boolean): number {
    const trail = this.#exits.trailingStopPct ?? null;
    // A long's stop is below the entry, rounded down to the tick; a short's above it, rounded up.
    let stop: number;
    if (stopLoss !== undefined) stop = this.#onTick(stopLoss, !long);
    else if (this.#exits.stopLossPct !== null) stop = this.#onTick(exitPrices(this.#exits, long ? 'buy' : 'sell', price).stopLoss, !long);
    else stop = trail === null ? Number.NaN : price * (long ? 1 - trail / 100 : 1 + trail / 100);
    const loss = long ? price - stop : stop - price;
    if (!(loss > 0) || this.#riskPct !== this.#riskPct) return raw;
    const cap = ((equity * this.#riskPct) / 100 / loss) * (1 - 1e-9);
    if (cap >= raw) return raw;
    this.#riskCutAt = stop;
    return cap;
  }

  /** An order that would take the position past flat to a side the run's direction does not allow: refused, and noted. */
  #beyondFlat(side: 'buy' | 'sell', qty: Dec, pos: Dec): boolean {
    const held = pos === 0n ? 'it is flat' : `it holds ${format(pos)}`;
    this.#refused(`${this.id}: ${side} ${format(qty)} ${this.symbol} refused: it would go ${side === 'buy' ? 'long' : 'short'} and the run trades ${DIRECTION_LABELS[this.direction]} (${held}); use closePosition() to exit`, ENGINE_REFUSAL_KINDS.direction, side);
    return false;
  }

  #refused(message: string, kind: RefusalKind, side: 'buy' | 'sell'): void {
    this.#onRefusal(message, { kind, side, symbol: this.symbol });
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

  /**
   * Cancels the protective exits (bracket children) working on `side`: they hold the coins (or the cash)
   * an exit of the strategy's own needs, and the position they protect is being closed by it.
   */
  #unprotect(side: 'buy' | 'sell'): void {
    if (!this.#protected) return;
    for (const o of this.#engine.openOrders()) {
      if (o.parentId !== null && o.side === side && o.symbol === this.symbol && o.ledger === this.#ledger) {
        this.#engine.cancel(o.id, `cancelled: ${this.id} exits the position itself`);
      }
    }
  }

  /**
   * The bracket for an entry: the order's own exits, else the run's (percents the engine sets from the
   * entry's fill). Prices are put on the market's tick away from the entry (a long's stop rounded down and
   * its target up). Undefined when there are none.
   */
  #bracket(side: 'buy' | 'sell', reduceOnly: boolean, exits: OrderOptions | undefined): Bracket | undefined {
    if (reduceOnly) return undefined;
    // Options that only tag the order keep the run's exits; `{}` is still "none". A strategy passing the
    // same frozen options object every time (the built-ins) has it looked at once; one it may change, each time.
    // null, as no options at all.
    if (exits === undefined || exits === null || exits === this.#tagOnly) return this.#runBracket;
    if (exits.tag !== undefined && !namesExits(exits)) {
      if (Object.isFrozen(exits)) this.#tagOnly = exits;
      return this.#runBracket;
    }
    if (exits.stopLoss !== undefined && exits.stopLossPct !== undefined) throw new RangeError(`${this.id}: give an entry's stopLoss or its stopLossPct, not both (got ${exits.stopLoss} and ${exits.stopLossPct}%)`);
    // A trailing stop is the entry's stop, in the fixed one's place: either spelling of a fixed stop beside
    // it is the same mistake as a price and a percent for one exit, and stops the run the same way (the
    // price spelling used to be refused order by order in the bracket's words, "a bracket takes a stopLoss").
    const fixed = exits.stopLoss !== undefined ? 'stopLoss' : exits.stopLossPct !== undefined ? 'stopLossPct' : null;
    if (fixed !== null && exits.trailingStop !== undefined) {
      const got = fixed === 'stopLoss' ? String(exits.stopLoss) : `${exits.stopLossPct}%`;
      throw new RangeError(`${this.id}: give an entry's ${fixed} or its trailingStop, not both (got ${got} and ${exits.trailingStop}%): the trailing stop is its stop`);
    }
    if (exits.takeProfit !== undefined && exits.takeProfitPct !== undefined) throw new RangeError(`${this.id}: give an entry's takeProfit or its takeProfitPct, not both (got ${exits.takeProfit} and ${exits.takeProfitPct}%)`);
    const bad = exitValueProblem(exits);
    if (bad !== null) throw new OrderRefusedError({ field: bad.field, message: bad.message, code: 'invalid_request' });
    const long = side === 'buy';
    const text = (key: 'stopLoss' | 'takeProfit', v: number, up: boolean) => {
      const d = this.#onTickExact(v, up);
      // Under one tick, rounded down to 0: said in the option's words, not the bracket schema's ("bracket.stopLoss.triggerPrice: must be greater than 0").
      if (d === 0n) throw new OrderRefusedError({ field: key, message: `${key} must be a price of at least one tick (${format(this.#tick)} on ${this.symbol}), got ${v}, which rounds down to 0`, code: 'invalid_request' });
      return format(d);
    };
    const bracket: Bracket = {};
    if (exits.stopLoss !== undefined) bracket.stopLoss = { triggerPrice: text('stopLoss', exits.stopLoss, !long) };
    else if (exits.stopLossPct !== undefined) bracket.stopLoss = { percent: exits.stopLossPct };
    if (exits.takeProfit !== undefined) bracket.takeProfits = [{ price: text('takeProfit', exits.takeProfit, long), fraction: 1 }];
    else if (exits.takeProfitPct !== undefined) bracket.takeProfits = [{ percent: exits.takeProfitPct, fraction: 1 }];
    if (exits.trailingStop !== undefined) bracket.trailingStop = { percent: exits.trailingStop };
    return bracket.stopLoss === undefined && bracket.takeProfits === undefined && bracket.trailingStop === undefined ? undefined : bracket;
  }

  /** A price on the market's tick, rounded up or down. */
  #onTickExact(v: number, up: boolean): Dec {
    const d = decFromNumber(v);
    return up ? ceilTo(d, this.#tick) : floorTo(d, this.#tick);
  }

  #onTick(v: number, up: boolean): number {
    return v > 0 && Number.isFinite(v) ? toNumber(this.#onTickExact(v, up)) : Number.NaN;
  }

  /** A strategy's quantity on the market's step, or null (and the refusal noted) when it cannot be one. */
  #exactQty(side: 'buy' | 'sell', qty: number): Dec | null {
    if (typeof qty !== 'number' || !(qty > 0) || !Number.isFinite(qty)) {
      this.#refused(`${this.id}: ${side} quantity must be a finite number above 0, got ${shown(qty)}`, ENGINE_REFUSAL_KINDS.invalidQty, side);
      return null;
    }
    const d = qty === this.#sizedQtyN ? this.#sizedQty : floorToFromNumber(qty, this.#step);
    if (d < this.#minQty) {
      this.#refused(`${this.id}: ${side} of ${qty} is below the minimum quantity ${format(this.#minQty)} for ${this.symbol}`, ENGINE_REFUSAL_KINDS.belowMinimum, side);
      return null;
    }
    return d;
  }

  /**
   * An order against a position of `held`: a part of it leaves the protective exits working for the rest
   * (cut first, so they and this order never close the same coins; put back if this one is refused), the
   * whole of it (or more, reversing) cancels them first.
   */
  #reduce(side: 'buy' | 'sell', qty: Dec, held: Dec, reduceOnly: boolean, options: OrderOptions | undefined): boolean {
    const tag = options?.tag;
    if (!this.#protected) return this.#place(side, qty, reduceOnly, options, tag);
    if (qty >= held) {
      this.#unprotect(side);
      return this.#place(side, qty, reduceOnly, options, tag);
    }
    this.#engine.trimExits(this.symbol, this.#ledger, side, held - qty, `trimmed: ${this.id} closes part of the position itself`);
    const placed = this.#place(side, qty, reduceOnly, options, tag);
    if (!placed) this.#engine.resyncExits(this.symbol, this.#ledger);
    return placed;
  }

  /**
   * An order's options must be an object of the options Keel knows: a misspelt one ({ stoploss: … }) was
   * ignored, and the entry went without the stop it named (and without the run's). A programming error:
   * thrown, stopping the run at the line, as an invalid tag is.
   */
  #checkOptions(side: 'buy' | 'sell', options: unknown): void {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new RangeError(`${this.id}: ${side}(qty, options): options must be an object such as { stopLoss: 41200, tag: 'breakout' }, got ${shown(options)}`);
    }
    for (const key of Object.keys(options)) {
      if (ORDER_OPTIONS.includes(key)) continue;
      const meant = ORDER_OPTIONS.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[^a-z]/g, ''));
      throw new RangeError(`${this.id}: ${side} option "${key}" is not one Keel knows${meant === undefined ? '' : ` (${meant}?)`}; an order's options are ${ORDER_OPTIONS.join(', ')}`);
    }
    if (Object.isFrozen(options)) this.#optionsSeen = options as OrderOptions;
  }

  /** A tag the strategy has not used before: a programming error (thrown, stopping the run) unless it is a valid one. */
  #checkTag(tag: unknown): void {
    if (typeof tag !== 'string' || !isOrderTag(tag)) throw new RangeError(`${this.id}: order tag ${JSON.stringify(tag)} is not valid: ${ORDER_TAG_VALID}`);
    this.#tags.add(tag);
  }

  #place(side: 'buy' | 'sell', qty: Dec, reduceOnly: boolean, exits: OrderOptions | undefined, tag: string | undefined): boolean {
    if (tag !== undefined && !this.#tags.has(tag)) this.#checkTag(tag);
    try {
      const bracket = this.#bracket(side, reduceOnly, exits);
      // What the schema would make of the request, built directly; a quantity it would refuse (0, with a
      // market minimum of 0) or a malformed symbol goes through the schema, which says so. So does a
      // bracket: its prices are text the schema checks.
      const rec =
        this.#wellFormed && qty > 0n && bracket === undefined
          ? this.#engine.placeExact({ symbol: this.symbol, side, type: 'market', timeInForce: 'GTC', reduceOnly, postOnly: false, tag }, qty, this.#origin, this.#placeOptions)
          : this.#engine.place({ symbol: this.symbol, side, type: 'market', qty: format(qty), reduceOnly, bracket, tag }, this.#origin, this.#placeOptions);
      if (bracket !== undefined) this.#protected = true;
      if (rec.status === 'rejected') {
        // Refused by the gate (it names its rule on the record), else rejected by the broker.
        this.#refused(`${this.id}: ${side} ${format(qty)} ${this.symbol} refused: ${rec.reason ?? 'by the risk gate'}`, rec.refusedBy ?? ENGINE_REFUSAL_KINDS.venue, side);
        return false;
      }
      this.#working[this.#workingCount++] = rec.id;
      return true;
    } catch (err) {
      if (err instanceof OrderRefusedError) {
        this.#refused(`${this.id}: ${side} ${format(qty)} ${this.symbol} refused: ${err.refusal.message}`, err.kind, side);
        return false;
      }
      throw err;
    }
  }
}

/** The options buy and sell take (OrderOptions). */
const ORDER_OPTIONS: readonly string[] = ['stopLoss', 'stopLossPct', 'takeProfit', 'takeProfitPct', 'trailingStop', 'tag'];

/** Each exit option: a price, or a percent and the range the bracket takes it in. */
const EXIT_VALUES: readonly { key: keyof EntryExits; price: boolean; max: number; maxIncluded: boolean }[] = [
  { key: 'stopLoss', price: true, max: Infinity, maxIncluded: false },
  { key: 'takeProfit', price: true, max: Infinity, maxIncluded: false },
  { key: 'stopLossPct', price: false, max: 100, maxIncluded: false },
  { key: 'takeProfitPct', price: false, max: 1000, maxIncluded: true },
  { key: 'trailingStop', price: false, max: 100, maxIncluded: false },
];

/**
 * The first exit given as something other than the price or percent it must be, said in the strategy's
 * words (its option's name, what it gave, what is valid) rather than the bracket schema's
 * ("bracket.stopLoss.triggerPrice: a decimal number written like 0.015"); null when they are fine.
 */
function exitValueProblem(exits: EntryExits): { field: string; message: string } | null {
  for (const { key, price, max, maxIncluded } of EXIT_VALUES) {
    const v: unknown = exits[key];
    if (v === undefined) continue;
    const inRange = typeof v === 'number' && v > 0 && (maxIncluded ? v <= max : v < max);
    if (inRange) continue;
    const valid = (price ? 'a price above 0' : `a percent above 0 and ${maxIncluded ? 'at most' : 'below'} ${max} (2 = 2%)`) + (typeof v === 'string' ? ', a number (not text)' : '');
    return { field: key, message: `${key} must be ${valid}, got ${shown(v)}` };
  }
  return null;
}

/** A price a strategy may size at: a number above 0 and finite (not NaN, not text). */
const isPrice = (v: unknown): v is number => typeof v === 'number' && v > 0 && v < Infinity;

/** A value as a message shows it: text in quotes, so "0.1" does not read as the number 0.1. */
function shown(v: unknown): string {
  if (typeof v === 'string') return `text ${JSON.stringify(v)}`;
  if (typeof v === 'number' || v === undefined || v === null || typeof v === 'boolean') return String(v);
  return typeof v === 'object' ? (Array.isArray(v) ? 'a list' : 'an object') : `a ${typeof v}`;
}

/** Whether an order's options name any exit (even as undefined): then they are the entry's exits, in place of the run's. */
function namesExits(o: OrderOptions): boolean {
  return 'stopLoss' in o || 'stopLossPct' in o || 'takeProfit' in o || 'takeProfitPct' in o || 'trailingStop' in o;
}

/** A run's exits as a bracket of percents (the engine sets each level from the entry's fill), or undefined without any. */
function runBracket(exits: RunExits): Bracket | undefined {
  if (!hasExits(exits)) return undefined;
  const bracket: Bracket = {};
  if (exits.stopLossPct !== null) bracket.stopLoss = { percent: exits.stopLossPct };
  if (exits.takeProfitPct !== null) bracket.takeProfits = [{ percent: exits.takeProfitPct, fraction: 1 }];
  const trail = exits.trailingStopPct ?? null;
  if (trail !== null) bracket.trailingStop = { percent: trail };
  return bracket;
}
