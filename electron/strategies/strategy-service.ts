// Strategies running in the app: start and stop StrategyRunners (the same strategy code and engine context
// as a backtest) on a series of the active market, on the engine the trading.* commands act on now.
//
// - Parameters are checked by the registry: an unknown strategy or parameter, or a value out of range, is
//   refused with what is valid. The series is the selected market's unless another symbol or timeframe of
//   the active source is asked for; the market service streams it while its source is active.
// - Each run has an id (sma-cross, sma-cross#2, ...): the origin of its orders and its own ledger.
// - Its entries are sized by the risk mode in force when it starts (positionShareOf: the share of equity
//   an entry without a stop may take); every order still passes the risk gate under the mode in force.
// - The kill switch: the gate refuses entries already; the service marks the strategies halted (and says
//   why) until it is re-armed.
// - Arming or disarming live trading stops every running strategy whose account is no longer the one the
//   app trades: a strategy started on paper never moves to a live account, and one started on a live
//   account does not carry on on paper. The strategy.state event, the log and the audit log say so.
// - The sides it may take (direction): long (the default), short or both. Short and both sell shorts with 1×
//   collateral, so they need the account to be a margin account: on a spot account the start is refused
//   up front, naming the account and what would work, and nothing starts.
// - At the start it reads its warm-up from the series' last closed bars (the market's history: a replay's up
//   to its clock, the exchange's or the simulated market's up to now), so it acts at the first bar it hears
//   rather than after its slowest indicator's period of live bars, as a backtest from --from does. A replay
//   that starts over from an earlier candle starts the strategy over there, and it reads the same warm-up
//   again from the bars before the new start (the runner does, from the journal: StrategyMarket.strategyBarsBefore),
//   so the second pass acts at the same bars as the first.
// - Paper strategies are saved in the settings table and started again at start-up (as the system, with an
//   audit row); live ones never are. Stopping one saves the list without it; closing the app keeps it.
//   One started again says so in its notes (its position carries on in its ledger; the strategy itself, its
//   indicators and whatever it kept in its own variables, starts afresh). One that is not (its file gone or
//   broken, its parameters no longer valid) is told to the app: a strategy.state "stopped" event with the
//   reason, and a problem in the catalog until the next start-up, not only a line in the log.
// Every start and stop is an audit row: strategy.start / strategy.stop.
import { exitsLabel, exitsProblem, hasExits, NO_EXITS, shortTargetProblem, type RunExits } from '../../shared/backtest/run-exits.ts';
import { KeelError } from '../../shared/contract/errors.ts';
import type { RunningStrategy, StrategyHaltKind } from '../../shared/contract/commands/strategy.ts';
import type { Position } from '../../shared/trading/orders.ts';
import type { MarketSelection, MarketStatus } from '../../shared/contract/market-schemas.ts';
import type { Candle } from '../../shared/domain/candle.ts';
import { countOf } from '../../shared/domain/plural.ts';
import { DIRECTION_LABELS, type Direction } from '../../shared/domain/direction.ts';
import type { Timeframe } from '../../shared/domain/timeframe.ts';
import type { RiskMode } from '../../shared/risk/risk-limits.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import { positionShareOf } from '../backtest/risk-modes.ts';
import type { AuditActor, AuditEntry } from '../journal/audit-log.ts';
import type { SeriesFollow } from '../market/series-follows.ts';
import type { RiskService } from '../risk/risk-service.ts';
import type { SettingsStore } from '../risk/settings-store.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import type { MarketRulesProvider } from '../trading/market-rules.ts';
import type { SignalSource } from './engine-context.ts';
import { ParamError } from './params.ts';
import type { HostLine } from './code-host-protocol.ts';
import { refreshOwnFirst } from './fresh-own-strategy.ts';
import { strategyFileOf, strategyWithParams } from './registry.ts';
import { loadSavedStrategies, saveStrategies, type SavedStrategy } from './saved-strategies.ts';
import { strategyCatalog, type CatalogEntry } from './strategy-catalog.ts';
import type { StrategyProblem } from './own-strategies.ts';
import { nextStrategyId } from './strategy-ids.ts';
import { StrategyRunner } from './strategy-runner.ts';
import { StrategyThreadError } from './strategy-thread.ts';
import { barsNeeded, strategyStatus } from './strategy-status.ts';
import { cooldownEndText } from '../risk/rules/loss-streak-cooldown.ts';

