// The risk room put together: settings (mode and limits), the rules, the book of sent orders, the meters
// the rules read (exposure, daily loss and peak, order rate, losing streak, market history), the kill
// switch and the circuit breaker; what it tells the audit log and the UI. The composition root builds it
// first, makes the gate with `gate()`, builds the engine on that gate and calls `attach(engine)`.
//
// It watches the account without the engine calling it: the gate reports refusals, admissions, fills and
// the venue's health (GateObserver), and the app calls `observe()` after every market tick. A daily loss
// or drawdown breach, or the circuit breaker opening, pulls the kill switch.
import { KeelError } from '../../shared/contract/errors.ts';
import type { EventPayload } from '../../shared/contract/index.ts';
import { countOf } from '../../shared/domain/plural.ts';
import { type RiskLimits, type RiskMode } from '../../shared/risk/risk-limits.ts';
import type { LimitsPatch } from '../../shared/risk/validate-limits.ts';
import { toNumber } from '../../shared/trading/decimal.ts';
import { LastFloat } from './last-float.ts';
import type { Origin } from '../../shared/trading/orders.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import { actorOf, type AuditActor } from '../journal/audit-log.ts';
import type { Broker, BrokerFill, VenueHealth } from '../trading/broker.ts';
import { wallClock, type Clock } from '../trading/clock.ts';
import type { SymbolTable } from '../trading/symbol-table.ts';
import { AccountMonitor, type MonitorSnapshot } from './account-monitor.ts';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import { allMarked } from './context-equity.ts';
import { ExposureMeter } from './exposure.ts';
import { pct } from './figures.ts';
import { LIQUIDATION_LEVEL, marginCallMessage, marginLevel } from './margin-call.ts';
import { KillSwitch, type KillReport, type KillState, type KillTarget } from './kill-switch.ts';
import { LossStreak, type StreakSnapshot, type TradeSlot } from './loss-streak.ts';
import { MarketHistory, type HistorySeed } from './market-history.ts';
import { OrderRate } from './order-rate.ts';
import { PendingBook, type PendingOrder } from './pending-book.ts';
import { riskGauges } from './risk-gauges.ts';
import { RiskGate, type GateObserver, type RiskAccount, type RiskContext, type RiskOrder, type RiskRefusal, type RiskRule } from './risk-gate.ts';
import { RiskLog, type AuditSink, type RiskEvent } from './risk-log.ts';
import { RiskSettings } from './risk-settings.ts';
import { buildRuleSet } from './rule-set.ts';
import type { SettingsStore } from './settings-store.ts';
import type Database from 'better-sqlite3';

export type RiskState = EventPayload<'risk.state'>;

/** What the risk service needs of the execution engine (ExecutionEngine satisfies it). */
export interface RiskEngineHandle {
  readonly quoteAsset: string;
  /** Spot or margin: a margin account with shorts is watched for a margin call (margin-call.ts). */
  readonly mode: 'spot' | 'margin';
  readonly portfolio: Pick<RiskAccount, 'positions' | 'position' | 'markOf' | 'equityFloat'> & {
    /** The shorts' buy-back value at the marks (float), and the interest they owe by `now` (exact). */
    shortValueFloat(): number;
    interestOwedTotal(now: number): bigint;
  };
  cancelAll(filter: { keepReduceOnly: true }, reason: string): readonly unknown[];
  closePosition(symbol: string, ledger: string, origin: Origin, tag?: string): unknown;
  openOrders(): readonly unknown[];
}

export interface RiskServiceOptions {
  store: SettingsStore;
  /** The market feed's symbol table (shared with the portfolio). */
  symbols: SymbolTable;
  /** The engine's clock (market time in replay). */
  clock: Clock;
  audit?: AuditSink | null;
  /** Where the audit log lives, to read risk events back. */
  auditDb?: Database.Database | null;
  events?: Pick<EventBus, 'emit'> | null;
  log?: Logger | null;
  /** Stored candles, so correlations and ATR have history from the start. */
  history?: HistorySeed | null;
  /** Defaults for a journal with no saved limits (the user's time zone, typically). */
  defaults?: Partial<RiskLimits>;
  /** Consecutive exchange errors that open the circuit breaker. */
  circuitErrorThreshold?: number;
  /** A monotonic ms timer for how long a kill takes (default: the wall clock). */
  timer?: () => number;
  /**
   * Runs the kill switch's cancels as one journal transaction (the app passes the trading journal's
   * `atomically`): 1,000 cancels are one commit, not 1,000.
   */
  batch?: <T>(fn: () => T) => T;
  /**
   * Whose account this is, when several risk services share one settings table (a live account beside
   * paper): the kill switch, the day's start and peak, and the losing streak are kept per scope; the mode
   * and limits are shared. Default: none (the paper account's keys).
   */
  scope?: string | null;
  /** How often usage changes are published at most (ms); 0 publishes only on demand (tests). */
  publishEveryMs?: number;
}

