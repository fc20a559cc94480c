// The live broker: a real exchange account through ccxt, behind the same Broker interface as the paper
// broker (the engine cannot tell them apart; the risk gate is still the only door).
//
// Placing an order, idempotently (the engine has journaled it as "new" before submit() is called):
//   1. market rules checked here too (tick, step, minimums): a refusal is reported as `rejected` and
//      nothing is sent;
//   2. if the broker has not yet reconciled with the exchange (start-up, or after a connection failure),
//      the order is first looked up by its client id: after a restart it may already be there;
//   3. createOrder with the engine's clientOrderId as the exchange's client order id (Binance's
//      newClientOrderId);
//   4. an answer that proves nothing was placed (a refusal) ends it as `rejected`; a rate limit (refused
//      before the matching engine) waits and sends again, up to a minute in all (longer, it is rejected
//      with the exchange's reason: a market order sent an hour late is not the one asked for; a
//      reduce-only one waits on, as late still takes risk off); a timeout, dropped connection, 5xx or unreadable
//      answer is UNCERTAIN: the broker looks the order up by client id (fetchOrder with
//      origClientOrderId) and only sends again when the lookup proves it absent. It never resends blindly.
//
// Following orders: a poll (every `pollMs`) reads each followed symbol's open orders, looks up the ones
// that left the list, and applies new fills in trade-id order exactly once (tracked-order.ts).
//
// Reconciliation, at start-up and after every reconnect (the first good answer after a failure): every
// order the journal has open is looked up by client id; fills it missed are applied once; orders the
// exchange no longer knows are reported cancelled; an emulated stop that fired but never reached the
// exchange is sent; open orders the journal does not know are listed (never touched); balances are read.
// The report goes to the monitor (live-monitor.ts).
//
// A cancel the exchange refuses outright (a revoked key, a permission taken away) is tried again at every
// poll; the order is still open as far as anyone knows, so it stays `accepted`. From the
// CANCEL_REFUSALS_TO_REPORT-th refusal on, the monitor holds it (with the exchange's reason) so the trader
// is told, until the order ends.
//
// Fees: the engine keeps them in the quote asset. A fee in the quote asset is taken as is, one in the base
// asset is valued at the fill's price, one in a third asset (BNB) at that asset's last price in the quote
// asset (fee-asset-prices.ts, read once a minute at most); when the exchange has no such market or the read
// fails, the fill is still recorded, with a fee of 0 and a warning in the log.
//
// Not supported live: modify (Binance spot has no amend that keeps the client id for every change; ccxt
// 4.5.84 exposes none): the order stays as it was, and says so (its reason and history, through `noted`).
//
// A refused cancel is said on the order too (noted: its reason and a line of its history), once per reason.
import { decFromNumber, format, mul, type Dec } from '../../../shared/trading/decimal.ts';
import type { OrderType } from '../../../shared/trading/orders.ts';
import type { Logger } from '../../app/logger.ts';
import { backoffDelay, type BackoffOptions } from '../../market/live/backoff.ts';
import type { ExchangeCredentials } from '../../secrets/credentials.ts';
import type { Broker, BrokerInfo, BrokerListener, BrokerOrder, FeeRates, OrderChanges, VenueHealth } from '../broker.ts';
import { wallClock, type Clock } from '../clock.ts';
import type { MarketRulesProvider } from '../market-rules.ts';
import { balanceRows } from './balance-rows.ts';
import { createOrderArgs, finalStatus, LIVE_NATIVE_TYPES } from './exchange-order-args.ts';
import { FeeAssetPrices } from './fee-asset-prices.ts';
import { createLiveExchange, type LiveExchange, type LiveExchangeConfig, type LiveOrder, type LiveTrade } from './live-exchange.ts';
import { checkLiveOrder } from './live-order-check.ts';
import type { LiveMonitor } from './live-monitor.ts';
import { classifyOrderError, exchangeErrorText, type OrderFailure } from './order-errors.ts';
import { TrackedOrder } from './tracked-order.ts';

/** Where the API keys come from: KeyStore.get in the app, the test server's key in tests. */
export type CredentialsProvider = () => Promise<ExchangeCredentials | null>;

/** Named points of the submission path; a kill test stops the process at them. */
export type ProbePoint =
  | 'submit.lookup'
  | 'submit.send'
  | 'submit.sent'
  | 'submit.answered'
  | 'submit.accepted'
  | 'submit.uncertain'
  | 'fill.before'
  | 'fill.after'
  | 'cancel.send'
  | 'cancel.answered'
  | 'reconcile.order';