/** What the service needs of the market service. */
export interface StrategyMarket {
  strategySeries(request?: { symbol: string; timeframe: Timeframe }): Promise<MarketSelection>;
  followSeries(selection: MarketSelection): SeriesFollow;
  /** The series' last `limit` closed candles from its source, oldest first; null while that source is not the active one. */
  strategyHistory(selection: MarketSelection, limit: number): Promise<Candle[] | null>;
  /**
   * The series' last `limit` closed candles that open before `t`, oldest first, read synchronously: the
   * warm-up of a strategy whose replay started over from `t`. None for a source that never goes back in time.
   */
  strategyBarsBefore(selection: MarketSelection, t: number, limit: number): Candle[];
}

const WARM_UP_WAIT_MS = 3_000;

/** Waits for `work` (which never rejects) at most `ms`; it goes on after that. */
async function settledWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The account the app trades on now: its engine, its risk service and its market rules. */
export interface ActiveTrading {
  engine: ExecutionEngine;
  risk: Pick<RiskService, 'killEngaged' | 'circuit' | 'settings' | 'state' | 'cooldownUntil' | 'atrStopDistance'>;
  rules: MarketRulesProvider;
}

export interface StrategyServiceOptions {
  bus: Pick<EventBus, 'on' | 'emit'>;
  market: StrategyMarket;
  active: () => ActiveTrading;
  settings: SettingsStore;
  audit: { append(entry: AuditEntry): unknown } | null;
  log: Logger;
  /** Fee and slippage fractions entries are sized with: the paper fill model's. */
  sizing: { takerFee: number; slippage: number };
  /** Journaled signals (the ai-assisted strategy reads the AI's decisions). */
  signals?: SignalSource;
  /** Looks at the trader's own strategy files again; the problems with them. */
  ownStrategies?: () => Promise<StrategyProblem[]>;
  /**
   * Where a strategy of the trader's own runs its thread: the process for the trader's code (code-host.ts),
   * asked before each start. Absent (tests), its thread runs in this process.
   */
  strategyLine?: () => Promise<HostLine>;
  now?: () => number;
  /**
   * How long a start waits for its warm-up from the market's history before it answers (default 3 s): a
   * replay's or the simulated market's is at hand, an exchange that is slow or down must not hold the
   * start; its warm-up then goes on behind, and the strategy's state is published when it is read.
   */
  warmUpWaitMs?: number;
  /**
   * A trial run of one of the trader's own strategies before it starts (electron/backtest/strategy-trial.ts,
   * wired by the app): null when it got through, otherwise why it is not started. Absent: no trial.
   */
  trial?: (t: StrategyTrial) => Promise<string | null>;
}

/** What a trial run is asked to try: the strategy as it would start, on its series. */
export interface StrategyTrial {
  strategy: string;
  strategyFile: string;
  params: Record<string, number>;
  series: MarketSelection;
  direction: Direction;
}

export interface StartRequest {
  strategy: string;
  params?: Record<string, number>;
  series?: { symbol: string; timeframe: Timeframe } | undefined;
  /** Protective exits on each entry (percent; null or absent: none), checked by the contract's schema. */
  stopLossPct?: number | null | undefined;
  takeProfitPct?: number | null | undefined;
  trailingStopPct?: number | null | undefined;
  /** The sides it may take; absent: long. Short and both need a margin account. */
  direction?: Direction | undefined;
}

/** Notes kept per strategy (its latest). */
const MAX_NOTES = 20;

interface Running {
  readonly runner: StrategyRunner;
  readonly follow: SeriesFollow;
  readonly series: MarketSelection;
  readonly account: string;
  readonly mode: RiskMode;
  readonly positionShare: number;
  readonly exits: RunExits;
  readonly direction: Direction;
  readonly startedAt: number;
  readonly notes: string[];
  /** What refused the order its latest note tells of (OrderRefusalInfo.kind), or null when that note is no refusal. */
  refusedBy: string | null;
  /** The status last published, and its words, to publish changes only. */
  status: string;
  statusText: string;
  /** Its warm-up from the market's history: not asked yet (or its source was not active to ask), being read, or read (or tried). */
  warm: 'unasked' | 'asking' | 'done';
  /** Its last state once it has stopped (#halt); null while it runs. */
  stopped: RunningStrategy | null;
}