const scoped = (key: string, scope: string | null | undefined) => (scope ? `${key}:${scope}` : key);

/**
 * A position as the losing streak follows it: its slot, and its P&L and fees as floats. A trade's close
 * and the next one's open read the same totals (nothing is realized while flat), so remembering the last
 * conversion halves them.
 */
class StreakPosition {
  readonly slot: TradeSlot;
  readonly realized = new LastFloat();
  readonly fees = new LastFloat();

  constructor(slot: TradeSlot) {
    this.slot = slot;
  }
}

export class RiskService implements GateObserver {
  readonly settings: RiskSettings;
  readonly book = new PendingBook();
  readonly history: MarketHistory;
  readonly rules: readonly RiskRule[];
  readonly #store: SettingsStore;
  readonly #symbols: SymbolTable;
  readonly #clock: Clock;
  readonly #log: Logger | null;
  readonly #events: Pick<EventBus, 'emit'> | null;
  readonly #riskLog: RiskLog;
  readonly #kill: KillSwitch;
  readonly #circuit: CircuitBreaker;
  readonly #monitor: AccountMonitor;
  readonly #streak: LossStreak;
  /** The streak's slot per position object, looked up once: a key string per fill would be built and hashed anew. */
  readonly #streakSlots = new WeakMap<object, StreakPosition>();
  readonly #rate = new OrderRate();
  readonly #meter: ExposureMeter;
  readonly #publishEveryMs: number;
  readonly #batch: <T>(fn: () => T) => T;
  readonly #monitorKey: string;
  readonly #streakKey: string;
  /** A trade closed since the streak was last saved; what was saved last. */
  #streakUnsaved = false;
  #streakSaved: StreakSnapshot;
  /** A save of the risk room's state failed and was logged; said again only after one works. */
  #unsavedSaid = false;
  /** Whether the venue holds stop orders itself (then the book knows every resting stop). */
  #venueHoldsStops = false;
  #engine: RiskEngineHandle | null = null;
  /**
   * The last order's measured risk, % of equity (when #riskMeasured). A field that only ever holds a
   * number: one that also held null would box each new figure, an allocation per order.
   */
  #lastTradeRiskPct = 0;
  #riskMeasured = false;
  /**
   * The risk the rule measured for the order being checked, and that order. It becomes the gauge's figure
   * only when the gate reports that same order as a real one (admitted or refused): the ticket's previews
   * are checked too, on every keystroke, and must not show as the last order.
   */
  #checkedRiskPct = 0;
  #checkedOrder: RiskOrder | null = null;
  #publishTimer: ReturnType<typeof setTimeout> | null = null;
  /** Breaches already acted on, so the kill switch is pulled once per breach, not on every tick. */
  #latched = { daily: false, drawdown: false, margin: false };
  #closed = false;
  #observeQueued = false;

