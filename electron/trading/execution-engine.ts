// The execution engine: the one place orders are placed, changed and followed, for paper, live and
// backtests alike (only the broker behind the risk gate and the journal differ).
//
//   submit(request, origin) → schema → validateOrder (refused: nothing journaled, nothing sent)
//     → journal "new" → risk gate (refused: journaled "rejected") → broker → its reports come back
//     through the listener → state machine → journal (committed) → bus events (after the commit).
//
// Idempotent by client order id: the same id twice returns the first order. Brackets (entry, stop-loss,
// take-profits; one-cancels-other) are managed here from the fills, and so are reduce-only limits and
// triggers a venue cannot hold (emulated-triggers.ts). A new engine on the same journal resumes open
// orders, brackets, positions and cash. Time comes from an injected Clock, never from Date.now().
import { KeelError } from '../../shared/contract/errors.ts';
import type { JournalHealth } from '../../shared/contract/journal-health.ts';
import { MAX_BORROW_RATE_PCT } from '../../shared/trading/borrow-interest.ts';
import { abs, dec, decFromNumber, exactNumber, format, max as maxDec, min as minDec, mul, toNumber, type Dec } from '../../shared/trading/decimal.ts';
import {
  ledgerOf,
  OrderRequestSchema,
  type Account,
  type Fill,
  type Order,
  type OrderRequest,
  type OrderStatus,
  type Origin,
  type Position,
  type Side,
  type TakeProfitLeg,
} from '../../shared/trading/orders.ts';
import type { EventBus } from '../app/event-bus.ts';
import { heldBack, RepeatLimit, type Logger } from '../app/logger.ts';
import type { AuditActor } from '../journal/audit-log.ts';
import type { FillPageQuery, FillRecord, OrderEventKind, OrderRecord, TradingJournal } from '../journal/trading-journal.ts';
import type { GateOrder, RiskAccount, RiskContext, RiskGate, RiskOrder, RiskRefusal } from '../risk/risk-gate.ts';
import { base36 } from './base36.ts';
import { averageFill, bracketStop, stopTrigger, targetPrice } from './bracket-levels.ts';
import { planBracket } from './bracket-plan.ts';
import type { BrokerFill, BrokerListener, ExpiredBy, FeeRates, OrderChanges } from './broker.ts';
import { CheckContext } from './check-context.ts';
import { checkModify } from './check-modify.ts';
import type { Clock } from './clock.ts';
import { TriggerEmulator } from './emulated-triggers.ts';
import { EngineMarketSink } from './engine-market-sink.ts';
import type { MarketFeed } from './market-feed.ts';
import { type MarketRules, type MarketRulesProvider } from './market-rules.ts';
import { splitSymbol } from '../../shared/domain/symbol.ts';
import { OrderRefusedError } from './order-refused.ts';
import { toBrokerOrder, toSentOrder, toWireFill, toWireOrder } from './order-record.ts';
import { JournalHealthState } from './journal-health.ts';
import { isOpen, transition } from './order-state.ts';
import { Portfolio, positionRecord, type PositionState } from './portfolio.ts';
import { Reservations } from './reservations.ts';
import { SmallIdMap } from './small-id-map.ts';
import { isTriggered } from './triggers.ts';
import { costWithFee, parseQty, referencePrice, validateOrder, type OrderShape, type Refusal, type ValidationContext } from './validate-order.ts';

/** Where the engine's events go (the app's EventBus); null in backtests, which read the engine directly. */
export type TradingEventSink = Pick<EventBus, 'emit'>;

/** Where the engine writes the audit rows of account changes (the app's AuditLog, on the journal's database). */
export interface TradingAuditSink {
  append(entry: { actor: AuditActor; action: string; details: Record<string, unknown> }): unknown;
}

export type AccountKind = 'spot' | 'margin';

export interface ExecutionEngineOptions {
  gate: RiskGate;
  journal: TradingJournal;
  rules: MarketRulesProvider;
  /** Prices for validation, marks and emulated triggers; the engine subscribes after the broker. */
  feed: MarketFeed;
  /** Default: the feed's market clock. */
  clock?: Clock;
  /** A new account's settings; an account already in the journal keeps its own. */
  quoteAsset?: string;
  startBalance?: Dec;
  mode?: AccountKind;
  /** Percent a year a margin short pays on what it borrowed (default 0: borrowing is free). */
  borrowRatePct?: Dec;
  events?: TradingEventSink | null;
  /** The audit log for changes to the account itself (its kind); its rows join the journal's commit. */
  audit?: TradingAuditSink | null;
  log?: Logger | null;
}

export interface ModifyRequest {
  qty?: string | undefined;
  price?: string | undefined;
  triggerPrice?: string | undefined;
}

export interface OrderPreview {
  notional: string;
  fee: string;
  cost: string;
  riskToStop: string | null;
  refusal: string | null;
}

/** A bracket entry and its children, with what the children filled across their generations. */
interface BracketState {
  entry: OrderRecord;
  stop: OrderRecord | null;
  takeProfits: (OrderRecord | null)[];
  childrenFilled: Dec;
  tpFilled: Dec[];
}

interface ChildRole {
  state: BracketState;
  /** -1: the stop; 0..: take-profit i. */
  index: number;
}

export const DEFAULT_START_BALANCE: Dec = 10_000n * 10n ** 18n;

export class ExecutionEngine {
  readonly account: string;
  readonly quoteAsset: string;
  /** Spot or margin: the journal's, as the account was opened or last changed (setKind). */
  #mode: AccountKind;
  readonly #gate: RiskGate;
  readonly #journal: TradingJournal;
  readonly #rules: MarketRulesProvider;
  readonly #feed: MarketFeed;
  readonly #clock: Clock;
  readonly #events: TradingEventSink | null;
  readonly #audit: TradingAuditSink | null;
  readonly #log: Logger | null;
  readonly #portfolio: Portfolio;
  readonly #emulator: TriggerEmulator;
  /** Open orders by id and by client id: a handful at a time, mostly (SmallIdMap says why not a Map). */
  readonly #open = new SmallIdMap<OrderRecord>();
  readonly #byClientId = new SmallIdMap<OrderRecord>();
  readonly #brackets = new Map<string, BracketState>();
  readonly #roles = new Map<string, ChildRole>();
  #reserved: Reservations;
  readonly #idPrefix: string;
  /**
   * What follows the sequence number in a generated client order id: the engine's start time, base 36.
   * With the sequence (which carries on from the journal across restarts) it keeps ids unique even when
   * a fresh journal starts the sequence again at 1, and it is printed once, not at every order.
   */
  readonly #clientIdSuffix: string;
  #seq = 0;
  #fillSeq = 0;
  #reduceOnlyOpen = 0;
  #depth = 0;
  #outbox: [name: 'trading.order' | 'trading.fill', payload: Order | Fill][] = [];
  #portfolioDirty = false;
  /** An order changed what is free and locked: the account snapshot goes out with the next flush. */
  #accountDirty = false;
  readonly #unsubscribe: () => void;
  /** The engine's subscriber to the feed: marks the portfolio (held per symbol by holdMarks). */
  readonly #sink: EngineMarketSink;
  /** What the risk rules read of the account: one object, made once, so a check allocates nothing for it. */
  readonly #riskAccount: RiskAccount;
  /** The last mark of each symbol id made exact, and the float it was made from. */
  readonly #exactMarkOf: number[] = [];
  readonly #exactMark: Dec[] = [];
  readonly #knownSymbols = (): readonly string[] => this.#rules.symbols();
  #validation: ValidationContext | null = null;
  /**
   * A journal write failed in the entry point running now: memory may be ahead of the journal (an order
   * cancelled here but open on disk). Cleared once the engine has reloaded itself from the journal.
   */
  #stale = false;
  /** The journal can tell when an outer transaction ends (SQLite); memory and backtest journals cannot fail. */
  readonly #settles: boolean;
  /** A reload waits for the outer transaction to end. */
  #recoveryQueued = false;
  /** The engine has asked to hear when the outer transaction ends. */
  #watching = false;
  #recovering = false;
  /** A journal that keeps failing reloads the engine at every tick: said once a minute. */
  readonly #reloadsSaid = new RepeatLimit();
  /** What the trading screen is told of the journal (trading.journalHealth): touched only on the failure and recovery paths. */
  readonly #health: JournalHealthState;
  /** The screen was told the journal is failing: a write that goes through then sets #savedAgain (a boolean read, all a write costs). */
  #journalFailing = false;
  #savedAgain = false;
  /** The first failed write's message since the engine last reloaded itself. */
  #writeError: string | null = null;