export interface ReconcileReport {
  at: number;
  reason: 'start' | 'reconnect';
  /** Orders looked up on the exchange. */
  checked: number;
  /** Engine order ids the exchange had no record of (reported cancelled). */
  missing: string[];
  /** Emulated orders that had fired but never reached the exchange, sent now. */
  resent: string[];
  /** Orders whose state could not be settled this time (the exchange failed mid-way); the next poll retries. */
  unsettled: string[];
  /** Open orders on the exchange this journal does not know (placed elsewhere): listed, left alone. */
  foreignOpenOrders: ForeignOrder[];
  /** The exchange's balances (decimal text). */
  balances: Record<string, { free: string; locked: string }>;
}

/** An open order on the exchange that Keel did not place, as the trader needs to recognise it (decimal text). */
export interface ForeignOrder {
  symbol: string;
  side: string | null;
  type: string | null;
  qty: string | null;
  filledQty: string | null;
  price: string | null;
  clientOrderId: string | null;
  exchangeOrderId: string;
}

/** A cancel the exchange has refused this many times (answered, not failed) is reported to the monitor. */
export const CANCEL_REFUSALS_TO_REPORT = 3;

/**
 * Reads of the account (the poll's listing, reconciliation, a lookup) the exchange has refused this many
 * times in a row (a key revoked or banned, a rate limit that does not lift): Keel cannot see fills or
 * cancels, so the venue is reported lost (the circuit breaker opens: said once, not at every poll).
 */
export const READ_REFUSALS_TO_REPORT = 3;

export interface CcxtLiveBrokerOptions {
  /** "binance:main". */
  account: string;
  /** The ccxt id ("binance"). */
  exchangeId: string;
  credentials: CredentialsProvider;
  rules: MarketRulesProvider;
  clock: Clock;
  /** URLs, timeouts, rate limit, recvWindow. */
  connection?: Omit<LiveExchangeConfig, 'exchange' | 'credentials'>;
  /** Builds the exchange (default: ccxt through createLiveExchange). */
  createExchange?: (config: LiveExchangeConfig) => Promise<LiveExchange>;
  feeRates?: (symbol: string) => FeeRates;
  /** How often open orders are polled; default 2000 ms. */
  pollMs?: number;
  /** Waits between retries; default 250 ms doubling to 15 s. */
  backoff?: BackoffOptions;
  log?: Logger | null;
  /** Told of in-flight work and of every reconciliation (the app and tests watch it; it cannot trade). */
  monitor?: LiveMonitor;
  /** Test hook, awaited at each ProbePoint (kill tests stop the process there). */
  probe?: (point: ProbePoint, order: { id: string; clientOrderId: string }) => void | Promise<void>;
}

const DEFAULT_FEES: FeeRates = { maker: 10n ** 15n, taker: 10n ** 15n };
/** The longest a new order waits out the exchange's rate limits before it is rejected instead (ms). */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 15_000, factor: 2, jitter: 0.3 };

class BrokerClosedError extends Error {
  constructor() {
    super('the live broker is closed');
    this.name = 'BrokerClosedError';
  }
}

export class CcxtLiveBroker implements Broker {
  readonly info: BrokerInfo;
  readonly #options: CcxtLiveBrokerOptions;
  readonly #rules: MarketRulesProvider;
  readonly #clock: Clock;
  readonly #log: Logger | null;
  readonly #backoff: BackoffOptions;
  readonly #orders = new Map<string, TrackedOrder>();
  #exchange: Promise<LiveExchange> | null = null;
  #listener: BrokerListener | null = null;
  #health: ((h: VenueHealth) => void) | null = null;
  /** False until the first reconciliation, and again after a connection failure. */
  #reconciled = false;
  #reconciling: Promise<void> | null = null;
  #pollTimer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  /** Reads refused in a row (answered no, not failed: #connectionTrouble counts those). */
  #readRefusals = 0;
  #closed = false;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #feePrices: FeeAssetPrices;

  constructor(options: CcxtLiveBrokerOptions) {
    this.#options = options;
    this.#rules = options.rules;
    this.#clock = options.clock;
    this.#log = options.log ?? null;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    // Aged on the wall clock: the engine's market clock stands still when the feed does, and a price
    // cached then would never grow old.
    this.#feePrices = new FeeAssetPrices({ exchange: () => this.#ex(), clock: wallClock });
    const fees = options.feeRates ?? (() => DEFAULT_FEES);
    this.info = { kind: 'live', account: options.account, nativeTypes: new Set<OrderType>(LIVE_NATIVE_TYPES), inProcess: false, amendsOrders: false, feeRates: fees };
  }