  constructor(options: RiskServiceOptions) {
    this.#store = options.store;
    this.#symbols = options.symbols;
    this.#clock = options.clock;
    this.#log = options.log ?? null;
    this.#events = options.events ?? null;
    this.#publishEveryMs = options.publishEveryMs ?? 500;
    this.#batch = options.batch ?? ((fn) => fn());
    this.settings = new RiskSettings(options.store, options.defaults);
    if (this.settings.loadProblem) this.#log?.warn('risk', this.settings.loadProblem);
    this.#riskLog = new RiskLog({ audit: options.audit, db: options.auditDb, events: options.events, log: options.log, now: () => wallClock.now(), account: options.scope ?? 'paper' });
    this.#monitorKey = scoped('risk.monitor', options.scope);
    this.#streakKey = scoped('risk.streak', options.scope);
    this.#kill = new KillSwitch(options.store, options.timer, options.scope ?? null);
    this.#circuit = new CircuitBreaker({ errorThreshold: options.circuitErrorThreshold, onChange: (now, before) => this.#circuitChanged(now, before) });
    this.#monitor = new AccountMonitor(this.settings.limits.timeZone, (options.store.read(this.#monitorKey) as MonitorSnapshot | undefined) ?? null);
    this.#streak = new LossStreak((options.store.read(this.#streakKey) as StreakSnapshot | undefined) ?? null);
    this.#streakSaved = this.#streak.snapshot();
    this.history = new MarketHistory({ symbols: options.symbols, seed: options.history ?? null });
    this.#meter = new ExposureMeter(this.book, options.symbols);
    const history = this.history;
    const symbols = options.symbols;
    this.rules = buildRuleSet({
      limits: this.settings,
      kill: () => this.#kill,
      circuit: () => this.#circuit.state,
      rate: this.#rate,
      streak: this.#streak,
      monitor: this.#monitor,
      meter: this.#meter,
      atr: { atrOf: (symbol) => history.atr(symbols.id(symbol)) },
      correlation: { correlation: (a, b) => history.correlation(a, b), name: (id) => symbols.name(id), correlatedWith: (a, t, n) => history.correlatedWith(a, t, n) },
      measuredRisk: (riskPct, order) => {
        this.#checkedRiskPct = riskPct;
        this.#checkedOrder = order;
      },
      // Stops resting at the venue are in the book; stops the engine holds (emulated) only the engine knows.
      stops: { protectiveStop: (symbol, ledger, side) => this.book.protectiveStop(symbol, ledger, side) ?? (this.#venueHoldsStops ? null : undefined) },
    });
  }

  /** The gate every order goes through, owning the broker the factory makes. */
  gate(broker: () => Broker): RiskGate {
    const gate = new RiskGate(broker, this.rules, { book: this.book, observer: this });
    const native = gate.info.nativeTypes;
    this.#venueHoldsStops = native.has('stop-market') && native.has('stop-limit');
    return gate;
  }

  /** After the engine is built on the gate: positions under way seed the losing streak; a kill switch left engaged cancels again. */
  attach(engine: RiskEngineHandle): void {
    this.#engine = engine;
    for (const p of engine.portfolio.positions()) this.#streak.seed(`${p.symbol}\u0000${p.ledger}`, toNumber(p.qty), toNumber(p.realizedPnl), toNumber(p.feesPaid));
    if (this.#kill.engaged) {
      const { cancelled, failures } = this.#target().cancelAll('kill switch: still engaged at start-up');
      if (cancelled > 0) this.#log?.warn('risk', `the kill switch is still engaged: cancelled ${countOf(cancelled, 'open order')} at start-up`);
      if (failures.length > 0) this.#log?.error('risk', `the kill switch is still engaged, but at start-up ${failures.join('; ')}`);
    }
    this.#observeEquity(this.#equity().equity);
  }

  // ------------------------------------------------------------------ what the gate reports

  refused(order: RiskOrder, refusal: RiskRefusal): void {
    this.#takeMeasuredRisk(order);
    this.#riskLog.record('refusal', actorOf(order.origin), refusal.message, {
      rule: refusal.rule,
      level: 'warn',
      details: { order: order.id, symbol: order.symbol, side: order.side, qty: toNumber(order.qty), price: toNumber(order.refPrice), ledger: order.ledger },
    });
    this.#publishSoon();
  }

  admitted(order: RiskOrder, ctx: RiskContext): void {
    this.#takeMeasuredRisk(order);
    this.#rate.record(ctx.now);
    this.#publishSoon();
  }

  /** The risk measured while `order` (a real one, not a preview) was checked becomes the last order's. */
  #takeMeasuredRisk(order: RiskOrder): void {
    if (this.#checkedOrder !== order) return;
    this.#lastTradeRiskPct = this.#checkedRiskPct;
    this.#riskMeasured = true;
    this.#checkedOrder = null;
  }