export class StrategyService {
  readonly #o: StrategyServiceOptions;
  readonly #running = new Map<string, Running>();
  /** Saved strategies of the trader's own waiting for their trial at start-up: kept saved, their ids taken. */
  readonly #trying = new Map<string, SavedStrategy>();
  /** Saved strategies that were not started again at start-up, and why: listed with the catalog's problems. */
  readonly #notRestarted: StrategyProblem[] = [];
  readonly #offs: (() => void)[];
  /** The active market's status as last published: whether its source sends candles now. */
  #market: MarketStatus | null = null;
  #closed = false;

  constructor(options: StrategyServiceOptions) {
    this.#o = options;
    const { bus } = options;
    this.#offs = [
      bus.on('trading.mode', () => this.#accountChanged()),
      // The kill switch, the circuit breaker and the market source decide halted and waiting.
      bus.on('risk.state', () => this.#refresh()),
      bus.on('market.status', (status) => {
        this.#market = status;
        this.#refresh();
      }),
    ];
  }

  /** The strategies (the trader's own looked at again first) and the problems with their files. */
  async catalog(): Promise<{ strategies: CatalogEntry[]; problems: StrategyProblem[] }> {
    const problems = (await this.#o.ownStrategies?.()) ?? [];
    return { strategies: strategyCatalog(), problems: [...problems, ...this.#notRestarted] };
  }

  running(): RunningStrategy[] {
    return [...this.#running.keys()].map((id) => this.#info(this.#running.get(id)!));
  }

  /** The strategies running on `account` whose direction lets them sell short (short, or long and short), as "id (direction)". */
  mayShortOn(account: string): string[] {
    const found: string[] = [];
    for (const [id, r] of this.#running) if (r.account === account && r.direction !== 'long') found.push(`${id} (${DIRECTION_LABELS[r.direction]})`);
    return found;
  }

  async start(request: StartRequest, actor: AuditActor = 'user'): Promise<RunningStrategy> {
    if (this.#closed) throw new KeelError('conflict', 'the strategy service is closed');
    // One of the trader's own: their files looked at again first, so what is checked here, tried and run in
    // its thread is the file as it is now (each imports it), not as it was at the last Reload.
    await refreshOwnFirst([request.strategy], this.#o.ownStrategies, (name) => `${name} was not started`);
    let checked: { name: string; params: Record<string, number> };
    try {
      const { def, params } = strategyWithParams(request.strategy, request.params ?? {});
      checked = { name: def.name, params };
    } catch (err) {
      if (err instanceof ParamError) throw new KeelError('invalid_request', err.message);
      throw err;
    }
    const direction = request.direction ?? 'long';
    const refused = directionRefusal(checked.name, direction, this.#o.active().engine);
    if (refused !== null) throw new KeelError('conflict', refused);
    const exits: RunExits = { stopLossPct: request.stopLossPct ?? null, takeProfitPct: request.takeProfitPct ?? null, trailingStopPct: request.trailingStopPct ?? null };
    const problem = exitsProblem(exits) ?? shortTargetProblem(exits.takeProfitPct, direction, `take-profit ${exits.takeProfitPct}`, `direction ${DIRECTION_LABELS[direction]}`);
    if (problem !== null) throw new KeelError('invalid_request', problem);
    const series = await this.#o.market.strategySeries(request.series);
    // A file of the trader's own runs through a trial first (it could hold the engine's thread).
    const failed = await this.#tried(checked.name, checked.params, series, direction);
    if (failed !== null) {
      this.#o.audit?.append({ actor, action: 'strategy.trial-failed', details: { strategy: checked.name, reason: failed } });
      throw new KeelError('invalid_request', failed);
    }
    // What may have changed during the trial's seconds: the service closed, the account switched.
    if (this.#closed) throw new KeelError('conflict', 'the strategy service is closed');
    const refusedNow = directionRefusal(checked.name, direction, this.#o.active().engine);
    if (refusedNow !== null) throw new KeelError('conflict', refusedNow);
    const host = await this.#lineFor(checked.name);
    if (this.#closed) throw new KeelError('conflict', 'the strategy service is closed');
    // Its id is taken after the last wait, in the same step as the launch that lists it: two starts at once
    // (a second window, a double submit) would otherwise both take "sma-cross", and the second's listing
    // would hide the first, which would go on trading with no row to stop it from.
    const id = nextStrategyId(checked.name, new Set([...this.#running.keys(), ...this.#trying.keys()]));
    const r = this.#launch({ id, strategy: checked.name, params: checked.params, series, exits, direction }, actor, false, host);
    await settledWithin(this.#warmUp(r), this.#o.warmUpWaitMs ?? WARM_UP_WAIT_MS);
    // Stopped while its warm-up was read (its row's Stop, a stuck thread, the account switched): that last
    // state is the answer, not a running one that would bring its row back with nothing behind it.
    return r.stopped ?? this.#info(r);
  }

  /** A trader's own strategy through its trial run (null: it got through, or it is a built-in, or there is no trial). */
  async #tried(strategy: string, params: Record<string, number>, series: MarketSelection, direction: Direction): Promise<string | null> {
    const strategyFile = strategyFileOf(strategy);
    if (strategyFile === null || !this.#o.trial) return null;
    return this.#o.trial({ strategy, strategyFile, params, series, direction });
  }

  stop(id: string, actor: AuditActor = 'user', reason = 'by the user'): RunningStrategy {
    const r = this.#running.get(id);
    if (!r) throw new KeelError('not_found', `no running strategy ${id}; running: ${[...this.#running.keys()].join(', ') || 'none'}`);
    const info = this.#halt(r, actor, reason);
    const unsaved = this.#save('that it stopped, so a restart would start it again');
    return unsaved === null ? info : { ...info, statusText: `${info.statusText}; ${unsaved}` };
  }

  /** Starts the paper strategies saved when Keel last stopped (start-up; never on a live account). */
  /**
   * The built-in ones at once; one of the trader's own files after its trial run (they run side by side,
   * in workers; it stays saved meanwhile): the promise settles when every one has started or been refused.
   */
  async restore(): Promise<void> {
    if (this.#closed) return;
    const saved = loadSavedStrategies(this.#o.settings);
    if (saved.length === 0) return;
    const account = this.#o.active().engine.account;
    if (account !== 'paper') return;
    const trials: Promise<void>[] = [];
    for (const s of saved) {
      if (this.#running.has(s.id)) continue;
      if (strategyFileOf(s.strategy) !== null && this.#o.trial) {
        this.#trying.set(s.id, s);
        trials.push(this.#restoreAfterTrial(s));
        continue;
      }
      this.#restoreOne(s);
    }
    this.#save();
    await Promise.all(trials);
  }

  #restoreOne(s: SavedStrategy, host?: HostLine): void {
    try {
      void this.#warmUp(this.#launch(s, 'system', true, host));
    } catch (err) {
      this.#restoreFailed(s, err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * A saved strategy not started again: the log and the audit row, and the app told (a "stopped" state for
   * a page open now, a catalog problem for one opened later), so it does not just vanish from the list.
   */
  #restoreFailed(s: SavedStrategy, why: string): void {
    this.#o.log.warn('strategy', `the saved strategy ${s.id} (${s.strategy}) was not started again: ${why}`);
    this.#o.audit?.append({ actor: 'system', action: 'strategy.restore-failed', details: { id: s.id, strategy: s.strategy, reason: why } });
    const { engine, risk } = this.#o.active();
    const ledger = `strategy:${s.id}`;
    const p = engine.positions().find((x) => x.ledger === ledger && x.symbol === s.series.symbol);
    const open = p && p.qty !== '0' ? `; its position of ${p.qty} ${s.series.symbol} stays open in ledger ${ledger}` : '';
    const text = `was running when Keel last stopped and was not started again: ${why}${open}`;
    this.#notRestarted.push({ file: strategyFileOf(s.strategy) ?? s.id, message: `${s.id} ${text}` });
    this.#o.bus.emit('strategy.state', {
      id: s.id,
      strategy: s.strategy,
      params: { ...s.params },
      series: { ...s.series },
      account: engine.account,
      mode: risk.settings.mode,
      positionShare: positionShareOf(risk.settings.limits),
      exits: { ...(s.exits ?? NO_EXITS) },
      direction: s.direction ?? 'long',
      startedAt: this.#now(),
      status: 'stopped',
      statusText: `stopped: it ${text}`,
      haltedBy: null,
      stoppedBy: 'keel',
      indicators: [],
      bars: 0,
      warmup: 0,
      barsNeeded: 0,
      lastBarAt: null,
      notes: [],
      refusedBy: null,
      ledger,
      position: ledgerPositionOf(p),
    });
  }

  async #restoreAfterTrial(s: SavedStrategy): Promise<void> {
    const fail = (err: unknown) => (err instanceof Error ? err.message : String(err));
    let failed = await this.#tried(s.strategy, s.params, s.series, s.direction ?? 'long').catch(fail);
    let host: HostLine | undefined;
    if (failed === null) host = await this.#lineFor(s.strategy).catch((err: unknown) => ((failed = fail(err)), undefined));
    this.#trying.delete(s.id);
    if (this.#closed) return;
    if (failed === null) this.#restoreOne(s, host);
    else this.#restoreFailed(s, failed);
    this.#save();
  }

  /** Stops every runner before the engine closes; the saved list stays, so the next start-up runs them again. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const off of this.#offs.splice(0)) off();
    for (const r of this.#running.values()) {
      r.runner.stop();
      void r.follow.release();
    }
    this.#running.clear();
  }

  /** The host line one of the trader's own runs its thread over; undefined for a built-in, or without a host. */
  async #lineFor(strategy: string): Promise<HostLine | undefined> {
    if (strategyFileOf(strategy) === null || !this.#o.strategyLine) return undefined;
    return this.#o.strategyLine();
  }

  #launch(s: SavedStrategy, actor: AuditActor, restored: boolean, host?: HostLine): Running {
    const active = this.#o.active();
    const { engine, risk } = active;
    const mode = risk.settings.mode;
    const positionShare = positionShareOf(risk.settings.limits);
    // One started again says so: what carries on (its position, in its ledger) and what does not.
    const notes: string[] = restored ? [restartedNote(s.id)] : [];
    // A fresh start under an id an earlier run left a position or orders in: it takes them over (strategy-ids.ts), said.
    const inherited = restored ? null : takenOverNote(s.id, engine);
    if (inherited !== null) notes.push(inherited);
    const series = s.series;
    const exits = s.exits ?? NO_EXITS;
    // Saved before strategies could short: long.
    const direction = s.direction ?? 'long';
    // The account may have changed since the start was asked for (and a saved one is checked here too).
    const refused = directionRefusal(s.id, direction, engine);
    if (refused !== null) throw new KeelError('conflict', refused);
    let rec: Running | null = null;
    // Until rec is made (a refusal while it is), kept here.
    let refusedBy: string | null = null;
    let runner: StrategyRunner;
    try {
      runner = new StrategyRunner({
        bus: this.#o.bus,
        engine,
        rules: active.rules,
        series: { exchange: series.exchange, symbol: series.symbol, timeframe: series.timeframe },
        strategy: s.strategy,
        params: s.params,
        id: s.id,
        positionShare,
        riskPerTradePct: risk.settings.limits.riskPerTradePct,
        // Read at each sizing: the limits may change while it runs.
        atrStop: (symbol) => risk.atrStopDistance(symbol),
        takerFee: this.#o.sizing.takerFee,
        slippage: this.#o.sizing.slippage,
        signals: this.#o.signals,
        exits,
        direction,
        log: this.#o.log,
        barsBefore: (t, limit) => this.#o.market.strategyBarsBefore(series, t, limit),
        host,
        onMessage: (kind, message, refusal) => {
          notes.push(kind === 'note' ? message : `${kind}: ${message}`);
          if (notes.length > MAX_NOTES) notes.splice(0, notes.length - MAX_NOTES);
          refusedBy = kind === 'refusal' ? (refusal?.kind ?? null) : null;
          if (rec) rec.refusedBy = refusedBy;
          // A strategy of the trader's own that did not finish with a bar: its thread is gone, so it stops
          // (and is not started again at the next start-up). Once the bus's handler it is in has returned.
          if (kind === 'stuck') {
            queueMicrotask(() => {
              if (!rec || this.#running.get(s.id) !== rec) return;
              this.#halt(rec, 'system', message);
              this.#save();
            });
            return;
          }
          if (rec) this.#publish(rec);
        },
        onActivity: () => {
          if (rec) this.#publish(rec);
        },
      });
    } catch (err) {
      // No market rules for the symbol: nothing was started.
      if (err instanceof RangeError) throw new KeelError('conflict', `${s.id} was not started: ${err.message}`);
      // One of the trader's own whose thread could not load or create it.
      if (err instanceof StrategyThreadError) throw new KeelError('invalid_request', `${s.id} was not started: ${err.message}`);
      throw err;
    }
    // Its start in the audit log before it trades: a start the journal cannot record is not made.
    try {
      this.#o.audit?.append({
        actor,
        action: 'strategy.start',
        details: { id: s.id, strategy: s.strategy, params: { ...runner.params }, series: { ...series }, account: engine.account, mode, positionShare, exits: { ...exits }, direction, ...(restored ? { restored: true } : {}) },
      });
    } catch (err) {
      runner.stop();
      throw new KeelError('internal', `${s.id} was not started: the journal could not record its start (${err instanceof Error ? err.message : String(err)})`);
    }
    const follow = this.#o.market.followSeries(series);
    rec = { runner, follow, series, account: engine.account, mode, positionShare, exits, direction, startedAt: this.#now(), notes, refusedBy, status: '', statusText: '', warm: 'unasked', stopped: null };
    this.#running.set(s.id, rec);
    if (!restored) {
      const unsaved = this.#save('that it runs, so a restart would not start it again');
      if (unsaved !== null) notes.push(unsaved);
    }
    const label = `${series.source} ${series.exchange} ${series.symbol} ${series.timeframe}`;
    this.#o.log.info('strategy', `${s.id} ${restored ? 'started again (saved at the last stop)' : 'started'} on ${label}, account ${engine.account}, ${DIRECTION_LABELS[direction]}, ${mode} (entries up to ${Math.round(positionShare * 100)}% of equity${hasExits(exits) ? `; ${exitsLabel(exits)} on each` : ''})`);
    this.#publish(rec);
    return rec;
  }

  /**
   * Reads the series' last closed bars into a new run's history, so its indicators have values at the first
   * bar it hears, as a backtest reads the bars before its --from: its warm-up's worth, no more (onBar is not
   * called for them, and the first bar it hears is the first with values, as in the backtest; its status is
   * running at once). A source that cannot serve them (a network error) leaves it warming up on live bars,
   * as it did before, and says so; a run stopped meanwhile is left alone. A run whose source is not active
   * yet is warmed when it is, if it has heard no bar by then.
   */
  async #warmUp(r: Running): Promise<void> {
    const { runner } = r;
    if (r.warm !== 'unasked' || runner.warmup === 0 || runner.bars > 0) return;
    const want = runner.warmUpBars;
    const { symbol, timeframe } = r.series;
    let candles: Candle[] | null;
    r.warm = 'asking';
    try {
      candles = await this.#o.market.strategyHistory(r.series, want);
      // Its source is not the active one (a saved strategy started again before the market is chosen):
      // asked again when the market's status changes (#refresh).
      r.warm = candles === null ? 'unasked' : 'done';
    } catch (err) {
      r.warm = 'done';
      if (this.#running.get(runner.id) !== r) return;
      const why = err instanceof Error ? err.message : String(err);
      this.#o.log.warn('strategy', `${runner.id}: the ${symbol} ${timeframe} history for its warm-up could not be read (${why}); it warms up on live bars`);
      this.#note(r, `its warm-up history could not be read (${why}): it warms up on live bars`);
      return;
    }
    if (this.#running.get(runner.id) !== r || candles === null || candles.length === 0) return;
    let took: number;
    try {
      took = runner.seed(candles);
    } catch (err) {
      // Bars out of time order from a source: none taken; it warms up on live bars.
      this.#note(r, `its warm-up history was not used (${err instanceof Error ? err.message : String(err)}): it warms up on live bars`);
      return;
    }
    if (took === 0) return;
    const short = took < want ? `; ${want - took} more come as live bars close` : '';
    const read = `read ${took === 1 ? `the last closed ${timeframe} bar` : `the last ${took} closed ${timeframe} bars`} of ${symbol} for its indicators' warm-up${short}`;
    this.#o.log.info('strategy', `${runner.id} ${read}`);
    this.#note(r, read);
  }

  #note(r: Running, message: string): void {
    r.notes.push(message);
    if (r.notes.length > MAX_NOTES) r.notes.splice(0, r.notes.length - MAX_NOTES);
    r.refusedBy = null;
    this.#publish(r);
  }

  /** Stops one runner, writes its audit row and publishes its last state. */
  #halt(r: Running, actor: AuditActor, reason: string): RunningStrategy {
    const id = r.runner.id;
    r.runner.stop();
    void r.follow.release();
    this.#running.delete(id);
    const info: RunningStrategy = { ...this.#info(r), status: 'stopped', statusText: `stopped: ${reason}`, haltedBy: null, stoppedBy: actor === 'user' ? 'user' : 'keel' };
    r.stopped = info;
    const { position } = info;
    try {
      this.#o.audit?.append({ actor, action: 'strategy.stop', details: { id, strategy: r.runner.strategy, account: r.account, reason, bars: r.runner.bars, position: { ...position } } });
    } catch (err) {
      // The strategy has stopped: an audit log that cannot take the row must not leave it looking as if it runs.
      this.#o.log.error('strategy', `could not write ${id}'s stop to the audit log: ${err instanceof Error ? err.message : String(err)}`);
    }
    const open = position.qty !== '0' ? `; its position of ${position.qty} ${r.series.symbol} stays open in ledger strategy:${id}` : '';
    this.#o.log.info('strategy', `${id} stopped (${reason})${open}`);
    this.#o.bus.emit('strategy.state', info);
    return info;
  }

  /** Live trading armed or disarmed: strategies of the account the app no longer trades stop. */
  #accountChanged(): void {
    const now = this.#o.active().engine.account;
    let changed = false;
    for (const r of [...this.#running.values()]) {
      if (r.account === now) continue;
      const why = now === 'paper' ? `live trading on ${r.account} was disarmed` : `live trading was armed on ${now}`;
      this.#halt(r, 'system', `${why}; a strategy stays on the account it started on (${r.account}), so start it again to run on ${now}`);
      changed = true;
    }
    if (changed) this.#save();
  }

  /**
   * Publishes the strategies whose status changed. The words of warming and running change with every bar,
   * which publishes anyway; halted and waiting say why, so a new reason is news.
   */
  #refresh(): void {
    for (const r of this.#running.values()) {
      if (r.warm === 'unasked' && r.runner.bars === 0) void this.#warmUp(r);
      const { status, statusText } = this.#status(r);
      const news = status !== r.status || ((status === 'halted' || status === 'waiting') && statusText !== r.statusText);
      if (news) this.#publish(r);
    }
  }

  #publish(r: Running): void {
    const info = this.#info(r);
    r.status = info.status;
    r.statusText = info.statusText;
    this.#o.bus.emit('strategy.state', info);
  }

  #status(r: Running) {
    return strategyStatus({ series: r.series, streaming: r.follow.streaming(), halt: this.#haltReason(r), sourceDown: this.#sourceDown(r), bars: r.runner.bars, warmup: r.runner.warmup, seeded: r.runner.seeded, failing: r.runner.failing });
  }

  /**
   * Why the strategy's source, the active one, sends no candles now (a replay paused or finished, an exchange
   * offline), or null. A replay sends candles only while it plays ('live'); its 'delayed' is a pause. An
   * exchange's 'delayed' or 'stale' is a retry that may bring bars at any moment, so it still runs.
   */
  #sourceDown(r: Running): string | null {
    const m = this.#market;
    if (m === null || m.source !== r.series.source || m.exchange !== r.series.exchange) return null;
    const down = m.status === 'offline' || (m.source === 'replay' && m.status !== 'live');
    return down ? m.reason : null;
  }

  /** What in the risk room refuses new entries for this strategy's account (as data, and why in words), or null. */
  #haltReason(r: Running): { by: StrategyHaltKind; text: string } | null {
    const active = this.#o.active();
    if (active.engine.account !== r.account) return null;
    const risk = active.risk;
    if (risk.killEngaged) {
      const kill = risk.state().kill;
      return { by: 'kill-switch', text: `kill switch engaged${kill.reason ? ` (${kill.reason})` : ''}` };
    }
    const circuit = risk.circuit;
    if (circuit.state !== 'closed') return { by: 'circuit-breaker', text: `circuit breaker ${circuit.state}${circuit.reason ? ` (${circuit.reason})` : ''}` };
    // A losing streak's cooldown refuses entries as the kill switch does, for a while: the row read "running".
    const until = risk.cooldownUntil;
    if (until !== null) return { by: 'loss-streak-cooldown', text: `cooling down after ${countOf(risk.settings.limits.lossStreakLimit, 'losing trade')} in a row, until ${cooldownEndText(until)} market time` };
    return null;
  }

  #info(r: Running): RunningStrategy {
    const { runner } = r;
    const ledger = `strategy:${runner.id}`;
    const p = runner.engine.positions().find((x) => x.ledger === ledger && x.symbol === r.series.symbol);
    const { status, statusText, haltedBy } = this.#status(r);
    return {
      id: runner.id,
      strategy: runner.strategy,
      params: { ...runner.params },
      series: { ...r.series },
      account: r.account,
      mode: r.mode,
      positionShare: r.positionShare,
      exits: { ...r.exits },
      direction: r.direction,
      startedAt: r.startedAt,
      status,
      statusText,
      haltedBy,
      indicators: runner.indicators.map((u) => ({ name: u.name, params: { ...u.params }, output: u.output ?? null, source: u.source ?? 'c', levels: [...(u.levels ?? [])], timeframe: u.timeframe ?? null })),
      bars: runner.bars,
      warmup: runner.warmup,
      barsNeeded: barsNeeded(runner.warmup, runner.seeded),
      lastBarAt: runner.lastBarAt,
      notes: [...r.notes],
      refusedBy: r.refusedBy,
      ledger,
      position: ledgerPositionOf(p),
    };
  }

  /**
   * The paper strategies running now, for the next start-up. A save the journal cannot make (a full disk)
   * stops nothing: it is logged, and the problem returned (`what` did not get saved) for the caller to show.
   */
  #save(what = 'the running strategies, so a restart may not run the same ones'): string | null {
    const list: SavedStrategy[] = [];
    for (const [id, r] of this.#running) if (r.account === 'paper') list.push({ id, strategy: r.runner.strategy, params: { ...r.runner.params }, series: { ...r.series }, exits: { ...r.exits }, direction: r.direction });
    list.push(...this.#trying.values());
    try {
      saveStrategies(this.#o.settings, list);
      return null;
    } catch (err) {
      const problem = `the journal could not save ${what} (${err instanceof Error ? err.message : String(err)})`;
      this.#o.log.error('strategy', problem);
      return problem;
    }
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }
}

/**
 * Why a strategy may not take `direction` on the engine's account, or null: short and both sell shorts with
 * 1× collateral, which only a margin account holds.
 */
function directionRefusal(name: string, direction: Direction, engine: Pick<ExecutionEngine, 'account' | 'mode'>): string | null {
  if (direction === 'long' || engine.mode === 'margin') return null;
  return `${name} was not started: ${DIRECTION_LABELS[direction]} needs a margin account (shorts are sold with 1× collateral), and the ${engine.account} account is spot, which cannot go short; start it long only on ${engine.account}, or ${DIRECTION_LABELS[direction]} on a margin account`;
}

/** The note of a saved strategy started again at start-up. */
/**
 * What a new run under `id` takes over from an earlier run under it: the ledger's positions and its open
 * orders (their fills come to the new run), or null when the ledger is empty. Without it, a start showed a
 * position it never bought.
 */
function takenOverNote(id: string, engine: Pick<ExecutionEngine, 'positions' | 'orders'>): string | null {
  const ledger = `strategy:${id}`;
  const held = engine.positions().filter((p) => p.ledger === ledger && Number(p.qty) !== 0);
  const open = engine.orders({ status: 'open', limit: 1000 }).filter((o) => o.origin.kind === 'strategy' && o.origin.id === id).length;
  if (held.length === 0 && open === 0) return null;
  const parts = [...held.map((p) => `a position of ${p.qty} ${p.symbol}`), ...(open > 0 ? [`${open} open order${open === 1 ? '' : 's'}`] : [])];
  return `takes over ${parts.join(' and ')} that an earlier run under the id ${id} left in ledger ${ledger}: their fills come to this run (stopping a strategy closes nothing)`;
}

function restartedNote(id: string): string {
  return `started again at start-up: it was running when Keel last stopped; its position carries on in ledger strategy:${id}, and the strategy itself starts afresh (its indicators read their warm-up again; what it kept in its own variables is gone)`;
}

/** A strategy's ledger position in its market as its state carries it; flat when the ledger holds none. */
function ledgerPositionOf(p: Position | undefined): RunningStrategy['position'] {
  return p
    ? { qty: p.qty, avgEntryPrice: p.avgEntryPrice, realizedPnl: p.realizedPnl, unrealizedPnl: p.unrealizedPnl, feesPaid: p.feesPaid, markPrice: p.markPrice }
    : { qty: '0', avgEntryPrice: null, realizedPnl: '0', unrealizedPnl: '0', feesPaid: '0' };
}