  connect(listener: BrokerListener): void {
    if (this.#listener) throw new Error('the live broker already has a listener; one engine drives one broker');
    this.#listener = listener;
  }

  // ------------------------------------------------------------------ the Broker interface

  /** The risk room's circuit breaker listens here: errors open it, a passing reconciliation closes it. */
  onVenueHealth(listener: (health: VenueHealth) => void): void {
    this.#health = listener;
  }

  submit(order: BrokerOrder): void {
    if (this.#orders.has(order.id)) return;
    const t = new TrackedOrder(order, false);
    // Checked before anything leaves: a refused order was never sent (the engine journals it rejected).
    const refusal = checkLiveOrder(order, this.#rules.rules(order.symbol), this.info.nativeTypes);
    if (refusal) {
      t.phase = 'done';
      this.#listen().rejected(order.id, this.#clock.now(), refusal);
      return;
    }
    this.#orders.set(order.id, t);
    if (this.#pollTimer === null && this.#reconciling === null) this.#schedulePoll();
    // Until the exchange has been reconciled, an order may already be there from before a restart.
    const lookFirst = !this.#reconciled;
    this.#enqueue(t, () => this.#place(t, lookFirst));
  }

  cancel(orderId: string, reason: string): void {
    const t = this.#orders.get(orderId);
    if (t) this.#options.monitor?.cancelAsked({ orderId, clientOrderId: t.clientOrderId, symbol: t.order.symbol, side: t.order.side, type: t.order.type, qty: t.order.qty, price: t.order.price });
    if (!t || t.phase === 'done') {
      this.#log?.warn('live', `cancel of ${orderId} ignored: the live broker does not follow it (already finished, or never sent)`);
      if (t?.ended) this.#options.monitor?.cancelAnswered(orderId, { kind: 'ended', status: t.ended });
      return;
    }
    t.cancelWanted = reason;
    this.#enqueue(t, () => this.#cancel(t));
  }

  /**
   * Never made (see the top of the file). The engine refuses the trader's own modify before it gets here
   * (info.amendsOrders); what arrives is the engine's own resize (a bracket or reduce-only order following
   * its position), refused on the order, with why, so it is not dropped unseen.
   */
  modify(orderId: string, changes: OrderChanges): void {
    const t = this.#orders.get(orderId);
    const exchange = this.#options.exchangeId;
    const asked = [changes.qty !== undefined ? `quantity ${format(changes.qty)}` : null, changes.price !== undefined ? `price ${format(changes.price)}` : null, changes.triggerPrice !== undefined ? `trigger ${format(changes.triggerPrice)}` : null].filter((x) => x !== null).join(', ');
    const note = `${exchange} cannot change an order resting on it, so the change to ${asked || 'it'} was not made: the order stays as it was (cancel it and place a new one if it must change)`;
    this.#log?.warn('live', `order ${orderId}${t ? ` (${t.clientOrderId})` : ''}: ${note}`);
    if (t && t.phase !== 'done') this.#listen().noted?.(orderId, this.#clock.now(), note);
  }

  restore(orders: readonly BrokerOrder[], again = false): void {
    for (const o of orders) {
      const known = this.#orders.get(o.id);
      if (known) {
        // Again (a failed journal write): what this broker reported past the journal is reported again.
        if (again) known.rewind(o.filledQty);
        continue;
      }
      const t = new TrackedOrder(o, true);
      t.phase = 'open';
      this.#orders.set(o.id, t);
    }
    this.#startReconcile('start');
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    const ex = this.#exchange;
    if (ex) void ex.then((e) => e.close()).catch(() => {});
  }

  // ------------------------------------------------------------------ for the app and tests

  /** Resolves once nothing is in flight (every submit, cancel and reconciliation settled). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Whether the broker has reconciled with the exchange since it started or last lost it. */
  get reconciled(): boolean {
    return this.#reconciled;
  }

  /** The exchange's balances now (the arming step shows them before asking). */
  async balances(): Promise<Record<string, { free: string; locked: string }>> {
    return balanceRows(await (await this.#ex()).fetchBalance());
  }

  // ------------------------------------------------------------------ placing

  async #place(t: TrackedOrder, lookFirst: boolean): Promise<void> {
    if (lookFirst) {
      await this.#probe('submit.lookup', t);
      const found = await this.#lookup(t);
      if (found) return this.#sync(t, found);
    }
    const ex = await this.#ex();
    const args = createOrderArgs(t.order);
    let rateLimitWaited = 0;
    for (let attempt = 0; ; attempt++) {
      this.#alive();
      if (t.phase === 'done') return;
      await this.#probe('submit.send', t);
      let answer: LiveOrder;
      try {
        const pending = ex.createOrder(args.symbol, args.type, args.side, args.amount, args.price, args.params);
        pending.catch(() => {});
        await this.#probe('submit.sent', t);
        answer = await pending;
      } catch (err) {
        if (err instanceof BrokerClosedError) throw err;
        const failure = classifyOrderError(ex.id, err, ex.last_response_headers);
        if (failure.kind === 'refused') return this.#finish(t, 'rejected', `${ex.id} refused the order: ${failure.reason}`);
        if (failure.kind === 'rate_limited') {
          const wait = Math.max(failure.retryAfterMs ?? 0, this.#delay(attempt));
          // Refused before the matching engine: nothing was placed. An order sent minutes (a ban: hours)
          // after the user asked is not the order they asked for: past a minute of waiting it ends here.
          // A reduce-only order (a stop-loss, a target, a kill switch's close) waits on: sent late, it still
          // takes risk off, where rejected it would leave the position unprotected.
          if (!t.order.reduceOnly && rateLimitWaited + wait > MAX_RATE_LIMIT_WAIT_MS) {
            return this.#finish(t, 'rejected', `${failure.reason}; ${ex.id} asks Keel to wait ${Math.ceil(wait / 1000)} s more, so the order was not placed (nothing is on the exchange): place it again once the limit is lifted`);
          }
          this.#log?.warn('live', `order ${t.id} (${t.clientOrderId}): ${failure.reason}; nothing was placed, sending it again in ${(wait / 1000).toFixed(1)} s`);
          rateLimitWaited += wait;
          await this.#sleep(wait);
          continue;
        }
        // Duplicate, not found (odd for a create) or uncertain: find out before anything is sent again.
        this.#connectionTrouble(failure);
        this.#log?.warn('live', `order ${t.id} (${t.clientOrderId}): ${failure.kind} answer from ${ex.id} (${failure.reason}); looking it up before anything is sent again`);
        await this.#probe('submit.uncertain', t);
        await this.#sleep(failure.kind === 'duplicate' && attempt === 0 ? 0 : this.#delay(attempt));
        const found = await this.#lookup(t);
        if (found) return this.#sync(t, found);
        this.#log?.info('live', `order ${t.id} (${t.clientOrderId}) is not on ${ex.id} after "${failure.reason}"; sending it again`);
        continue;
      }
      this.#connectionOk();
      await this.#probe('submit.answered', t);
      return this.#sync(t, answer);
    }
  }

  /**
   * The order by client id, or null when the exchange proves it has none. Failures that prove nothing
   * (timeouts, 5xx, rate limits) are retried with backoff until the exchange answers one way or the other.
   */
  async #lookup(t: TrackedOrder): Promise<LiveOrder | null> {
    const ex = await this.#ex();
    for (let attempt = 0; ; attempt++) {
      this.#alive();
      try {
        const found = await ex.fetchOrder(undefined, t.order.symbol, { clientOrderId: t.clientOrderId });
        this.#connectionOk();
        return found;
      } catch (err) {
        const failure = classifyOrderError(ex.id, err, ex.last_response_headers);
        if (failure.kind === 'not_found') {
          this.#connectionOk();
          return null;
        }
        if (failure.kind !== 'rate_limited') this.#connectionTrouble(failure);
        this.#readRefused(ex.id, failure, err);
        this.#log?.warn('live', `looking up ${t.clientOrderId} on ${ex.id} failed (${failure.reason}); trying again`);
        await this.#sleep(Math.max(failure.retryAfterMs ?? 0, this.#delay(attempt)));
      }
    }
  }

  // ------------------------------------------------------------------ following

  /** Brings the engine up to what the exchange says about the order: accepted, new fills, the end. */
  async #sync(t: TrackedOrder, o: LiveOrder): Promise<void> {
    if (t.phase === 'done') return;
    const listener = this.#listen();
    const firstSight = t.exchangeId === null;
    t.exchangeId ??= o.id;
    const end = finalStatus(o.status);
    if (end === 'rejected' && !t.acceptedReported) return this.#finish(t, 'rejected', `${this.#options.exchangeId} rejected the order`);
    // Restored orders were accepted before the restart; telling the engine again only records the exchange's id.
    if (!t.acceptedReported || firstSight) {
      const news = !t.acceptedReported;
      t.acceptedReported = true;
      listener.accepted(t.id, this.#clock.now(), o.id);
      if (news) await this.#probe('submit.accepted', t);
    }
    if (t.phase === 'placing') t.phase = 'open';
    const filled = o.filled === undefined ? 0n : decFromNumber(o.filled);
    if (filled > t.filledQty) await this.#applyFills(t, o, filled);
    if (end === null) return;
    if (end === 'filled') {
      if (t.filledQty >= t.order.qty) {
        t.phase = 'done';
        this.#cancelSettled(t, 'filled');
      }
      return;
    }
    // Cancelled, expired or rejected after acceptance: only once every fill before it is in.
    if (t.filledQty < filled) return;
    const reason =
      end === 'cancelled'
        ? (t.cancelWanted ?? `cancelled on ${this.#options.exchangeId}`)
        : end === 'expired'
          ? `expired on ${this.#options.exchangeId} (time in force ${t.order.timeInForce}: what did not fill at once was dropped)`
          : `rejected by ${this.#options.exchangeId}`;
    this.#finish(t, end, reason);
  }

  async #applyFills(t: TrackedOrder, o: LiveOrder, filled: Dec): Promise<void> {
    const ex = await this.#ex();
    // The placing answer carries its fills; use them when they add up, else ask for the order's trades.
    const carried = (o as { trades?: LiveTrade[] }).trades;
    let trades: LiveTrade[];
    if (carried && carried.length > 0 && carried.every((x) => x.id !== undefined) && sumAmounts(carried) === filled) trades = carried;
    else trades = await ex.fetchMyTrades(t.order.symbol, undefined, undefined, { orderId: o.id });
    const rules = this.#rules.rules(t.order.symbol);
    for (const { trade, qty } of t.newTrades(trades)) {
      if (t.phase === 'done') return;
      const price = decFromNumber(trade.price);
      // Valued before the probe, one trade at a time: the fill then reaches the engine in one synchronous
      // step, so the ticker read can neither put fills out of trade-id order nor come between a kill point
      // and its fill. newTrades has already taken these trades, so the valuation never throws (it falls
      // back to 0) but for a closing broker.
      const fee = await this.#feeInQuote(trade, price, rules?.base, rules?.quote);
      await this.#probe('fill.before', t);
      // feeAsset names the unit of `fee`, which is always the quote asset (cash, P&L and the fills table
      // read it so): a fee paid in BNB is recorded as its value in the quote asset, and the BNB amount
      // is in the log line #feeInThirdAsset writes.
      this.#listen().filled({ orderId: t.id, ts: this.#clock.now(), price, qty, fee, feeAsset: rules?.quote ?? '', liquidity: trade.takerOrMaker === 'maker' ? 'maker' : 'taker' });
      t.filledQty += qty;
      await this.#probe('fill.after', t);
    }
  }

  /** The trade's fee in the quote asset: as is, valued at the fill price (base asset) or at the asset's price (a third asset). */
  async #feeInQuote(trade: LiveTrade, price: Dec, base: string | undefined, quote: string | undefined): Promise<Dec> {
    const cost = trade.fee?.cost;
    if (cost === undefined || !(cost > 0)) return 0n;
    const asset = trade.fee?.currency;
    if (!Number.isFinite(cost)) {
      this.#log?.warn('live', `trade ${trade.id} came with a fee of ${cost} ${asset ?? ''}, which is not an amount; the fee is counted as 0`);
      return 0n;
    }
    const amount = decFromNumber(cost);
    if (asset === quote) return amount;
    if (asset === base) return mul(amount, price);
    return this.#feeInThirdAsset(trade.id, amount, asset, quote);
  }

  /** A fee paid in neither asset of the market, valued at that asset's last price; 0 (and a warning) when it cannot be. */
  async #feeInThirdAsset(tradeId: string, amount: Dec, asset: string | undefined, quote: string | undefined): Promise<Dec> {
    const paid = `${format(amount)} ${asset ?? '(an unnamed asset)'}`;
    let why: string;
    if (asset === undefined || asset === '') why = 'the exchange did not say which asset it was';
    else if (quote === undefined) why = "the market's quote asset is unknown (no market rules for it)";
    else {
      const valued = await this.#feePrices.priceIn(asset, quote);
      // A broker closed meanwhile reports nothing more, not even this fee.
      this.#alive();
      if (valued.ok) {
        const fee = mul(amount, valued.price);
        this.#log?.info('live', `trade ${tradeId} paid its fee in ${asset}: ${paid} at ${format(valued.price)} ${quote} (${valued.market}) is recorded as ${format(fee)} ${quote}`);
        return fee;
      }
      why = valued.why;
    }
    this.#log?.warn('live', `trade ${tradeId} paid its fee of ${paid}, which Keel cannot value in ${quote ?? 'the quote asset'}: ${why}; the fee is counted as 0`);
    return 0n;
  }

  #finish(t: TrackedOrder, how: 'rejected' | 'cancelled' | 'expired', reason: string): void {
    if (t.phase === 'done') return;
    t.phase = 'done';
    this.#cancelSettled(t, how);
    const listener = this.#listen();
    const ts = this.#clock.now();
    if (how === 'rejected') listener.rejected(t.id, ts, reason);
    else if (how === 'cancelled') listener.cancelled(t.id, ts, reason);
    else listener.expired(t.id, ts, reason);
  }

  async #cancel(t: TrackedOrder): Promise<void> {
    if (t.phase === 'done') return;
    const ex = await this.#ex();
    await this.#probe('cancel.send', t);
    try {
      const answer = await ex.cancelOrder(undefined, t.order.symbol, { clientOrderId: t.clientOrderId });
      this.#connectionOk();
      await this.#probe('cancel.answered', t);
      // Binance's cancel answer has the fills so far but not the trades: #sync fetches them.
      await this.#sync(t, { ...answer, status: answer.status ?? 'canceled' });
    } catch (err) {
      if (err instanceof BrokerClosedError) throw err;
      const failure = classifyOrderError(ex.id, err, ex.last_response_headers);
      if (failure.kind === 'not_found') {
        // Already closed (filled, most likely) or never placed: the exchange's record says which.
        const found = await this.#lookup(t);
        if (found) await this.#sync(t, found);
        else this.#finish(t, 'cancelled', t.cancelWanted ?? 'cancelled');
        return;
      }
      if (failure.kind !== 'rate_limited') this.#connectionTrouble(failure);
      // Left wanted: the next poll tries again. A refusal, or a "rate limit" (ccxt's name for Binance's
      // -2015 once a key that worked is revoked), is an answer: the order is still there. Told in the
      // exchange's own words: "rate limited by binance: Invalid API-key" would send the trader the wrong way.
      if (failure.kind === 'refused' || failure.kind === 'rate_limited') return this.#cancelRefused(t, ex.id, exchangeErrorText(ex.id, err));
      this.#log?.warn('live', `cancelling ${t.clientOrderId} on ${ex.id} failed (${failure.reason}); the next poll tries again`);
      this.#options.monitor?.cancelAnswered(t.id, { kind: 'unanswered', reason: failure.reason });
    }
  }