  filled(order: PendingOrder, _fill: BrokerFill): void {
    const engine = this.#engine;
    if (!engine) return;
    const p = engine.portfolio.position(order.symbol, order.ledger);
    if (p) {
      let sp = this.#streakSlots.get(p);
      if (sp === undefined) this.#streakSlots.set(p, (sp = new StreakPosition(this.#streak.slot(`${p.symbol}\u0000${p.ledger}`))));
      // The sign of the bigint is the sign of its float (a non-zero amount is at least 1e-18 as a float).
      const sign = p.qty > 0n ? 1 : p.qty < 0n ? -1 : 0;
      // A fill that keeps the direction opens and closes no trade (onSlot would return false): the P&L
      // and fees it would read are not converted.
      if (sign !== sp.slot.sign) {
        const l = this.settings.limits;
        const closed = this.#streak.onSlot(sp.slot, sign, sp.realized.of(p.realizedPnl), sp.fees.of(p.feesPaid), this.#clock.now(), l.lossStreakLimit, l.lossStreakCooldownMinutes);
        // Saved once the engine has finished with the fill (below, and on close), and only when it changed.
        if (closed) this.#streakUnsaved = true;
      }
    }
    // A fill can be what breaks a loss limit. Acting on it waits until the engine has finished with the fill;
    // one pending look covers any number of fills (a backtest makes millions in one synchronous run).
    if (!this.#observeQueued) {
      this.#observeQueued = true;
      queueMicrotask(() => {
        this.#observeQueued = false;
        this.#saveStreak();
        this.observe();
      });
    }
  }

  venueHealth(health: VenueHealth): void {
    this.#circuit.report(health);
  }

  // ------------------------------------------------------------------ the app's calls