  constructor(options: ExecutionEngineOptions) {
    this.#gate = options.gate;
    this.#journal = options.journal;
    this.#settles = options.journal.afterTransaction !== undefined;
    this.#rules = options.rules;
    this.#feed = options.feed;
    this.#clock = options.clock ?? options.feed.clock;
    this.#events = options.events ?? null;
    this.#audit = options.audit ?? null;
    this.#log = options.log ?? null;
    this.account = this.#gate.info.account;
    this.#idPrefix = `${this.account.replace(/[^A-Za-z0-9_-]/g, '-')}-`;
    this.#clientIdSuffix = `-${base36(Math.floor(this.#clock.now()))}`;
    this.#health = new JournalHealthState(this.account, this.#events);
    const acct = this.#journal.openAccount({
      account: this.account,
      quoteAsset: options.quoteAsset ?? 'USDT',
      startBalance: options.startBalance ?? DEFAULT_START_BALANCE,
      mode: options.mode ?? 'spot',
      borrowRatePct: options.borrowRatePct ?? 0n,
      createdAt: this.#clock.now(),
    });
    this.quoteAsset = acct.quoteAsset;
    this.#mode = acct.mode;
    this.#reserved = new Reservations(acct.mode, (s) => this.#gate.info.feeRates(s).taker);
    this.#portfolio = new Portfolio({ account: this.account, quoteAsset: acct.quoteAsset, startBalance: acct.startBalance, mode: acct.mode, symbols: this.#feed.symbols, borrowRatePct: acct.borrowRatePct });
    const pf = this.#portfolio;
    this.#riskAccount = {
      positions: () => pf.positions(),
      position: (symbol, ledger) => pf.position(symbol, ledger),
      markOf: (id) => pf.markOf(id),
      equityFloat: () => pf.equityFloat(),
      protectiveStop: (symbol, ledger, side) => this.#protectiveStop(symbol, ledger, side),
    };
    this.#emulator = new TriggerEmulator({
      fire: (rec, ts) => this.#guard(() => this.#emulatedFired(rec, ts)),
      trail: (rec, ts, extreme) => this.#guard(() => this.#trailMoved(rec, ts, extreme)),
    });
    this.#gate.connect(this.#listener());
    this.#guard(() => this.#restore());
    this.#sink = new EngineMarketSink(this.#portfolio, this.#emulator);
    this.#unsubscribe = this.#feed.subscribe(this.#sink);
  }

  /** The journal's health as last told (trading.journalHealth); null while it has never failed a write. */
  get journalHealth(): JournalHealth | null {
    return this.#health.state;
  }

  /** Spot holds only what it bought; margin can go short (a short's proceeds and 1× collateral are held). */
  get mode(): AccountKind {
    return this.#mode;
  }

  /**
   * Why the account cannot become `kind` now, or null when it can (or already is): a live account's kind
   * is the exchange's; any open order holds cash or coins worked out for the kind it was placed under; a
   * spot account cannot hold a short.
   */
  kindChangeRefusal(kind: AccountKind): string | null {
    if (kind === this.#mode) return null;
    const account = this.account;
    if (this.#gate.info.kind !== 'paper') return `${account} is a live exchange account: it is ${this.#mode} as the exchange keeps it; only the paper account's kind can be changed here`;
    if (!this.#journal.setAccountMode) return `the ${account} account's journal cannot change its kind`;
    const open = this.#open.size;
    if (open > 0) return `the ${account} account cannot switch to ${kind} with ${open} open order${open === 1 ? '' : 's'}; cancel ${open === 1 ? 'it' : 'them'} first`;
    if (kind === 'spot') {
      const shorts = this.#portfolio.positions().filter((p) => p.qty < 0n);
      if (shorts.length > 0) {
        const named = shorts.slice(0, 3).map((p) => `${p.ledger} ${p.symbol} ${format(p.qty)}`).join(', ');
        const more = shorts.length > 3 ? ` and ${shorts.length - 3} more` : '';
        const one = shorts.length === 1;
        return `the ${account} account cannot switch to spot while it holds ${one ? 'a short' : `${shorts.length} shorts`} (${named}${more}); buy ${one ? 'it' : 'them'} back first`;
      }
    }
    return null;
  }

  /**
   * Makes the paper account spot or margin (the trader's choice; strategies that may short need margin).
   * Refused with a conflict when kindChangeRefusal says why. The journal's account row and the audit row
   * (`trading.account-kind`, from and to) are one commit; the account snapshot goes out after it.
   */
  setKind(kind: AccountKind, actor: AuditActor = 'user'): void {
    this.#guard(() => {
      const refusal = this.kindChangeRefusal(kind);
      if (refusal !== null) throw new KeelError('conflict', refusal);
      const from = this.#mode;
      if (from === kind) return;
      const journal = this.#journal;
      journal.atomically(() => {
        journal.setAccountMode!(this.account, kind);
        this.#audit?.append({ actor, action: 'trading.account-kind', details: { account: this.account, from, to: kind } });
      });
      this.#mode = kind;
      this.#reserved.setMode(kind);
      this.#portfolio.mode = kind;
      if (this.#validation) this.#validation.mode = kind;
      this.#log?.info('trading', `the ${this.account} account is ${kind} now (was ${from})${kind === 'margin' ? ': shorts allowed, with 1× collateral' : ''}`);
      if (this.#events) this.#accountDirty = true;
    });
  }

  /** What a margin short pays on what it borrowed, percent a year (0: nothing). */
  get borrowRatePct(): Dec {
    return this.#portfolio.borrowRatePct;
  }

  /**
   * Sets the paper account's borrow rate, percent a year (the venue's, as the trader reads it off its
   * margin pages), from now on: an open short keeps what it ran up at the old rate and pays the new one
   * from the change, as a venue charging hourly at its current rate would. A live account's rate is its
   * exchange's. The account's row, the open shorts' rows and the audit row (`trading.borrow-rate`, from
   * and to) are one commit.
   */
  setBorrowRate(ratePct: Dec, actor: AuditActor = 'user'): void {
    this.#guard(() => {
      if (this.#gate.info.kind !== 'paper') throw new KeelError('conflict', `${this.account} is a live exchange account: its borrow rates are the exchange's; only the paper account's rate is set here`);
      if (ratePct < 0n || ratePct > decFromNumber(MAX_BORROW_RATE_PCT)) throw new KeelError('invalid_request', `a borrow rate of ${format(ratePct)}% a year is outside 0 to ${MAX_BORROW_RATE_PCT}`);
      const from = this.#portfolio.borrowRatePct;
      if (from === ratePct) return;
      const journal = this.#journal;
      if (!journal.setBorrowRate) throw new KeelError('conflict', `the ${this.account} account's journal cannot change its borrow rate`);
      const pf = this.#portfolio;
      const shorts = pf.borrowRateChange(this.#clock.now());
      journal.atomically(() => {
        journal.setBorrowRate!(this.account, ratePct, shorts.map((c) => positionRecord(this.account, { ...c.position, borrowRateMs: c.borrowRateMs, borrowedSince: c.borrowedSince })));
        this.#audit?.append({ actor, action: 'trading.borrow-rate', details: { account: this.account, from: format(from), to: format(ratePct) } });
      });
      pf.applyBorrowRate(ratePct, shorts);
      this.#log?.info('trading', `the ${this.account} account's shorts pay ${format(ratePct)}% a year on what they borrow now (was ${format(from)}%)`);
      if (this.#events) this.#accountDirty = true;
    });
  }

  // ---------------------------------------------------------------- placing

  /** Places an order; returns it as the UI sees it (accepted already, for the paper broker). */
  submit(request: OrderRequest, origin: Origin, options: { ledger?: string } = {}): Order {
    return this.#wire(this.place(request, origin, options));
  }

  /**
   * Places an order and returns the engine's record of it (read it, do not change it): the fast form
   * for strategies and backtests, which skips building the wire Order.
   * Throws OrderRefusedError when the order is refused before sending (nothing journaled).
   */
  place(request: OrderRequest, origin: Origin, options: { ledger?: string } = {}): Readonly<OrderRecord> {
    return this.#guard(() => {
      const parsed = OrderRequestSchema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.map(String).join('.') || '(request)';
        throw new OrderRefusedError({ field, message: `${field}: ${issue.message}`, code: 'invalid_request' });
      }
      return this.#place(parsed.data, parseQty(parsed.data.qty), origin, options);
    });
  }

  /**
   * place() for an order already in the schema's output shape, built by code that guarantees it (the
   * strategy API: a known symbol, the defaults filled in), with the quantity given exactly: the schema is
   * the contract's check on what the UI and the bridge send, and parsing it again for every strategy
   * order only copies the object, as printing the quantity only to parse it would. `qty` may be
   * parseQty()'s refusal, reported where validation reports a bad quantity. Everything after is the same:
   * validation, journal, risk gate, broker.
   */
  placeExact(params: OrderShape, qty: Dec | Refusal, origin: Origin, options: { ledger?: string } = {}): Readonly<OrderRecord> {
    // #guard written out: no closure per order.
    this.#depth++;
    try {
      return this.#place(params, qty, origin, options);
    } catch (e) {
      throw this.#failure(e);
    } finally {
      if (--this.#depth === 0) this.#exit();
    }
  }

  #place(p: OrderShape, qty: Dec | Refusal, origin: Origin, options: { ledger?: string }): Readonly<OrderRecord> {
    if (p.clientOrderId !== undefined) {
      const existing = this.#byClientId.get(p.clientOrderId) ?? this.#journal.findByClientOrderId(this.account, p.clientOrderId);
      if (existing) return existing;
    }
    const ledger = options.ledger ?? ledgerOf(origin);
    const rules = this.#rules.rules(p.symbol);
    const ctx = this.#validationContext(p.symbol, ledger);
    const refusal = validateOrder(p, qty, rules, ctx);
    if (refusal) throw new OrderRefusedError(refusal);
    const ts = this.#clock.now();
    const rec = this.#newRecord(p, qty as Dec, origin, ledger, referencePrice(p, ctx.lastPrice)!, ts);
    if (p.bracket) this.#brackets.set(rec.id, { entry: rec, stop: null, takeProfits: (p.bracket.takeProfits ?? []).map(() => null), childrenFilled: 0n, tpFilled: (p.bracket.takeProfits ?? []).map(() => 0n) });
    this.#track(rec);
    if (this.#gate.info.inProcess) {
      // Paper: "new" and the acknowledgement in one commit (the venue is in this process, nothing went out).
      try {
        this.#journal.atomically(() => {
          this.#record(rec, 'new', null);
          this.#send(rec, ts);
        });
      } catch (e) {
        // The commit itself can fail (a full disk), after every write inside it went through.
        this.#notSaved(e);
        throw e;
      }
    } else {
      // Live: "new" is on disk before the request leaves, so a crash can never leave an order we do not know.
      this.#record(rec, 'new', null);
      this.#send(rec, ts);
    }
    return rec;
  }

  /** What an order would cost and risk, and whether it would be refused, without placing it. */
  preview(request: OrderRequest, origin: Origin, options: { ledger?: string } = {}): OrderPreview {
    const parsed = OrderRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { notional: '0', fee: '0', cost: '0', riskToStop: null, refusal: `${issue.path.map(String).join('.') || '(request)'}: ${issue.message}` };
    }
    const p = parsed.data;
    const ledger = options.ledger ?? ledgerOf(origin);
    const ctx = this.#validationContext(p.symbol, ledger);
    const refusal = validateOrder(p, parseQty(p.qty), this.#rules.rules(p.symbol), ctx);
    let ref: Dec | null = null;
    let qty = 0n;
    try {
      ref = referencePrice(p, ctx.lastPrice);
      qty = dec(p.qty);
    } catch {
      // validateOrder has said what is wrong.
    }
    if (ref === null || qty <= 0n) return { notional: '0', fee: '0', cost: '0', riskToStop: null, refusal: refusal?.message ?? 'no price to size the order at' };
    const notional = mul(qty, ref);
    const fee = costWithFee(qty, ref, ctx.takerRate) - notional;
    let riskToStop: string | null = null;
    // A percent or trailing stop is measured from the price the order is sized at, as the gate measures it.
    const stop = p.bracket ? bracketStop(p.bracket, p.side, ref) : null;
    if (stop !== null) {
      const exitFee = costWithFee(qty, stop, ctx.takerRate) - mul(qty, stop);
      riskToStop = format(mul(qty, abs(ref - stop)) + fee + exitFee);
    }
    let reason = refusal?.message ?? null;
    if (reason === null) {
      const risk = this.#gate.check(
        { id: '(preview)', symbol: p.symbol, side: p.side, type: p.type, qty, refPrice: ref, reduceOnly: p.reduceOnly, ledger, origin, stopPrice: stop },
        this.#riskContextFor(p.symbol, ledger, null),
        'preview',
      );
      if (risk) reason = `risk: ${risk.message}`;
    }
    return { notional: format(notional), fee: format(fee), cost: format(notional + fee), riskToStop, refusal: reason };
  }

  /** Cancels an open order. Returns it (cancelled already for paper; live confirms later). */
  cancel(orderId: string, reason = 'cancelled by the user'): Order {
    return this.#guard(() => {
      const rec = this.#requireOpen(orderId, 'cancel');
      this.#cancel(rec, reason, this.#clock.now());
      return this.#wire(rec);
    });
  }

  /**
   * Cancels every open order (of one symbol, and of one ledger, when given). `keepReduceOnly` leaves the
   * reduce-only ones working: stops and targets protecting a position can only take risk off (the kill switch).
   */
  cancelAll(filter: { symbol?: string | undefined; ledger?: string | undefined; keepReduceOnly?: boolean | undefined } = {}, reason = 'cancelled by the user (cancel all)'): Order[] {
    return this.#guard(() => {
      const ts = this.#clock.now();
      const targets = this.#open.values().filter((o) => (filter.symbol === undefined || o.symbol === filter.symbol) && (filter.ledger === undefined || o.ledger === filter.ledger) && !(filter.keepReduceOnly && o.reduceOnly));
      // One cancel the journal cannot save does not stop the others (each is its own commit, unless a
      // caller's batch holds them all); the engine reloads itself from the journal when this call ends.
      let failed = 0;
      let why = '';
      for (const rec of targets) {
        if (!isOpen(rec.status)) continue;
        try {
          this.#cancel(rec, reason, ts);
        } catch (e) {
          if (!this.#stale) throw e;
          if (failed++ === 0) why = e instanceof Error ? e.message : String(e);
        }
      }
      if (failed > 0) {
        const all = failed === targets.length;
        const what = all ? (failed === 1 ? 'the order' : `all ${failed} orders`) : `${failed} of ${targets.length} orders`;
        throw new KeelError('internal', `the journal could not save the cancel of ${what} (${why}); ${failed === 1 ? 'it is' : 'they are'} still open${all ? '' : ', the others are cancelled'}`);
      }
      return targets.map((r) => this.#wire(r));
    });
  }

  /**
   * Before a ledger closes part of its position itself (a strategy scaling out): its working bracket
   * children on `side` are cut to `keep` each, what will be left, so they and the sale never close the
   * same coins; one cut to nothing is cancelled. Once the sale fills, the brackets follow the position as
   * after any fill; `resyncExits` puts them back to the position if the sale never came.
   */
  trimExits(symbol: string, ledger: string, side: Side, keep: Dec, reason: string): void {
    this.#guard(() => {
      const ts = this.#clock.now();
      for (const rec of this.#open.values()) {
        if (rec.parentId === null || rec.symbol !== symbol || rec.ledger !== ledger || rec.side !== side || !isOpen(rec.status) || rec.status === 'new') continue;
        const remaining = rec.qty - rec.filledQty;
        if (remaining <= keep) continue;
        if (keep === 0n) this.#cancel(rec, reason, ts);
        else this.#resize(rec, { qty: rec.filledQty + keep }, ts);
      }
    });
  }

  /** Sizes a ledger's brackets and reduce-only orders to its position again (after trimExits without a sale). */
  resyncExits(symbol: string, ledger: string): void {
    this.#guard(() => this.#afterPositionChange(symbol, ledger, this.#clock.now()));
  }

  /** Changes the quantity, price or trigger of an open order; refused changes leave it as it was. */
  modify(orderId: string, request: ModifyRequest): Order {
    return this.#guard(() => {
      const rec = this.#requireOpen(orderId, 'modify');
      if (rec.status === 'new') throw new KeelError('conflict', `order ${orderId} is not yet accepted by the venue; modify it once it is`);
      const changes = checkModify(rec, request, {
        rules: this.#rules.rules(rec.symbol),
        lastPrice: () => this.#lastPrice(rec.symbol),
        mode: this.#mode,
        freeBase: () => this.#portfolio.qty(rec.symbol, rec.ledger) - this.#reserved.base(rec.symbol, rec.ledger, rec.id),
        freeCash: () => this.#portfolio.cash - this.#reserved.cash(rec.id),
        takerRate: () => this.#gate.info.feeRates(rec.symbol).taker,
        quoteAsset: this.quoteAsset,
      });
      const ts = this.#clock.now();
      const added = changes.qty !== undefined ? changes.qty - rec.qty : 0n;
      if (rec.emulated && !rec.triggered) {
        if (added > 0n) {
          const refusal = this.#gate.check(this.#riskOrder(rec, added), this.#riskContext(rec));
          if (refusal) throw new OrderRefusedError({ field: 'qty', message: `risk: ${refusal.message}`, code: 'conflict', kind: refusal.rule });
        }
        this.#applyChanges(rec, changes, ts);
        return this.#wire(rec);
      }
      // A venue that cannot amend a resting order: refused, where the answer said ok and the old price stayed on the exchange.
      if (this.#gate.info.amendsOrders === false) throw new KeelError('conflict', `${this.#gate.info.account} cannot change an order resting on the exchange: cancel order ${orderId} and place a new one`);
      const refusal = this.#gate.modify(this.#gateOrder(rec, ts), changes, added, this.#riskContext(rec));
      // What refused it, as data: the rule's id, as a placed order's rejection carries it (#reject).
      if (refusal) throw new OrderRefusedError({ field: 'qty', message: `risk: ${refusal.message}`, code: 'conflict', kind: refusal.rule });
      return this.#wire(rec);
    });
  }

  /**
   * Closes a ledger's position with a reduce-only market order, after cancelling that ledger's orders
   * on the closing side (they hold the coins the close needs). `origin` says who closed it.
   */
  closePosition(symbol: string, ledger: string, origin: Origin, tag?: string): Order {
    return this.#guard(() => {
      const qty = this.#portfolio.qty(symbol, ledger);
      if (qty === 0n) throw new KeelError('conflict', `the ${ledger} ledger has no ${symbol} position to close`);
      const side: Side = qty > 0n ? 'sell' : 'buy';
      this.#cancelSide(symbol, ledger, side, `cancelled to close the ${ledger} ${symbol} position`);
      return this.submit({ symbol, side, type: 'market', qty: format(abs(qty)), reduceOnly: true, ...(tag === undefined ? {} : { tag }) }, origin, { ledger });
    });
  }

  /** Turns a long into a short of the same size or back (margin accounts), with one market order. */
  reversePosition(symbol: string, ledger: string, origin: Origin): Order {
    return this.#guard(() => {
      const qty = this.#portfolio.qty(symbol, ledger);
      if (qty === 0n) throw new KeelError('conflict', `the ${ledger} ledger has no ${symbol} position to reverse`);
      if (this.#mode === 'spot') throw new KeelError('conflict', `a spot account cannot go short, so the ${ledger} ${symbol} long cannot be reversed; close it instead, or use a margin account`);
      const side: Side = qty > 0n ? 'sell' : 'buy';
      this.#cancelSide(symbol, ledger, side, `cancelled to reverse the ${ledger} ${symbol} position`);
      return this.submit({ symbol, side, type: 'market', qty: format(2n * abs(qty)) }, origin, { ledger });
    });
  }

  /** Records a strategy's or the AI's signal beside the orders it leads to. */
  recordSignal(origin: Origin, symbol: string, kind: string, payload: unknown): void {
    this.#journal.writeSignal({ ts: this.#clock.now(), origin, symbol, kind, payload: JSON.stringify(payload ?? null) });
  }

  // ---------------------------------------------------------------- reading

  order(id: string): Order | null {
    const rec = this.#open.get(id) ?? this.#journal.findOrder(this.account, id);
    return rec ? this.#wire(rec) : null;
  }

  /**
   * Cash the account's open orders hold (their cost, fees included), as a float: what a new entry may not
   * spend. Two strategies on one account signalling on one bar: the second sized from the whole cash, the
   * first's order still working, and its entry was refused instead of cut to what was left.
   */
  heldByOrdersFloat(): number {
    return this.#open.size === 0 ? 0 : toNumber(this.#reserved.cash());
  }

  /** The engine's live record of an open order (backtests); null once it is closed. */
  openOrder(id: string): Readonly<OrderRecord> | null {
    return this.#open.get(id) ?? null;
  }

  openOrders(): Readonly<OrderRecord>[] {
    return this.#open.values();
  }

  orders(query: { status: 'open' | 'all'; limit: number }): Order[] {
    if (query.status === 'open') return this.#open.values().sort((a, b) => b.seq - a.seq).slice(0, query.limit).map((r) => this.#wire(r));
    return this.#journal.orders(this.account, query).map((r) => this.#wire(this.#open.get(r.id) ?? r));
  }

  /** The latest fills in the order they were written, newest first. */
  fills(query: { symbol?: string | undefined; limit: number }): Fill[] {
    return this.#withTags(this.#journal.fills(this.account, query));
  }

  /**
   * The fills tab's page (trading.fills): newest first by (ts, id), after `before`. Not write order: a
   * replay started over writes fills earlier in market time than ones already written.
   */
  fillPage(query: FillPageQuery): Fill[] {
    return this.#withTags(this.#journal.fillPage(this.account, query));
  }

  /** Each fill with its order's tag (an order's partial fills share one look-up). */
  #withTags(records: FillRecord[]): Fill[] {
    const tags = new Map<string, string | null>();
    const tagOf = (orderId: string): string | null => {
      let tag = tags.get(orderId);
      if (tag === undefined) {
        tag = (this.#open.get(orderId) ?? this.#journal.findOrder(this.account, orderId))?.tag ?? null;
        tags.set(orderId, tag);
      }
      return tag;
    };
    return records.map((f) => toWireFill(f, tagOf(f.orderId)));
  }

  /** A market's rules as this account checks orders against them, and the fee rates it charges there; null for a market it does not know. */
  marketRules(symbol: string): { rules: MarketRules; fees: FeeRates } | null {
    const rules = this.#rules.rules(symbol);
    return rules ? { rules, fees: this.#gate.info.feeRates(symbol) } : null;
  }

  /** The account's positions, exact, marked at the last price of each symbol. */
  positions(): Position[] {
    const out: Position[] = [];
    // A position a failed write made and the reload emptied was never saved (Portfolio.restore).
    for (const p of this.#portfolio.positions()) if (p.qty !== 0n || p.updatedAt === p.updatedAt) out.push(this.#wirePosition(p));
    return out;
  }

  /** Cash, holdings, equity and P&L. */
  accountSnapshot(): Account {
    const pf = this.#portfolio;
    const locked = this.#heldCash();
    const balances = [{ asset: this.quoteAsset, free: format(pf.cash - locked), locked: format(locked) }];
    const held = new Map<string, { total: Dec; locked: Dec }>();
    const lockedBySymbol = this.#reserved.baseBySymbol();
    for (const p of pf.positions()) {
      const base = splitSymbol(p.symbol).base;
      const h = held.get(base) ?? { total: 0n, locked: 0n };
      h.total += p.qty;
      held.set(base, h);
    }
    for (const [symbol, amount] of lockedBySymbol) {
      const h = held.get(splitSymbol(symbol).base);
      if (h) h.locked += amount;
    }
    for (const [asset, h] of [...held].sort(([a], [b]) => a.localeCompare(b))) {
      if (h.total === 0n && h.locked === 0n) continue;
      balances.push({ asset, free: format(h.total - h.locked), locked: format(h.locked) });
    }
    let unrealized = 0n;
    for (const p of pf.positions()) unrealized += pf.unrealizedExact(p);
    const owed = pf.interestOwedTotal(this.#clock.now());
    const other: AccountKind = this.#mode === 'spot' ? 'margin' : 'spot';
    return {
      mode: this.#gate.info.kind,
      account: this.account,
      kind: this.#mode,
      kindChangeRefusal: this.kindChangeRefusal(other),
      quoteAsset: this.quoteAsset,
      balances,
      equity: format(pf.equity() - owed),
      realizedPnl: format(pf.realizedPnl),
      unrealizedPnl: format(unrealized),
      feesPaid: format(pf.feesPaid),
      borrowRatePct: format(pf.borrowRatePct),
      interestPaid: format(pf.interestPaid),
      interestOwed: format(owed),
      updatedAt: Math.max(pf.updatedAt, 0),
    };
  }

  /** Read access to the account for backtests and reports: cash, positions, marks, equity. */
  get portfolio(): Readonly<Pick<Portfolio, 'cash' | 'realizedPnl' | 'feesPaid' | 'startBalance' | 'qty' | 'qtyFloat' | 'cashFloat' | 'position' | 'positions' | 'equity' | 'equityFloat' | 'unrealized' | 'unrealizedExact' | 'markOf' | 'shortLiability' | 'shortValueFloat' | 'interestPaid' | 'interestOwed' | 'interestOwedTotal' | 'borrowRateFloat'>> {
    return this.#portfolio;
  }

  /**
   * Marks a symbol's positions at `price` and nothing else: the price reaches no broker and no trigger.
   * For a backtest that tells the risk room of a bar's extreme after the bar's fills are made, then marks
   * the close back (run-backtest.ts, hearExtremes): the fills came from the feed's walk of the bar.
   */
  markAt(symbolId: number, price: number): void {
    this.#portfolio.mark(symbolId, price);
  }

  /** Whether any ledger holds a position (long or short) in `symbol`. */
  holdsPosition(symbol: string): boolean {
    const positions = this.#portfolio.positions();
    for (let i = 0; i < positions.length; i++) if (positions[i]!.qty !== 0n && positions[i]!.symbol === symbol) return true;
    return false;
  }

  /**
   * Holds (true) or releases the marks of `symbol`: held, its prices still reach the broker, but its
   * positions read no mark and no unrealized P&L (equity counts them at cost) until released. The app
   * holds them while the prices come from another market source than the one the positions were opened
   * on (market-candle-feed.ts). Publishes the positions when that changes what they show.
   */
  holdMarks(symbol: string, held: boolean): void {
    const id = this.#feed.symbols.find(symbol);
    if (id === -1) return;
    const was = this.#portfolio.markOf(id);
    this.#sink.hold(id, held);
    if (held && was === was && this.#events) {
      this.#events.emit('trading.positions', { account: this.account, positions: this.positions() });
      this.#events.emit('trading.account', this.accountSnapshot());
    }
  }

  /**
   * Sends the positions and account snapshots to the UI if any position is open: the app calls this
   * after a market tick so unrealized P&L moves on screen; nothing is built when no one listens.
   */
  publishMarks(): void {
    if (!this.#events) return;
    if (!this.#portfolio.positions().some((p) => p.qty !== 0n)) return;
    this.#events.emit('trading.positions', { account: this.account, positions: this.positions() });
    this.#events.emit('trading.account', this.accountSnapshot());
  }

  /** Stops listening to the feed and closes the broker (through the gate). */
  close(): void {
    this.#unsubscribe();
    this.#gate.close();
  }

  // ---------------------------------------------------------------- broker reports

  #listener(): BrokerListener {
    return {
      // The two reports every order brings: #guard written out, no closure per report.
      accepted: (id, ts, exchangeOrderId) => {
        this.#depth++;
        try {
          this.#accepted(id, ts, exchangeOrderId);
        } finally {
          if (--this.#depth === 0) this.#exit();
        }
      },
      rejected: (id, ts, reason) => this.#guard(() => this.#ended(id, ts, 'rejected', reason)),
      filled: (fill) => {
        this.#depth++;
        try {
          this.#filled(fill);
        } finally {
          if (--this.#depth === 0) this.#exit();
        }
      },
      cancelled: (id, ts, reason) => this.#guard(() => this.#ended(id, ts, 'cancelled', reason)),
      expired: (id, ts, reason, by) => this.#guard(() => this.#ended(id, ts, 'expired', reason, by)),
      triggered: (id, ts) =>
        this.#guard(() => {
          const rec = this.#open.get(id);
          if (!rec || rec.triggered) return;
          rec.triggered = true;
          rec.updatedAt = ts;
          this.#record(rec, 'triggered', null);
        }),
      modified: (id, ts, changes) =>
        this.#guard(() => {
          const rec = this.#open.get(id);
          if (rec) this.#applyChanges(rec, changes, ts);
        }),
      trailMoved: (id, ts, extreme) =>
        this.#guard(() => {
          const rec = this.#open.get(id);
          if (rec) this.#trailMoved(rec, ts, extreme);
        }),
      // The status stays (the order is as open as it was); the note is its reason, and in its history.
      noted: (id, ts, note) =>
        this.#guard(() => {
          const rec = this.#open.get(id);
          if (!rec) return;
          rec.reason = note;
          rec.updatedAt = ts;
          this.#record(rec, 'noted', note);
        }),
      // The paper venue's balance: a spot buy may spend the cash no other open order holds (live venues keep their own).
      cashFor: (id) => (this.#mode === 'spot' ? this.#portfolio.cash - this.#reserved.cashBesides(id) : this.#marginCashFor(id)),
      together: (fn) => this.#guard(fn),
    };
  }

  #accepted(id: string, ts: number, exchangeOrderId: string | null): void {
    const rec = this.#open.get(id);
    if (!rec) return this.#unknown('accepted', id);
    if (exchangeOrderId !== null) rec.exchangeOrderId = exchangeOrderId;
    if (rec.status !== 'new') {
      // An emulated order the engine accepted itself, now live at the venue: only the venue's id is news.
      if (exchangeOrderId !== null) this.#update(rec);
      return;
    }
    transition(rec, 'accepted');
    rec.updatedAt = ts;
    this.#record(rec, 'accepted', null);
  }

  #ended(id: string, ts: number, to: 'rejected' | 'cancelled' | 'expired', reason: string, by?: ExpiredBy): void {
    const rec = this.#open.get(id);
    if (!rec) return this.#unknown(to, id);
    if (by !== undefined) rec.expiredBy = by;
    // A venue that refuses an order the engine had already accepted (an emulated stop, sent when it fired) cancels it.
    const status: OrderStatus = to === 'rejected' && rec.status !== 'new' ? 'cancelled' : to;
    if (status === 'cancelled' && rec.status === 'new') transition(rec, 'accepted');
    transition(rec, status, to === 'rejected' && status === 'cancelled' ? `the venue refused it when it fired: ${reason}` : reason);
    rec.updatedAt = ts;
    this.#untrack(rec);
    this.#record(rec, status, rec.reason, true);
    const role = this.#roles.get(rec.id);
    if (role) this.#roles.delete(rec.id);
    this.#dropBracketIfDone(role?.state ?? this.#brackets.get(rec.id));
  }

  #filled(f: BrokerFill): void {
    const rec = this.#open.get(f.orderId);
    if (!rec) return this.#unknown('filled', f.orderId);
    if (rec.status === 'new') {
      // Live venues can report a fill before the acknowledgement.
      transition(rec, 'accepted');
      this.#record(rec, 'accepted', null);
    }
    rec.filledQty += f.qty;
    const notional = mul(f.qty, f.price);
    rec.filledNotional += notional;
    rec.feesPaid += f.fee;
    rec.updatedAt = f.ts;
    const status: OrderStatus = rec.filledQty >= rec.qty ? 'filled' : 'partially_filled';
    transition(rec, status);
    this.#reserved.update(rec);
    const effect = this.#portfolio.applyFill(rec.symbol, rec.ledger, rec.side, f.qty, f.price, f.fee, f.ts, notional);
    const fill: FillRecord = {
      seq: ++this.#fillSeq,
      id: `${this.#idPrefix}f${this.#fillSeq}`,
      orderId: rec.id,
      clientOrderId: rec.clientOrderId,
      account: this.account,
      symbol: rec.symbol,
      side: rec.side,
      price: f.price,
      qty: f.qty,
      fee: f.fee,
      feeAsset: f.feeAsset,
      interest: effect.interest,
      liquidity: f.liquidity,
      origin: rec.origin,
      ledger: rec.ledger,
      ts: f.ts,
    };
    const pf = this.#portfolio;
    try {
      this.#journal.writeFill(fill, rec, { orderId: rec.id, ts: f.ts, kind: status, status, detail: fill.id }, positionRecord(this.account, effect.position), {
        account: this.account,
        ts: f.ts,
        cash: pf.cash,
        realizedPnl: pf.realizedPnl,
        feesPaid: pf.feesPaid,
        interestPaid: pf.interestPaid,
        cause: fill.id,
      });
    } catch (e) {
      this.#notSaved(e);
      throw e;
    }
    if (this.#journalFailing) this.#savedAgain = true;
    if (status === 'filled') this.#untrack(rec, true);
    if (this.#events) {
      this.#outbox.push(['trading.order', this.#wire(rec)], ['trading.fill', toWireFill(fill, rec.tag)]);
      this.#portfolioDirty = true;
    }
    // Most orders are no bracket's child: an empty map is not searched.
    const role = this.#roles.size === 0 ? undefined : this.#roles.get(rec.id);
    if (role) {
      role.state.childrenFilled += f.qty;
      if (role.index >= 0) role.state.tpFilled[role.index] = role.state.tpFilled[role.index]! + f.qty;
      if (status === 'filled') this.#roles.delete(rec.id);
    }
    if (this.#brackets.size > 0 || this.#reduceOnlyOpen > 0) this.#afterPositionChange(rec.symbol, rec.ledger, f.ts);
  }

  #trailMoved(rec: OrderRecord, ts: number, extreme: number): void {
    rec.trailExtreme = extreme;
    rec.updatedAt = ts;
    this.#update(rec);
    if (this.#events) this.#outbox.push(['trading.order', this.#wire(rec)]);
  }

  /** An emulated trigger fired: the order goes to the venue as what it becomes (market, or limit at its price). */
  #emulatedFired(rec: OrderRecord, ts: number): void {
    if (!isOpen(rec.status)) return;
    rec.triggered = true;
    rec.updatedAt = ts;
    this.#record(rec, 'triggered', null);
    const refusal = this.#gate.submit(this.#gateOrder(rec, ts), this.#riskContext(rec));
    if (refusal) this.#ended(rec.id, ts, 'cancelled', `risk refused it when it fired: ${refusal.message}`);
  }

  // ---------------------------------------------------------------- brackets and reduce-only

  /** After a fill moved a ledger's position: resize brackets and reduce-only orders to what is left to close. */
  #afterPositionChange(symbol: string, ledger: string, ts: number): void {
    for (const state of [...this.#brackets.values()]) {
      if (state.entry.symbol === symbol && state.entry.ledger === ledger) this.#syncBracket(state, ts);
    }
    if (this.#reduceOnlyOpen === 0) return;
    const pos = this.#portfolio.qty(symbol, ledger);
    for (const rec of this.#open.values()) {
      if (!rec.reduceOnly || rec.symbol !== symbol || rec.ledger !== ledger || this.#roles.has(rec.id) || !isOpen(rec.status) || rec.status === 'new') continue;
      const allowed = rec.side === 'sell' ? (pos > 0n ? pos : 0n) : pos < 0n ? -pos : 0n;
      const remaining = rec.qty - rec.filledQty;
      if (remaining <= allowed) continue;
      if (allowed === 0n) this.#cancel(rec, `reduce-only: the ${ledger} ${symbol} position it would reduce is closed`, ts);
      else this.#resize(rec, { qty: rec.filledQty + allowed }, ts);
    }
  }

  #syncBracket(state: BracketState, ts: number): void {
    const e = state.entry;
    const b = e.bracket!;
    const rules = this.#rules.rules(e.symbol);
    if (!rules) return;
    const plan = planBracket(e.filledQty, state.childrenFilled, (b.takeProfits ?? []).map((t) => t.fraction), state.tpFilled, rules.stepSize);
    // Never protect more than the ledger holds: a manual sell (or another bracket) may have taken some.
    const pos = this.#portfolio.qty(e.symbol, e.ledger);
    const held = e.side === 'buy' ? (pos > 0n ? pos : 0n) : pos < 0n ? -pos : 0n;
    const cap = (q: Dec) => (q > held ? held : q);
    if (b.stopLoss || b.trailingStop) state.stop = this.#sizeChild(state, -1, state.stop, cap(plan.stop), ts);
    let left = held;
    plan.takeProfits.forEach((want, i) => {
      const q = want > left ? left : want;
      left -= q;
      state.takeProfits[i] = this.#sizeChild(state, i, state.takeProfits[i] ?? null, q, ts);
    });
    this.#dropBracketIfDone(state);
  }

  /** Makes a child have `want` still working: resize it, cancel it, or place a new one. */
  #sizeChild(state: BracketState, index: number, cur: OrderRecord | null, want: Dec, ts: number): OrderRecord | null {
    const live = cur && isOpen(cur.status) && cur.status !== 'new' ? cur : null;
    if (want === 0n) {
      if (live) this.#cancel(live, 'bracket: nothing left to protect', ts);
      return cur;
    }
    if (live) {
      const changes: OrderChanges = {};
      const total = live.filledQty + want;
      if (total !== live.qty) changes.qty = total;
      // A percent leg follows the entry's average fill as more of the entry fills.
      const level = this.#percentLevel(state, index);
      if (level !== null && index < 0 && live.triggerPrice !== level) changes.triggerPrice = level;
      if (level !== null && index >= 0 && live.price !== level) changes.price = level;
      if (changes.qty !== undefined || changes.price !== undefined || changes.triggerPrice !== undefined) this.#resize(live, changes, ts);
      return live;
    }
    if (cur && cur.status === 'new') return cur;
    return this.#placeChild(state, index, want, ts);
  }

  /** Where a percent leg (the stop at index -1, else a target) sits now, from the entry's average fill; null for a price leg or a trailing stop. */
  #percentLevel(state: BracketState, index: number): Dec | null {
    const e = state.entry;
    const b = e.bracket!;
    const stop = index < 0 && !b.trailingStop ? b.stopLoss : undefined;
    const target = index < 0 ? undefined : b.takeProfits?.[index];
    const percent = (stop && 'percent' in stop) || (target && 'percent' in target);
    const base = percent ? averageFill(e) : null;
    const tick = this.#rules.rules(e.symbol)?.tickSize;
    if (base === null || tick === undefined) return null;
    return stop ? stopTrigger(stop, e.side, base, tick) : targetPrice(target!, e.side, base, tick);
  }

  #placeChild(state: BracketState, index: number, qty: Dec, ts: number): OrderRecord {
    const e = state.entry;
    const b = e.bracket!;
    const side: Side = e.side === 'buy' ? 'sell' : 'buy';
    let params: OrderShape;
    let ref: Dec;
    let trailFrom: number | null = null;
    if (index < 0 && b.trailingStop) {
      // Trails from the best of the entry's fill and the price it arrives at (a long's higher, a short's
      // lower): a stop PCT from what was paid at worst, as the entry was sized (risk-per-trade counts it so)
      // and as Freqtrade's trails from its open rate. From the market alone, an entry's slippage widened it.
      params = { symbol: e.symbol, side, type: 'trailing-stop', trail: b.trailingStop, timeInForce: 'GTC', reduceOnly: true, postOnly: false };
      ref = this.#lastPrice(e.symbol) ?? e.refPrice;
      const paid = averageFill(e);
      if (paid !== null) trailFrom = exactNumber(e.side === 'buy' ? maxDec(paid, ref) : minDec(paid, ref));
    } else {
      // A percent leg is set from what the entry has filled at so far (#sizeChild moves it as more fills).
      const base = averageFill(e) ?? e.refPrice;
      const tick = this.#rules.rules(e.symbol)!.tickSize;
      if (index < 0) {
        const sl = b.stopLoss!;
        const limit = 'percent' in sl ? undefined : sl.price;
        ref = stopTrigger(sl, e.side, base, tick);
        params = { symbol: e.symbol, side, type: limit === undefined ? 'stop-market' : 'stop-limit', triggerPrice: format(ref), price: limit, timeInForce: 'GTC', reduceOnly: true, postOnly: false };
        if (limit !== undefined) ref = dec(limit);
      } else {
        ref = targetPrice(b.takeProfits![index]!, e.side, base, tick);
        params = { symbol: e.symbol, side, type: 'limit', price: format(ref), timeInForce: 'GTC', reduceOnly: true, postOnly: false };
      }
    }
    const rec = this.#newRecord(params, qty, e.origin, e.ledger, ref, ts);
    if (trailFrom !== null) rec.trailExtreme = trailFrom;
    rec.parentId = e.id;
    rec.ocoGroup = `oco-${e.id}`;
    this.#roles.set(rec.id, { state, index });
    this.#track(rec);
    this.#record(rec, 'new', `bracket ${index < 0 ? (b.trailingStop ? 'trailing stop' : 'stop-loss') : `take-profit ${index + 1}`} of ${e.id}`);
    this.#send(rec, ts);
    return rec;
  }

  #dropBracketIfDone(state: BracketState | undefined): void {
    if (!state || isOpen(state.entry.status)) return;
    const working = (state.stop && isOpen(state.stop.status)) || state.takeProfits.some((t) => t && isOpen(t.status));
    if (!working) this.#brackets.delete(state.entry.id);
  }

  /** Cancels a ledger's open orders on one side of a symbol (before closing or reversing its position). */
  #cancelSide(symbol: string, ledger: string, side: Side, reason: string): void {
    const ts = this.#clock.now();
    for (const rec of this.#open.values()) {
      if (rec.symbol === symbol && rec.ledger === ledger && rec.side === side) this.#cancel(rec, reason, ts);
    }
  }

  // ---------------------------------------------------------------- internals

  #send(rec: OrderRecord, ts: number): void {
    const ctx = this.#riskContext(rec);
    if (rec.emulated && !rec.triggered) {
      const refusal = this.#gate.check(this.#riskOrder(rec, rec.qty - rec.filledQty), ctx);
      if (refusal) return this.#reject(rec, ts, refusal);
      // The engine holds the trigger: it is the venue for this order until it fires.
      transition(rec, 'accepted');
      rec.updatedAt = ts;
      this.#record(rec, 'accepted', 'held by the engine (emulated trigger)');
      this.#emulator.add(rec, this.#feed.symbols.id(rec.symbol));
      return;
    }
    const refusal = this.#gate.submit(this.#gateOrder(rec, ts), ctx);
    if (refusal) this.#reject(rec, ts, refusal);
  }

  #reject(rec: OrderRecord, ts: number, refusal: RiskRefusal): void {
    transition(rec, 'rejected', `risk: ${refusal.message}`);
    rec.refusedBy = refusal.rule;
    rec.updatedAt = ts;
    this.#untrack(rec);
    this.#record(rec, 'rejected', rec.reason);
    this.#roles.delete(rec.id);
    this.#brackets.delete(rec.id);
  }

  #cancel(rec: OrderRecord, reason: string, ts: number): void {
    if (rec.emulated && !rec.triggered) {
      this.#emulator.remove(rec.id, this.#feed.symbols.id(rec.symbol));
      this.#ended(rec.id, ts, 'cancelled', reason);
      return;
    }
    this.#gate.cancel(rec.id, reason);
  }

  /**
   * Engine-made changes (brackets, reduce-only): a quantity that only ever moves toward flat, and a bracket
   * child's percent level following its entry's average fill.
   */
  #resize(rec: OrderRecord, changes: OrderChanges, ts: number): void {
    if (rec.emulated && !rec.triggered) {
      this.#applyChanges(rec, changes, ts);
      return;
    }
    const added = changes.qty === undefined ? 0n : changes.qty - rec.qty;
    const refusal = this.#gate.modify(this.#gateOrder(rec, ts), changes, added, this.#riskContext(rec));
    if (refusal) this.#log?.warn('trading', `risk refused changing ${rec.id}${changes.qty === undefined ? '' : ` to ${format(changes.qty)}`}: ${refusal.message}`);
  }

  #applyChanges(rec: OrderRecord, changes: OrderChanges, ts: number): void {
    const parts: string[] = [];
    if (changes.qty !== undefined && changes.qty !== rec.qty) {
      parts.push(`qty ${format(rec.qty)} → ${format(changes.qty)}`);
      rec.qty = changes.qty;
    }
    if (changes.price !== undefined && changes.price !== rec.price) {
      parts.push(`price ${rec.price === null ? '-' : format(rec.price)} → ${format(changes.price)}`);
      rec.price = changes.price;
    }
    if (changes.triggerPrice !== undefined && changes.triggerPrice !== rec.triggerPrice) {
      parts.push(`trigger ${rec.triggerPrice === null ? '-' : format(rec.triggerPrice)} → ${format(changes.triggerPrice)}`);
      rec.triggerPrice = changes.triggerPrice;
      if (rec.emulated && !rec.triggered) this.#emulator.retrigger(rec.id, this.#feed.symbols.id(rec.symbol));
    }
    if (parts.length === 0) return;
    rec.refPrice = rec.price ?? (rec.type !== 'trailing-stop' ? rec.triggerPrice : null) ?? rec.refPrice;
    rec.updatedAt = ts;
    this.#reserved.update(rec);
    this.#record(rec, 'modified', parts.join(', '));
  }

  #newRecord(p: OrderShape, qty: Dec, origin: Origin, ledger: string, refPrice: Dec, ts: number): OrderRecord {
    const seq = ++this.#seq;
    return {
      seq,
      id: `${this.#idPrefix}${seq}`,
      clientOrderId: p.clientOrderId ?? `k-${seq.toString(36)}${this.#clientIdSuffix}`,
      account: this.account,
      symbol: p.symbol,
      side: p.side,
      type: p.type,
      qty,
      filledQty: 0n,
      filledNotional: 0n,
      feesPaid: 0n,
      price: p.price === undefined ? null : dec(p.price),
      triggerPrice: p.triggerPrice === undefined ? null : dec(p.triggerPrice),
      trail: p.trail ?? null,
      trailExtreme: null,
      timeInForce: p.timeInForce,
      reduceOnly: p.reduceOnly,
      postOnly: p.postOnly,
      status: 'new',
      triggered: false,
      parentId: null,
      ocoGroup: null,
      bracket: p.bracket ?? null,
      origin,
      ledger,
      reason: null,
      tag: p.tag ?? null,
      exchangeOrderId: null,
      emulated: isTriggered(p.type) && !this.#gate.info.nativeTypes.has(p.type),
      refPrice,
      createdAt: ts,
      updatedAt: ts,
    };
  }

  #track(rec: OrderRecord): void {
    this.#open.set(rec.id, rec);
    this.#byClientId.set(rec.clientOrderId, rec);
    if (rec.reduceOnly) this.#reduceOnlyOpen++;
    this.#reserved.update(rec);
  }

  /** `reserved`: the caller has just updated the order's reservation (a fill does), so it is not done twice. */
  #untrack(rec: OrderRecord, reserved = false): void {
    if (!reserved) this.#reserved.update(rec);
    if (!this.#open.delete(rec.id)) return;
    this.#byClientId.delete(rec.clientOrderId);
    if (rec.reduceOnly) this.#reduceOnlyOpen--;
    if (rec.emulated) this.#emulator.remove(rec.id, this.#feed.symbols.id(rec.symbol));
  }

  /**
   * Journal first (committed), then the event: nobody hears of a change that is not on disk. `ended`: the
   * order has just ended without a fill, and only its status, reason and time changed (writeEnd).
   */
  #record(rec: OrderRecord, kind: OrderEventKind, detail: string | null, ended = false): void {
    try {
      const event = { orderId: rec.id, ts: rec.updatedAt, kind, status: rec.status, detail };
      if (ended && this.#journal.writeEnd !== undefined) this.#journal.writeEnd(rec, event);
      else this.#journal.writeOrder(rec, event);
    } catch (e) {
      this.#notSaved(e);
      throw e;
    }
    if (this.#journalFailing) this.#savedAgain = true;
    if (this.#events) {
      this.#outbox.push(['trading.order', this.#wire(rec)]);
      this.#accountDirty = true;
    }
  }

  /** A change that is not a state change (the venue's id, a trail's best price): the row only. */
  #update(rec: OrderRecord): void {
    try {
      this.#journal.updateOrder(rec);
    } catch (e) {
      this.#notSaved(e);
      throw e;
    }
    if (this.#journalFailing) this.#savedAgain = true;
  }

  /** Runs an entry point; the outermost one sends the events its journaled changes produced. */
  #guard<T>(fn: () => T): T {
    this.#depth++;
    try {
      return fn();
    } catch (e) {
      throw this.#failure(e);
    } finally {
      if (--this.#depth === 0) this.#exit();
    }
  }

  /** The outermost entry point ends: memory is made to match the journal if it may not, then events go out. */
  #exit(): void {
    if (this.#settles) this.#settle();
    this.#flush();
  }

  /**
   * A failed write is treated as a crash at that moment: the engine reloads orders, positions and cash
   * from the journal (and gives the broker its open orders again, as after a restart) rather than carry
   * on ahead of what is on disk. Inside a caller's transaction (the kill switch's batch) that waits for
   * its end, and a transaction rolled back after the engine wrote in it brings the same reload.
   */
  #settle(): void {
    if (this.#recovering) return;
    if (this.#stale) {
      // Events for changes that are not on disk; the reload sends what is.
      this.#outbox = [];
      this.#portfolioDirty = this.#accountDirty = false;
      this.#recoveryQueued = true;
      this.#savedAgain = false;
    }
    if (this.#watching) return;
    this.#watching = true;
    this.#journal.afterTransaction!(this.#transactionEnded);
  }

  /** Once per outer transaction (at once when there is none): made once, as it is handed over at every entry point's end. */
  readonly #transactionEnded = (committed: boolean): void => {
    this.#watching = false;
    if (!committed || this.#recoveryQueued) this.#recover();
    else if (this.#savedAgain) this.#journalSaves();
  };

  /** A failed write: memory may be ahead of the journal until the entry point ends and the engine reloads. */
  #notSaved(e: unknown): void {
    this.#stale = true;
    this.#writeError ??= e instanceof Error ? e.message : String(e);
  }

  /** A write went through and was committed while the screen showed the journal failing: it saves again. */
  #journalSaves(): void {
    this.#savedAgain = false;
    this.#journalFailing = false;
    this.#health.saved();
  }

  #recover(): void {
    this.#recoveryQueued = false;
    if (this.#recovering) return;
    this.#recovering = true;
    this.#savedAgain = false;
    const before = this.#open.values().map((r) => r.id);
    this.#depth++;
    try {
      this.#stale = false;
      this.#outbox = [];
      this.#forget();
      this.#restore(true);
      const held = this.#reloadsSaid.pass();
      if (held !== null) this.#log?.warn('trading', `the ${this.account} account's journal did not save a change; its orders, positions and cash were reloaded from the journal${heldBack(held)}`);
      // A rolled-back caller's transaction with no failed write of the engine's is no journal failure.
      if (this.#writeError !== null || this.#journalFailing) {
        // Already failing (a reload that failed worked now): the first failure's error stays as told.
        this.#journalFailing = true;
        this.#health.failed(this.#writeError ?? this.#health.state?.error ?? '', null);
      }
      this.#writeError = null;
    } catch (e) {
      // The next entry point to end tries again; until then memory may still be ahead of the journal.
      this.#stale = true;
      const why = e instanceof Error ? e.message : String(e);
      this.#log?.error('trading', `the ${this.account} account could not reload itself from its journal after a failed write: ${why}`);
      this.#journalFailing = true;
      this.#health.failed(this.#writeError ?? why, why);
    } finally {
      this.#depth--;
      this.#recovering = false;
    }
    if (this.#stale || !this.#events) return;
    // Every order the screen may show wrongly: those memory held open, and those open on disk.
    const ids = new Set([...before, ...this.#open.values().map((r) => r.id)]);
    for (const id of ids) {
      const rec = this.#open.get(id) ?? this.#journal.findOrder(this.account, id);
      if (rec) this.#outbox.push(['trading.order', this.#wire(rec)]);
    }
    this.#portfolioDirty = true;
    if (this.#depth === 0) this.#flush();
  }

  /** What the caller of a failed entry point hears: a failed write says so, and that nothing was changed. */
  #failure(e: unknown): unknown {
    if (!this.#stale || this.#depth !== 1 || e instanceof KeelError) return e;
    const why = e instanceof Error ? e.message : String(e);
    return new KeelError('internal', `the journal could not save the change (${why}), so it was not made: the orders, positions and cash are as the journal holds them`);
  }

  /** Everything the engine holds about orders and positions, before it reads them from the journal again. */
  #forget(): void {
    this.#open.clear();
    this.#byClientId.clear();
    this.#brackets.clear();
    this.#roles.clear();
    this.#reduceOnlyOpen = 0;
    this.#reserved = new Reservations(this.#mode, (s) => this.#gate.info.feeRates(s).taker);
    this.#emulator.clear();
  }

  #flush(): void {
    const events = this.#events;
    if (!events) return;
    const batch = this.#outbox;
    if (batch.length === 0 && !this.#portfolioDirty && !this.#accountDirty) return;
    this.#outbox = [];
    for (const [name, payload] of batch) {
      if (name === 'trading.order') events.emit(name, payload as Order);
      else events.emit(name, payload as Fill);
    }
    // Flags are taken before emitting: a listener that places an order starts a flush of its own.
    const positions = this.#portfolioDirty;
    const account = positions || this.#accountDirty;
    this.#portfolioDirty = this.#accountDirty = false;
    if (positions) events.emit('trading.positions', { account: this.account, positions: this.positions() });
    if (account) events.emit('trading.account', this.accountSnapshot());
  }

  #wire(rec: OrderRecord): Order {
    return toWireOrder(rec, rec.type === 'trailing-stop' ? (this.#rules.rules(rec.symbol)?.tickSize ?? null) : null);
  }

  /** A position's borrow interest for the wire: only what there is (most positions never pay any). */
  #interestOf(p: PositionState): Pick<Position, 'interestPaid' | 'interestOwed'> {
    const owed = this.#portfolio.interestOwed(p, this.#clock.now());
    return {
      ...(p.interestPaid !== 0n ? { interestPaid: format(p.interestPaid) } : {}),
      ...(owed !== 0n ? { interestOwed: format(owed) } : {}),
    };
  }

  #wirePosition(p: PositionState): Position {
    const pf = this.#portfolio;
    const mark = pf.markOf(p.symbolId);
    const avg = p.avgEntry();
    return {
      symbol: p.symbol,
      ledger: p.ledger,
      qty: format(p.qty),
      avgEntryPrice: avg === null ? null : format(avg),
      realizedPnl: format(p.realizedPnl),
      unrealizedPnl: format(pf.unrealizedExact(p)),
      feesPaid: format(p.feesPaid),
      ...this.#interestOf(p),
      markPrice: mark === mark ? format(decFromNumber(mark)) : null,
      updatedAt: p.updatedAt,
    };
  }

  #requireOpen(orderId: string, what: string): OrderRecord {
    const rec = this.#open.get(orderId);
    if (rec) return rec;
    const past = this.#journal.findOrder(this.account, orderId);
    if (past) throw new KeelError('conflict', `order ${orderId} is ${past.status}; there is nothing to ${what}`);
    throw new KeelError('not_found', `no order ${orderId} in the ${this.account} account`);
  }

  /**
   * Cash that is not free to spend: what open orders hold, and on a margin account twice each short's
   * buy-back value at the mark (its sale proceeds, which are owed, and its 1× collateral). Without the
   * second part a short's proceeds would pay the collateral of the next short, and so on without end.
   * `besides`: an order whose own hold is left out (the order filling now spends it).
   */
  #heldCash(besides?: string): Dec {
    const reserved = besides === undefined ? this.#reserved.cash() : this.#reserved.cashBesides(besides);
    if (this.#mode !== 'margin') return reserved;
    // What a short owes: buying it back at the mark, its 1× collateral, and the interest it ran up so far.
    const pf = this.#portfolio;
    return reserved + 2n * pf.shortLiability() + pf.interestOwedTotal(this.#clock.now());
  }

  /**
   * What a buy on a margin account may spend when it fills: the free cash, as the gate counted it when the
   * order went in (#heldCash), for a buy that opens or adds to a long. The account is 1× collateral, so a long
   * borrows nothing: a gap up between the signal and the fill once took the cash below zero, a loan of the
   * quote that paid no interest. A buy that covers a short is never cut (it frees its collateral): null.
   */
  #marginCashFor(id: string): Dec | null {
    const rec = this.#open.get(id);
    if (rec === undefined) return null;
    const pos = this.#portfolio.position(rec.symbol, rec.ledger);
    if (pos !== undefined && pos.qty < 0n) return null;
    return this.#portfolio.cash - this.#heldCash(id);
  }

  #lastPrice(symbol: string): Dec | null {
    const id = this.#feed.symbols.find(symbol);
    const m = id === -1 ? Number.NaN : this.#portfolio.markOf(id);
    if (m !== m) return null;
    // A mark is made exact once, not at every order and check that reads it.
    if (this.#exactMarkOf[id] === m) return this.#exactMark[id]!;
    const exact = decFromNumber(m);
    this.#exactMarkOf[id] = m;
    this.#exactMark[id] = exact;
    return exact;
  }

  /**
   * What validation reads, in one object per engine refilled per order: validateOrder only reads it, and
   * its two callers read it back before anything else can ask for it again.
   */
  #validationContext(symbol: string, ledger: string): ValidationContext {
    const pos = this.#portfolio.qty(symbol, ledger);
    const ctx = (this.#validation ??= {
      quoteAsset: this.quoteAsset,
      mode: this.#mode,
      lastPrice: null,
      quoteFree: 0n,
      positionQty: 0n,
      baseFree: 0n,
      takerRate: 0n,
      ledger,
      knownSymbols: this.#knownSymbols,
    });
    ctx.lastPrice = this.#lastPrice(symbol);
    ctx.quoteFree = this.#portfolio.cash - this.#heldCash();
    ctx.positionQty = pos;
    ctx.baseFree = pos - this.#reserved.base(symbol, ledger);
    ctx.takerRate = this.#gate.info.feeRates(symbol).taker;
    ctx.ledger = ledger;
    return ctx;
  }

  #riskOrder(rec: OrderRecord, qty: Dec): RiskOrder {
    return { id: rec.id, symbol: rec.symbol, side: rec.side, type: rec.type, qty, refPrice: rec.refPrice, reduceOnly: rec.reduceOnly, ledger: rec.ledger, origin: rec.origin, stopPrice: stopOf(rec) };
  }

  #riskContext(rec: OrderRecord): RiskContext {
    return this.#riskContextFor(rec.symbol, rec.ledger, rec.id);
  }

  #riskContextFor(symbol: string, ledger: string, exclude: string | null): RiskContext {
    const pf = this.#portfolio;
    const reserved = this.#reserved;
    return new CheckContext(
      this.quoteAsset,
      pf.qty(symbol, ledger),
      reserved.pending(symbol, ledger, true, exclude),
      reserved.pending(symbol, ledger, false, exclude),
      this.#lastPrice(symbol),
      pf,
      this.#clock.now(),
      this.#riskAccount,
    );
  }

  /** The trigger of the ledger's open stop on the other side of `side` in the symbol (a position's protection), or null. */
  #protectiveStop(symbol: string, ledger: string, side: Side): Dec | null {
    let best: Dec | null = null;
    for (const rec of this.#open.view()) {
      if (rec.symbol !== symbol || rec.ledger !== ledger || rec.side === side || rec.triggerPrice === null) continue;
      if (rec.type !== 'stop-market' && rec.type !== 'stop-limit') continue;
      // The nearest stop is the one that ends the trade first.
      if (best === null || (side === 'buy' ? rec.triggerPrice > best : rec.triggerPrice < best)) best = rec.triggerPrice;
    }
    return best;
  }

  #gateOrder(rec: OrderRecord, ts: number): GateOrder {
    return toSentOrder(rec, ts, stopOf(rec));
  }

  #unknown(what: string, id: string): void {
    this.#log?.warn('trading', `the broker reported ${what} for order ${id}, which is not open here; ignored`);
  }

  // ---------------------------------------------------------------- restart

  /** `again`: after a failed write, with the broker still holding what it held (it is given the journal's orders instead). */
  #restore(again = false): void {
    const pf = this.#portfolio;
    const balance = this.#journal.latestBalance(this.account);
    pf.restore(balance?.cash ?? pf.startBalance, balance?.realizedPnl ?? 0n, balance?.feesPaid ?? 0n, balance?.interestPaid ?? 0n, this.#journal.positions(this.account));
    const seqs = this.#journal.lastSeq(this.account);
    // Again: ids the failed write took are not handed out twice (a strategy may have seen one).
    this.#seq = again ? Math.max(this.#seq, seqs.order) : seqs.order;
    this.#fillSeq = again ? Math.max(this.#fillSeq, seqs.fill) : seqs.fill;
    const open = this.#journal.openOrders(this.account);
    for (const rec of open) this.#track(rec);
    // Brackets: an open entry with a bracket, or any open child, brings its bracket back.
    const entryIds = new Set<string>();
    for (const rec of open) {
      if (rec.bracket) entryIds.add(rec.id);
      if (rec.parentId) entryIds.add(rec.parentId);
    }
    for (const id of entryIds) {
      const entry = this.#open.get(id) ?? this.#journal.findOrder(this.account, id);
      if (!entry?.bracket) continue;
      const tps = entry.bracket.takeProfits ?? [];
      const state: BracketState = { entry, stop: null, takeProfits: tps.map(() => null), childrenFilled: 0n, tpFilled: tps.map(() => 0n) };
      for (const c of this.#journal.childOrders(this.account, id)) {
        const child = this.#open.get(c.id) ?? c;
        state.childrenFilled += child.filledQty;
        let index = -1;
        if (child.type === 'limit') {
          // A price leg is known by its price; a percent leg's price came from the entry's fill, and the
          // children were placed in the legs' order, so it takes the first such leg still without one.
          const at = (t: TakeProfitLeg) => ('percent' in t ? true : child.price !== null && dec(t.price) === child.price);
          index = tps.findIndex((t, i) => at(t) && state.takeProfits[i] === null);
          if (index === -1) index = tps.findIndex((t, i) => at(t) && !isOpen(state.takeProfits[i]!.status));
          if (index === -1) index = tps.findIndex(at);
          if (index === -1) continue;
          state.tpFilled[index] = state.tpFilled[index]! + child.filledQty;
          if (state.takeProfits[index] === null || isOpen(child.status)) state.takeProfits[index] = child;
        } else if (state.stop === null || isOpen(child.status)) {
          state.stop = child;
        }
        if (isOpen(child.status)) this.#roles.set(child.id, { state, index });
      }
      this.#brackets.set(id, state);
    }
    const toBroker = [];
    const resend: OrderRecord[] = [];
    for (const rec of open) {
      if (rec.status === 'new') resend.push(rec);
      else if (rec.emulated && !rec.triggered) this.#emulator.add(rec, this.#feed.symbols.id(rec.symbol));
      else toBroker.push({ ...toBrokerOrder(rec, rec.updatedAt), ledger: rec.ledger });
    }
    this.#gate.restore(toBroker, again);
    // Orders journaled as new but never acknowledged (a crash between the two): send them again, same client id.
    for (const rec of resend) this.#send(rec, this.#clock.now());
  }
}

/**
 * An order's protective stop as the risk rules read it: its bracket's stop-loss, or where its trailing
 * stop starts, measured from what it filled at (before that, its reference price).
 */
function stopOf(rec: OrderRecord): Dec | null {
  return rec.bracket ? bracketStop(rec.bracket, rec.side, averageFill(rec) ?? rec.refPrice) : null;
}