  /**
   * The exchange answered the cancel with a refusal: the order is open there still, as far as Keel knows,
   * so its status stays. Past a few refusals it is no hiccup: the monitor holds it for the trader to see.
   */
  #cancelRefused(t: TrackedOrder, exchange: string, reason: string): void {
    t.cancelRefusals++;
    this.#options.monitor?.cancelAnswered(t.id, { kind: 'refused', reason });
    // On the order itself (its reason, a line of its history): once, and again only if the reason changes.
    if (t.cancelRefusedFor !== reason) {
      t.cancelRefusedFor = reason;
      this.#listen().noted?.(t.id, this.#clock.now(), `${exchange} refused to cancel it: ${reason.replace(/\.$/, '')}; it may still be open on ${exchange} (Keel tries again at every poll; check it on ${exchange})`);
    }
    const message = `${exchange} refused to cancel it ${t.cancelRefusals} time${t.cancelRefusals === 1 ? '' : 's'}: ${reason.replace(/\.$/, '')}; it may still be open on ${exchange} (Keel tries again at every poll; check it on ${exchange})`;
    if (t.cancelRefusals < CANCEL_REFUSALS_TO_REPORT) {
      this.#log?.warn('live', `cancelling ${t.clientOrderId} on ${exchange} was refused (${reason}); the next poll tries again`);
      return;
    }
    if (t.cancelRefusals === CANCEL_REFUSALS_TO_REPORT) this.#log?.error('live', `order ${t.id} (${t.clientOrderId}): ${message}`);
    this.#options.monitor?.cancelRefused({ orderId: t.id, clientOrderId: t.clientOrderId, symbol: t.order.symbol, refusals: t.cancelRefusals, reason, message });
  }

  /** The order has ended (`how`): a wanted cancel is answered by it, and a refused one's notice goes. */
  #cancelSettled(t: TrackedOrder, how: 'cancelled' | 'filled' | 'expired' | 'rejected'): void {
    t.ended = how;
    if (t.cancelWanted !== null) this.#options.monitor?.cancelAnswered(t.id, { kind: 'ended', status: how });
    if (t.cancelRefusals >= CANCEL_REFUSALS_TO_REPORT) this.#options.monitor?.cancelSettled(t.id);
  }

  // ------------------------------------------------------------------ polling and reconciling

  #schedulePoll(delay = this.#options.pollMs ?? 2_000): void {
    if (this.#closed) return;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      const run = this.#reconciled ? this.#poll() : this.#reconcile('reconnect');
      this.#track(run)
        .catch((err: unknown) => {
          if (!(err instanceof BrokerClosedError)) this.#log?.error('live', 'polling the exchange failed', err);
        })
        .finally(() => this.#schedulePoll(this.#failures > 0 ? this.#delay(this.#failures - 1) : undefined));
    }, delay);
    this.#pollTimer.unref?.();
  }

  async #poll(): Promise<void> {
    const open = [...this.#orders.values()].filter((t) => t.phase === 'open');
    if (open.length === 0) return;
    const ex = await this.#ex();
    const symbols = [...new Set(open.map((t) => t.order.symbol))];
    for (const symbol of symbols) {
      let listed: LiveOrder[];
      try {
        listed = await ex.fetchOpenOrders(symbol);
        this.#connectionOk();
      } catch (err) {
        const failure = classifyOrderError(ex.id, err, ex.last_response_headers);
        this.#connectionTrouble(failure);
        this.#readRefused(ex.id, failure, err);
        // Wanted cancels are still sent: with a revoked key the listing fails too, and the cancel's own
        // refusal is what tells the trader (#cancelRefused).
        for (const t of open) if (t.cancelWanted !== null) this.#enqueue(t, async () => (t.phase === 'open' ? this.#cancel(t) : undefined));
        return;
      }
      const byClientId = new Map(listed.filter((o) => o.clientOrderId).map((o) => [o.clientOrderId!, o]));
      for (const t of open) {
        if (t.order.symbol !== symbol) continue;
        const seen = byClientId.get(t.clientOrderId);
        this.#enqueue(t, async () => {
          if (t.phase !== 'open') return;
          const o = seen ?? (await this.#lookup(t));
          if (o) await this.#sync(t, o);
          else this.#finish(t, 'cancelled', `${ex.id} no longer has the order`);
          if (t.cancelWanted !== null && t.phase === 'open') await this.#cancel(t);
        });
      }
    }
  }

  #startReconcile(reason: 'start' | 'reconnect'): void {
    if (this.#reconciling) return;
    void this.#track(this.#reconcile(reason))
      .catch((err: unknown) => {
        if (!(err instanceof BrokerClosedError)) this.#log?.error('live', 'reconciling with the exchange failed; retrying', err);
      })
      .finally(() => this.#schedulePoll(this.#reconciled ? undefined : this.#delay(this.#failures)));
  }

  #reconcile(reason: 'start' | 'reconnect'): Promise<void> {
    this.#reconciling ??= this.#doReconcile(reason).finally(() => {
      this.#reconciling = null;
    });
    return this.#reconciling;
  }

  async #doReconcile(reason: 'start' | 'reconnect'): Promise<void> {
    const ex = await this.#ex();
    const report: ReconcileReport = { at: 0, reason, checked: 0, missing: [], resent: [], unsettled: [], foreignOpenOrders: [], balances: {} };
    // One listing of every open order first: an order still open needs no lookup of its own.
    const listed = await this.#retrying('reading open orders', () => ex.fetchOpenOrders());
    const open = new Map(listed.filter((o) => o.clientOrderId).map((o) => [o.clientOrderId!, o]));
    const followed = [...this.#orders.values()].filter((t) => t.phase === 'open');
    const work = followed.map((t) =>
      this.#enqueue(t, async () => {
        if (t.phase !== 'open') return;
        await this.#probe('reconcile.order', t);
        const found = open.get(t.clientOrderId) ?? (await this.#lookup(t));
        report.checked++;
        if (found) {
          try {
            await this.#sync(t, found);
          } catch (err) {
            if (err instanceof BrokerClosedError) throw err;
            report.unsettled.push(t.id);
            throw err;
          }
          return;
        }
        const o = t.order;
        if (o.triggered && (o.type === 'market' || o.type === 'limit')) {
          // An emulated stop that fired: the engine journaled the trigger, the exchange never got the order.
          report.resent.push(t.id);
          t.phase = 'placing';
          return this.#place(t, false);
        }
        report.missing.push(t.id);
        this.#finish(t, 'cancelled', `${ex.id} has no record of this order (cancelled or purged while Keel was away)`);
      }),
    );
    await Promise.all(work);
    const balances = balanceRows(await this.#retrying('reading balances', () => ex.fetchBalance()));
    const known = new Set([...this.#orders.values()].map((t) => t.clientOrderId));
    report.foreignOpenOrders = listed.filter((o) => !known.has(o.clientOrderId ?? '')).map(foreignOrder);
    report.balances = balances;
    report.at = this.#clock.now();
    this.#reconciled = true;
    this.#failures = 0;
    if (report.missing.length > 0 || report.resent.length > 0 || report.foreignOpenOrders.length > 0) {
      this.#log?.warn('live', `reconciled with ${ex.id} (${reason}): ${report.missing.length} missing, ${report.resent.length} resent, ${report.foreignOpenOrders.length} open orders Keel did not place`);
    } else {
      this.#log?.info('live', `reconciled with ${ex.id} (${reason}): ${report.checked} orders checked`);
    }
    this.#options.monitor?.reconciled(report);
    this.#tellHealth({ kind: 'reconciled', ts: report.at, ok: report.unsettled.length === 0, message: report.unsettled.length === 0 ? `${report.checked} orders checked` : `${report.unsettled.length} orders could not be settled` });
  }

  // ------------------------------------------------------------------ plumbing

  /** A read that reconciliation cannot do without: retried with backoff until it answers (or the broker closes). */
  async #retrying<T>(what: string, read: () => Promise<T>): Promise<T> {
    const ex = await this.#ex();
    for (let attempt = 0; ; attempt++) {
      this.#alive();
      try {
        const value = await read();
        this.#connectionOk();
        return value;
      } catch (err) {
        const failure = classifyOrderError(ex.id, err, ex.last_response_headers);
        if (failure.kind !== 'rate_limited') this.#connectionTrouble(failure);
        this.#readRefused(ex.id, failure, err);
        this.#log?.warn('live', `${what} from ${ex.id} failed (${failure.reason}); trying again`);
        await this.#sleep(Math.max(failure.retryAfterMs ?? 0, this.#delay(attempt)));
      }
    }
  }

  #ex(): Promise<LiveExchange> {
    this.#alive();
    this.#exchange ??= (async () => {
      const credentials = await this.#options.credentials();
      if (!credentials) throw new Error(`no API key is stored for ${this.#options.account}; add one with \`keel keys set\``);
      const create = this.#options.createExchange ?? createLiveExchange;
      const ex = await create({ ...this.#options.connection, exchange: this.#options.exchangeId, credentials });
      await ex.loadMarkets();
      return ex;
    })();
    this.#exchange.catch(() => {
      // A failed start (no key, exchange unreachable) is tried again on the next call.
      this.#exchange = null;
    });
    return this.#exchange;
  }

  /** Runs `step` after everything already queued for the order; a failure is logged, not thrown. */
  #enqueue(t: TrackedOrder, step: () => Promise<void>): Promise<void> {
    const run = t.chain.then(async () => {
      try {
        await step();
      } catch (err) {
        if (err instanceof BrokerClosedError) return;
        this.#log?.error('live', `order ${t.id} (${t.clientOrderId}): ${err instanceof Error ? err.message : String(err)}`);
        // Still not settled: a later poll or reconciliation picks it up again.
        if (t.phase === 'placing' && !this.#closed) {
          this.#reconciled = false;
          this.#enqueue(t, () => this.#place(t, true));
        }
      }
    });
    t.chain = run;
    void this.#track(run);
    return run;
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#options.monitor?.track(p);
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p)).catch(() => {});
    return p;
  }

  #connectionTrouble(failure: OrderFailure): void {
    if (failure.kind !== 'uncertain') return;
    this.#failures++;
    // Anything may have happened meanwhile: the next good round reconciles before it polls.
    this.#reconciled = false;
    this.#tellHealth({ kind: 'error', ts: this.#clock.now(), message: failure.reason });
  }

  /**
   * A read the exchange answered with a refusal or a rate limit: no connection trouble (it answered), but
   * past READ_REFUSALS_TO_REPORT in a row Keel is blind to the account: the venue is reported lost, once;
   * the next good answer (#connectionOk) and the reconciliation it brings tell that it is back.
   */
  #readRefused(exchange: string, failure: OrderFailure, err: unknown): void {
    if (failure.kind !== 'refused' && failure.kind !== 'rate_limited') return;
    this.#readRefusals++;
    // Polls back off as after a failure: hammering a refusing exchange prolongs a ban.
    this.#failures++;
    if (this.#readRefusals !== READ_REFUSALS_TO_REPORT) return;
    this.#reconciled = false;
    const message = `${exchange} refused to let Keel read the account ${READ_REFUSALS_TO_REPORT} times in a row (${exchangeErrorText(exchange, err).replace(/\.$/, '')}): Keel cannot see fills or cancels there until it answers again`;
    this.#log?.error('live', message);
    this.#tellHealth({ kind: 'disconnected', ts: this.#clock.now(), message });
  }

  #connectionOk(): void {
    if (this.#readRefusals >= READ_REFUSALS_TO_REPORT) this.#log?.info('live', `${this.#options.exchangeId} answers Keel's reads again; reconciling before polling on`);
    this.#readRefusals = 0;
    this.#failures = 0;
    this.#tellHealth({ kind: 'ok', ts: this.#clock.now() });
  }

  #tellHealth(h: VenueHealth): void {
    try {
      this.#health?.(h);
    } catch (err) {
      this.#log?.error('live', 'the venue health listener failed', err);
    }
  }

  #delay(attempt: number): number {
    return backoffDelay(attempt, this.#backoff);
  }

  async #sleep(ms: number): Promise<void> {
    this.#alive();
    await new Promise((r) => setTimeout(r, ms));
    this.#alive();
  }

  #alive(): void {
    if (this.#closed) throw new BrokerClosedError();
  }

  async #probe(point: ProbePoint, t: TrackedOrder): Promise<void> {
    const probe = this.#options.probe;
    if (probe) await probe(point, { id: t.id, clientOrderId: t.clientOrderId });
    this.#alive();
  }

  #listen(): BrokerListener {
    if (!this.#listener) throw new Error('the live broker has no listener; the engine connects one through the risk gate');
    return this.#listener;
  }
}

/** What the trader needs to recognise an order placed elsewhere: ccxt's floats as decimal text. */
function foreignOrder(o: LiveOrder): ForeignOrder {
  const text = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : format(decFromNumber(n)));
  return {
    symbol: o.symbol,
    side: o.side ?? null,
    type: o.type ?? null,
    qty: text(o.amount),
    filledQty: text(o.filled),
    // A market order's price is 0 or absent on Binance: it has none.
    price: o.price ? text(o.price) : null,
    clientOrderId: o.clientOrderId ?? null,
    exchangeOrderId: o.id,
  };
}

function sumAmounts(trades: readonly LiveTrade[]): Dec {
  let sum = 0n;
  for (const t of trades) sum += decFromNumber(t.amount);
  return sum;
}