  /**
   * The distance to the stop an entry without one is checked against when the limits put it k × ATR(14)
   * away (defaultStopAtr): null when the default stop is a percent, or the symbol has too little history.
   * A strategy's maxBuyQty sizes on it (engine-context.ts), so the entry it sizes is one the gate passes:
   * sized as if 2% away, such entries were refused outright for a risk a little over the limit.
   */
  atrStopDistance(symbol: string): number | null {
    const k = this.settings.limits.defaultStopAtr;
    if (k === null) return null;
    const atr = this.history.atr(this.#symbols.id(symbol));
    return atr > 0 ? k * atr : null;
  }

  /**
   * After a market tick (and after fills): follows equity, pulls the kill switch on a breach, publishes usage.
   * `limitsOnly`: the loss limits alone, no margin call. A backtest without finer bars tells the room of a
   * bar's extremes after the bar's fills are made (run-backtest.ts): a loss limit's kill blocks entries,
   * and its closing orders (closeOnLossLimit) the backtest fills at the extreme itself, but a margin call's
   * would fill at the next bar's open as if the call had been made at the close; the margin level is
   * checked at the close (margin-spike.ts says when a high went through it).
   */
  observe(limitsOnly = false): void {
    if (this.#closed || !this.#engine) return;
    const { equity, interest } = this.#equity();
    this.#observeEquity(equity);
    const l = this.settings.limits;
    const daily = this.#monitor.dailyLossPct(equity);
    const dd = this.#monitor.drawdownPct(equity);
    if (daily < l.dailyLossLimitPct) this.#latched.daily = false;
    if (dd < l.maxDrawdownPct) this.#latched.drawdown = false;
    if (!this.#latched.daily && daily >= l.dailyLossLimitPct) {
      this.#latched.daily = true;
      this.#breach('daily-loss-limit', 'daily-loss', `today's loss of ${pct(daily)} reached the ${pct(l.dailyLossLimitPct)} daily loss limit`);
    } else if (!this.#latched.drawdown && dd >= l.maxDrawdownPct) {
      this.#latched.drawdown = true;
      this.#breach('max-drawdown', 'drawdown', `a drawdown of ${pct(dd)} from the equity peak reached the ${pct(l.maxDrawdownPct)} limit`);
    }
    if (!limitsOnly) this.#checkMargin(equity, interest);
    this.#publishSoon();
  }

  /**
   * A replayed market went back to an earlier candle (the replay started over), told before the tick that
   * marks positions at its earlier price: that jump is no loss (account-monitor.ts), so the observe after
   * it starts a new day from the equity there, and moves the peak by the jump.
   */
  marketWentBack(): void {
    this.#monitor.wentBack();
  }

  /**
   * A margin account's margin call (margin-call.ts): at the liquidation level every position is closed,
   * through the kill switch with flatten (engaged again if it already was, without flatten, for a loss
   * limit), once per breach; the level must recover (the shorts gone) before it can call again.
   */
  #checkMargin(equity: number, interest: number): void {
    const engine = this.#engine!;
    if (engine.mode !== 'margin') return;
    const shorts = engine.portfolio.shortValueFloat();
    if (!(shorts > 0)) {
      this.#latched.margin = false;
      return;
    }
    const owed = shorts + interest;
    const level = marginLevel(equity, owed);
    if (level > LIQUIDATION_LEVEL) {
      this.#latched.margin = false;
      return;
    }
    if (this.#latched.margin) return;
    this.#latched.margin = true;
    const message = marginCallMessage(level, equity, owed, engine.quoteAsset);
    this.#riskLog.record('breach', 'system', message, { rule: 'margin-call', level: 'alert' });
    this.kill({ flatten: true, actor: 'system', via: 'margin-call', reason: message });
  }

  state(): RiskState {
    const engine = this.#engine;
    const now = this.#clock.now();
    const account: RiskAccount = engine?.portfolio ?? { positions: () => [], position: () => undefined, markOf: () => Number.NaN, equityFloat: () => 0 };
    const limits = this.settings.limits;
    const { equity } = this.#equity();
    const m = this.#monitor.snapshot();
    const circuit = this.#circuit.state;
    const kill = this.#kill.state;
    return {
      mode: this.settings.mode,
      limits: { ...limits, symbolAllowlist: limits.symbolAllowlist === null ? null : [...limits.symbolAllowlist] },
      status: circuit.state !== 'closed' ? 'error' : kill.engaged ? 'halted' : 'ok',
      kill: { ...kill, at: kill.at === null ? null : Math.max(0, Math.floor(kill.at)) },
      circuit: { ...circuit, since: circuit.since === null ? null : Math.max(0, Math.floor(circuit.since)) },
      gauges: riskGauges({
        limits,
        account,
        equity,
        quoteAsset: engine?.quoteAsset ?? 'USDT',
        now,
        meter: this.#meter,
        monitor: this.#monitor,
        rate: this.#rate,
        streak: this.#streak,
        correlation: { correlation: (a, b) => this.history.correlation(a, b), name: (id) => this.#symbols.name(id) },
        lastTradeRiskPct: this.#riskMeasured ? this.#lastTradeRiskPct : null,
      }),
      quoteAsset: engine?.quoteAsset ?? 'USDT',
      equity: Number.isFinite(equity) ? equity : 0,
      dayStartEquity: m.dayStartEquity,
      peakEquity: m.peakEquity,
      day: m.day,
      cooldownUntil: this.#streak.cooldownUntil(now),
      updatedAt: Math.max(0, Math.floor(wallClock.now())),
    };
  }

  setMode(mode: RiskMode, actor: AuditActor): RiskState {
    const before = this.settings.mode;
    if (unsaved(() => this.settings.setMode(mode), 'the risk mode')) {
      const f = this.settings.limits;
      this.#riskLog.record('mode', actor, `risk mode ${before} → ${mode} (risk per trade ${pct(f.riskPerTradePct)}, at most ${f.maxConcurrentPositions} positions, AI confidence ≥ ${pct(f.minAiConfidencePct)}); applies to new orders, open positions and orders are unchanged`, {
        details: { from: before, to: mode },
      });
    }
    return this.#publishNow();
  }

  /** Throws KeelError invalid_request with the field's message when any value is refused (nothing changes then). */
  setLimits(patch: LimitsPatch, actor: AuditActor): RiskState {
    const before = this.settings.limits;
    const check = unsaved(() => this.settings.setLimits(patch), 'the risk limits');
    if (!check.ok) throw new KeelError('invalid_request', check.message);
    const changed = (Object.keys(patch) as (keyof RiskLimits)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(check.limits[k]));
    if (changed.length > 0) {
      this.#monitor.setTimeZone(check.limits.timeZone, this.#clock.now());
      const text = changed.map((k) => `${k} ${JSON.stringify(before[k])} → ${JSON.stringify(check.limits[k])}`).join(', ');
      this.#riskLog.record('limits', actor, `risk limits changed: ${text}; applies to new orders`, { details: { changed } });
    }
    return this.#publishNow();
  }

  /** The kill switch: cancel everything, optionally close every position, block entries until re-armed. */
  kill(request: { flatten: boolean; actor: AuditActor; via: string; reason?: string | undefined }): KillReport & { state: RiskState } {
    const reason = request.reason ?? `pulled by the ${request.actor === 'system' ? 'system' : 'user'} (${request.via})`;
    const report = this.#kill.engage({ flatten: request.flatten, by: request.actor, via: request.via, reason, now: this.#clock.now() }, this.#engine ? this.#target() : null);
    const failures = report.failures.length ? `; could not: ${report.failures.join('; ')}` : '';
    this.#riskLog.record('kill', request.actor, `kill switch engaged via ${request.via}: ${reason}; ${countOf(report.cancelled, 'order')} cancelled${request.flatten ? `, ${countOf(report.flattened, 'position')} sent a closing order` : ''} in ${report.ms.toFixed(1)} ms${failures}`, {
      details: { via: request.via, flatten: request.flatten, cancelled: report.cancelled, flattened: report.flattened, ms: report.ms },
    });
    return { ...report, state: this.#publishNow() };
  }

  /**
   * The kill's report once the venue has answered its cancels. Paper's are done inside kill(), so at once;
   * a live account's (electron/app/live-account-risk.ts) counts only what the exchange confirmed.
   */
  confirmKill(report: KillReport & { state: RiskState }): Promise<KillReport & { state: RiskState }> {
    return Promise.resolve(report);
  }

  /** A line in the risk log after the fact: a live kill's cancels the exchange did not confirm. */
  protected recordKillOutcome(message: string, details: { cancelled: number; unconfirmed: number }): void {
    this.#riskLog.record('kill', 'system', message, { level: 'alert', details });
  }

  rearm(actor: AuditActor, via: string): RiskState {
    if (this.#circuit.state.state !== 'closed') throw new KeelError('conflict', `the exchange circuit breaker is ${this.#circuit.state.state}; re-arm once the exchange answers and reconciliation passes`);
    const was = this.#kill.state;
    let rearmed: boolean;
    try {
      rearmed = this.#kill.rearm();
    } catch (err) {
      throw new KeelError('internal', `the journal could not save the re-arm (${err instanceof Error ? err.message : String(err)}); the kill switch stays engaged`);
    }
    if (!rearmed) return this.#publishNow();
    const notes: string[] = [];
    const engine = this.#engine;
    if (engine) {
      const { equity } = this.#equity();
      const l = this.settings.limits;
      if (this.#monitor.drawdownPct(equity) >= l.maxDrawdownPct) {
        // Re-arming after a drawdown breach is the decision to go on from here: the peak starts again.
        this.#monitor.resetPeak(equity);
        notes.push('the drawdown is measured from the equity now');
      }
      if (this.#monitor.dailyLossPct(equity) >= l.dailyLossLimitPct) notes.push('the daily loss limit still blocks new entries until tomorrow');
      this.#saveMonitor();
    }
    this.#riskLog.record('rearm', actor, `kill switch re-armed via ${via} (it was engaged by ${was.by ?? '?'} via ${was.via ?? '?'}: ${was.reason ?? ''})${notes.length ? `; ${notes.join('; ')}` : ''}`, { details: { via } });
    return this.#publishNow();
  }

  events(limit: number): RiskEvent[] {
    return this.#riskLog.recent(limit);
  }

  /** Until when (market time) a losing streak's cooldown refuses new entries, or null: cheaper than state(). */
  get cooldownUntil(): number | null {
    return this.#streak.cooldownUntil(this.#clock.now());
  }

  /**
   * The equities at which what observe() decides changes, for a caller that tells the room of the equity
   * only when it may matter (a backtest's RiskWatch): at or below `daily` the daily loss limit is reached,
   * at or below `drawdown` the drawdown limit; above `peak` the peak moves (what the drawdown is counted
   * from). -Infinity (Infinity for the peak) while the day's start or the peak is not known yet.
   */
  lossLevels(): { daily: number; drawdown: number; peak: number } {
    const m = this.#monitor.snapshot();
    const l = this.settings.limits;
    return {
      daily: m.dayStartEquity === null ? -Infinity : m.dayStartEquity * (1 - l.dailyLossLimitPct / 100),
      drawdown: m.peakEquity === null ? -Infinity : m.peakEquity * (1 - l.maxDrawdownPct / 100),
      peak: m.peakEquity ?? Infinity,
    };
  }

  get killEngaged(): boolean {
    return this.#kill.engaged;
  }

  /** The kill switch alone (why and through what it was pulled), without the gauges state() computes. */
  get killState(): Readonly<KillState> {
    return this.#kill.state;
  }

  get circuit(): Readonly<CircuitState> {
    return this.#circuit.state;
  }

  close(): void {
    this.#closed = true;
    if (this.#publishTimer) clearTimeout(this.#publishTimer);
    this.#publishTimer = null;
    this.#saveMonitor();
    this.#saveStreak();
  }

  // ------------------------------------------------------------------ internals

  #observeEquity(equity: number): void {
    if (this.#monitor.observe(equity, this.#clock.now(), allMarked(this.#engine!.portfolio))) this.#saveMonitor();
  }

  /**
   * The equity the loss limits, the margin level and the panel read: cash and positions at their marks,
   * less the borrow interest the shorts owe (paid when they are bought back, but owed already: a short
   * held for months must not hide its cost from the daily loss and drawdown limits). A spot account, or
   * a margin account borrowing for free, owes none.
   */
  #equity(): { equity: number; interest: number } {
    const engine = this.#engine;
    if (!engine) return { equity: 0, interest: 0 };
    const pf = engine.portfolio;
    const interest = engine.mode === 'margin' ? toNumber(pf.interestOwedTotal(this.#clock.now())) : 0;
    return { equity: pf.equityFloat() - interest, interest };
  }

  #saveStreak(): void {
    if (!this.#streakUnsaved) return;
    this.#streakUnsaved = false;
    const snap = this.#streak.snapshot();
    if (snap.streak === this.#streakSaved.streak && snap.cooldownUntil === this.#streakSaved.cooldownUntil) return;
    if (!this.#keep(this.#streakKey, snap, 'the losing streak')) {
      this.#streakUnsaved = true;
      return;
    }
    this.#streakSaved = snap;
  }

  #saveMonitor(): void {
    this.#keep(this.#monitorKey, this.#monitor.snapshot(), "the day's start and the equity peak");
  }

  /**
   * Saves state the risk room keeps in memory and reads back at start-up. A save that fails (a full disk)
   * does not stop the rules, which run on memory: it is logged, once until a save works again, and tried
   * again at the next change.
   */
  #keep(key: string, value: unknown, what: string): boolean {
    try {
      this.#store.write(key, value);
      this.#unsavedSaid = false;
      return true;
    } catch (err) {
      if (!this.#unsavedSaid) this.#log?.error('risk', `could not save ${what} (${err instanceof Error ? err.message : String(err)}): the limits still apply, but a restart would start from what was saved last`);
      this.#unsavedSaid = true;
      return false;
    }
  }

  #breach(rule: string, via: string, message: string): void {
    this.#riskLog.record('breach', 'system', message, { rule });
    // The limits' closeOnLossLimit: the breach closes every position too (TradingView's max drawdown), or
    // leaves them to their stops and exits (the default).
    const close = this.settings.limits.closeOnLossLimit;
    if (!this.#kill.engaged) this.kill({ flatten: close, actor: 'system', via, reason: message });
    // Already engaged without closing (the trader's pull, a circuit breaker, a breach before the setting was
    // on): a breach that closes positions does so now, as it would have on an armed switch.
    else if (close && !this.#kill.state.flatten && this.positionsOpen()) this.kill({ flatten: true, actor: 'system', via, reason: message });
    // A drawdown past its limit while a daily-loss pull holds the switch takes the pull over: the day's loss
    // passes with the day (a trader re-arms the next morning, a backtest at the next day), the drawdown does
    // not, and the screen and the re-arm must say which holds it now. Nothing is cancelled again (holdFor).
    else if (via === 'drawdown' && this.#kill.state.via === 'daily-loss') this.#holdFor(via, message);
  }

  /** Whether the account holds any position (a backtest's note on a pull that closes them says so only then). */
  positionsOpen(): boolean {
    if (!this.#engine) return false;
    for (const p of this.#engine.portfolio.positions()) if (p.qty !== 0n) return true;
    return false;
  }

  #holdFor(via: string, reason: string): void {
    const was = this.#kill.state;
    const failures = this.#kill.holdFor({ by: 'system', via, reason, now: this.#clock.now() });
    const could = failures.length ? `; could not: ${failures.join('; ')}` : '';
    this.#riskLog.record('kill', 'system', `kill switch held via ${via} now: ${reason}; it held via ${was.via ?? '?'} (${was.reason ?? 'no reason given'}); nothing more cancelled${could}`, {
      details: { via, from: was.via, cancelled: 0 },
    });
    this.#publishNow();
  }

  #circuitChanged(now: CircuitState, before: CircuitState): void {
    if (now.state === 'open') {
      this.#riskLog.record('circuit', 'system', `exchange circuit breaker open: ${now.reason}; new orders halted`, { rule: 'circuit-breaker', level: 'alert' });
      if (!this.#kill.engaged) this.kill({ flatten: false, actor: 'system', via: 'circuit-breaker', reason: `exchange circuit breaker open: ${now.reason}` });
      else this.#publishNow();
    } else if (now.state === 'recovering') {
      this.#riskLog.record('circuit', 'system', 'exchange circuit breaker: the exchange answers again; waiting for reconciliation before orders resume', { rule: 'circuit-breaker', level: 'warn' });
      this.#publishNow();
    } else if (before.state !== 'closed') {
      this.#riskLog.record('circuit', 'system', `exchange circuit breaker closed: reconciliation passed${this.#kill.engaged ? '; the kill switch stays engaged until you re-arm it' : ''}`, { rule: 'circuit-breaker', level: 'info' });
      this.#publishNow();
    }
  }

  #target(): KillTarget {
    const engine = this.#engine!;
    return {
      // A position's protective stop stays: a kill leaves positions open unless told to flatten, and a
      // position without its stop is more risk, not less. Flattening cancels it with the position's close.
      cancelAll: (reason) => {
        try {
          return { cancelled: this.#batch(() => engine.cancelAll({ keepReduceOnly: true }, reason).length), failures: [] };
        } catch (batchError) {
          // A write that failed rolled the one-commit batch back whole: each order again on its own
          // commit, so every cancel the journal can save is made, and only the others stay open.
          const before = engine.openOrders().length;
          const failures: string[] = [];
          try {
            engine.cancelAll({ keepReduceOnly: true }, reason);
          } catch (err) {
            failures.push(`cancelling: ${err instanceof Error ? err.message : String(err)}`);
          }
          const cancelled = before - engine.openOrders().length;
          const why = batchError instanceof Error ? batchError.message : String(batchError);
          this.#log?.error('risk', `${reason}: the cancels as one commit failed (${why}); one by one, ${cancelled} cancelled${failures.length ? `, ${failures.join('; ')}` : ''}`);
          return { cancelled, failures };
        }
      },
      flattenAll: (reason, tag, origin) => {
        let flattened = 0;
        const failures: string[] = [];
        for (const p of engine.portfolio.positions()) {
          if (p.qty === 0n) continue;
          try {
            engine.closePosition(p.symbol, p.ledger, origin, tag);
            flattened++;
          } catch (err) {
            failures.push(`close ${p.ledger} ${p.symbol}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        if (failures.length) this.#log?.error('risk', `${reason}: ${failures.join('; ')}`);
        return { flattened, failures };
      },
    };
  }

  #publishNow(): RiskState {
    if (this.#publishTimer) clearTimeout(this.#publishTimer);
    this.#publishTimer = null;
    const state = this.state();
    this.#events?.emit('risk.state', state);
    return state;
  }

  #publishSoon(): void {
    if (!this.#events || this.#publishTimer || this.#closed || this.#publishEveryMs <= 0) return;
    this.#publishTimer = setTimeout(() => {
      this.#publishTimer = null;
      if (!this.#closed) this.#publishNow();
    }, this.#publishEveryMs);
    this.#publishTimer.unref?.();
  }
}

/** A settings change the journal could not save: not made (RiskSettings saves first), and said so. */
function unsaved<T>(change: () => T, what: string): T {
  try {
    return change();
  } catch (err) {
    if (err instanceof KeelError) throw err;
    throw new KeelError('internal', `the journal could not save ${what} (${err instanceof Error ? err.message : String(err)}); ${what} did not change`);
  }
}
