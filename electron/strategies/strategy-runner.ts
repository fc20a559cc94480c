// Runs a strategy live or on paper in the app: the same strategy class and the same EngineStrategyContext
// as a backtest, fed by the app's market.candle events instead of stored candles. A closed candle of the
// strategy's series is appended to its history and handed to onBar; a forming candle's price goes to
// onTick; the strategy's own fills (trading.fill with its origin) go to onFill. The market's last closed
// bars can be read into its history before the first (seed), for its indicators' warm-up.
//
// A replay that starts over from an earlier candle takes market time back: the runner starts a fresh
// strategy over a fresh history there, and reads that history's warm-up itself, synchronously, from the
// bars before the new start (barsBefore), before it hands the strategy the bar at which time went back. It
// reads them itself rather than telling the service (which reads the start's warm-up, asynchronously):
// the restart is only seen on that bar, inside the bus handler, and it must not reach onBar before its
// warm-up does, so the service would have to hold the bar, and every bar after it, until its read came
// back. A replay's bars are the journal's (synchronous SQLite), and only a replay goes back in time, so a
// synchronous read is always at hand when it is needed, and the second pass of a replay acts at the same
// bars as the first.
//
// Subscribe after the trading feed (createTradingServices does so first): the engine then has the price
// before the strategy acts on it, and an order placed at a close fills at the next price, as in a backtest.
import type { RunExits } from '../../shared/backtest/run-exits.ts';
import { seriesLabel, type Candle, type SeriesKey } from '../../shared/domain/candle.ts';
import type { Direction } from '../../shared/domain/direction.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import type { OrderRefusalInfo } from '../../shared/trading/refusal-kind.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import type { MarketRulesProvider } from '../trading/market-rules.ts';
import { growingHistory, type BarHistoryControl } from './bar-history.ts';
import { EngineStrategyContext, type SignalSource } from './engine-context.ts';
import { strategyFileOf, strategyWithParams, warmupOf } from './registry.ts';
import type { HostLine } from './code-host-protocol.ts';
import { StrategyStuckError, StrategyThread } from './strategy-thread.ts';
import type { ClosedBar, IndicatorUse, Strategy } from './strategy.ts';

/** Bars of history read at most for the warm-up, at the start and when a replay starts over: what a live source serves in one call. */
export const MAX_WARM_UP_BARS = 20_000;

export interface StrategyRunnerOptions {
  bus: Pick<EventBus, 'on'>;
  engine: ExecutionEngine;
  rules: MarketRulesProvider;
  series: SeriesKey;
  strategy: string;
  params?: Record<string, number>;
  /** Share of equity the strategy may hold (the risk mode's); default 0.5. */
  positionShare?: number;
  /** The mode's risk per trade (percent of equity) an entry with a stop is sized within; absent: no cap. */
  riskPerTradePct?: number | undefined;
  /** The ATR default stop's distance the gate checks an entry without a stop against (RiskService.atrStopDistance). */
  atrStop?: ((symbol: string) => number | null) | undefined;
  /** Fee and slippage fractions used to size entries. */
  takerFee?: number;
  slippage?: number;
  signals?: SignalSource;
  /** A stop-loss and take-profit on every entry the strategy makes without its own; absent: none. */
  exits?: RunExits | undefined;
  /**
   * The sides it may take (ctx.direction); absent: long. Short and both need the engine's account to be a
   * margin account: on a spot one the constructor throws a RangeError saying so, and nothing is subscribed.
   */
  direction?: Direction | undefined;
  log?: Logger;
  /** Market time; default the closed candle's close. */
  now?: () => number;
  /** Origin id and ledger (`strategy:<id>`); default the strategy's name. Two runs of one strategy need two ids. */
  id?: string;
  /**
   * A strategy's note, an order the engine or the risk gate refused, a failure in its code, or (stuck) one
   * of the trader's own that did not finish with a bar in time: its thread is stopped, and the strategy must be.
   * A refusal comes with what refused it, as data.
   */
  onMessage?: (kind: 'note' | 'refusal' | 'error' | 'stuck', message: string, refusal?: OrderRefusalInfo) => void;
  /**
   * Whether one of the trader's own strategies runs in a worker thread of its own (strategy-thread.ts), so
   * that a loop in it cannot hold the engine's thread; default true. Built-ins always run inline.
   */
  ownThread?: boolean;
  /** How long its thread may take on one bar, tick or fill before it is stopped; default STUCK_AFTER_MS. */
  stuckAfterMs?: number;
  /** The process for the trader's code its thread runs in (StrategyThreadOptions.host); absent, this one. */
  host?: HostLine | undefined;
  /** After each closed bar the strategy saw and each of its fills: the app republishes its state then. */
  onActivity?: () => void;
  /**
   * The series' last `limit` closed bars that open before `t`, oldest first, read synchronously: the warm-up
   * of a strategy whose replay started over from `t` (the journal's bars the replay plays). [] when there
   * are none; absent, a strategy that starts over warms up on the bars it hears.
   */
  barsBefore?: (t: number, limit: number) => readonly Candle[];
}

export class StrategyRunner {
  readonly id: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, number>>;
  readonly series: SeriesKey;
  readonly engine: ExecutionEngine;
  readonly direction: Direction;
  /** Closed bars before every indicator has a value. */
  readonly warmup: number;
  /** Bars of history read for its warm-up, at the start and when a replay starts over: its warmup, at most MAX_WARM_UP_BARS. */
  readonly warmUpBars: number;
  /** The indicators it declared with its parameters (the app can draw them on the chart). */
  readonly indicators: readonly IndicatorUse[];
  readonly notes: string[] = [];
  #strategy: Strategy;
  /** The worker thread the strategy runs in, when it is one of the trader's own. */
  #thread: StrategyThread | null = null;
  readonly #stops: (() => void)[] = [];
  readonly #bar = { t: 0, o: 0, h: 0, l: 0, c: 0, v: 0, index: -1 };
  #history: BarHistoryControl;
  #lastClosed = Number.NEGATIVE_INFINITY;
  #time = Number.NaN;
  readonly #barsBefore: ((t: number, limit: number) => readonly Candle[]) | null;
  /** Closed bars read from the market's history for the warm-up (at the start or when a replay started over), and closed bars heard since. */
  #seeded = 0;
  /** The open time of the first bar read for the warm-up (seed). */
  #firstSeeded = Number.NaN;
  #heard = 0;
  /** Closed bars in a row at which the strategy's code threw (0: its last bar went through), and the latest failure. */
  #failing = 0;
  #failure = '';

  constructor(o: StrategyRunnerOptions) {
    const { def, params } = strategyWithParams(o.strategy, o.params ?? {});
    const rules = o.rules.rules(o.series.symbol);
    if (!rules) throw new RangeError(`no market rules for ${o.series.symbol}; known: ${o.rules.symbols().join(', ')}`);
    const id = o.id ?? def.name;
    this.id = id;
    this.strategy = def.name;
    this.params = Object.freeze({ ...params });
    this.series = o.series;
    this.engine = o.engine;
    this.direction = o.direction ?? 'long';
    this.warmup = warmupOf(def, params, timeframeMs(o.series.timeframe));
    this.warmUpBars = Math.min(this.warmup, MAX_WARM_UP_BARS);
    this.#barsBefore = o.barsBefore ?? null;
    const plan = { uses: def.indicators(params), strategy: def.name, barMs: timeframeMs(o.series.timeframe) };
    this.indicators = plan.uses;
    // One of the trader's own runs in its thread, which computes its indicators there: here only its bars are kept.
    const file = o.ownThread === false ? null : strategyFileOf(def.name);
    const kept = file === null ? plan : { ...plan, uses: [] };
    this.#history = growingHistory(1024, kept);
    const log = o.log;
    const tell = o.onMessage ?? (() => {});
    const activity = o.onActivity ?? (() => {});
    const note = (m: string) => {
      this.notes.push(m);
      log?.info('strategy', m);
      tell('note', m);
    };
    // A fresh strategy over a fresh history: at start, and again when a replay starts over from an earlier candle.
    const fresh = (): Strategy => {
      this.#history = growingHistory(1024, kept);
      const ctx = new EngineStrategyContext({
        id,
        symbol: o.series.symbol,
        engine: o.engine,
        rules,
        history: this.#history.history,
        now: o.now ?? (() => this.#time),
        positionShare: o.positionShare ?? 0.5,
        riskPerTradePct: o.riskPerTradePct,
        atrStop: o.atrStop,
        takerFee: o.takerFee ?? 0.001,
        slippage: o.slippage ?? 0,
        signals: o.signals,
        exits: o.exits,
        direction: this.direction,
        onRefusal: (m, refusal) => {
          log?.warn('strategy', m);
          tell('refusal', m, refusal);
        },
        onNote: note,
      });
      if (file === null) return def.create(params, ctx);
      // Starting over (a replay gone back): in the same thread, so with the code it started with.
      if (this.#thread?.alive) {
        this.#thread.restart(ctx);
        return this.#thread;
      }
      this.#thread = new StrategyThread({
        file,
        strategy: def.name,
        params,
        barMs: timeframeMs(o.series.timeframe),
        ctx,
        stuckAfterMs: o.stuckAfterMs,
        host: o.host,
        // Its console lines into the app's log, under its id, at their level.
        onConsole: (level, text) => (level === 'error' ? log?.error('strategy', `${id}: ${text}`) : log?.[level]('strategy', `${id}: ${text}`)),
      });
      return this.#thread;
    };
    // A strategy's failure is told; a stuck one is told as such, once, so the service stops it: when its
    // thread has ended, which says whether it ran out of memory rather than looped.
    let stuckTold = false;
    const failed = (err: unknown, what: string) => {
      if (err instanceof StrategyStuckError) {
        if (stuckTold) return;
        stuckTold = true;
        void (this.#thread?.stopReason(err) ?? Promise.resolve(err.message)).then((reason) => {
          log?.error('strategy', reason);
          tell('stuck', reason);
        });
        return;
      }
      log?.error('strategy', `${id} failed on ${what}`, err);
      tell('error', `${id} failed on ${what}: ${err instanceof Error ? err.message : String(err)}`);
    };
    // A replay started over from `t`: a fresh strategy, its history warmed on the bars before t as at its start.
    const startOver = (t: number) => {
      try {
        this.#strategy = fresh();
      } catch (err) {
        // Its thread stuck or gone (the service stops it), or its create() failing: told, not thrown into the bus.
        failed(err, `its start over at ${new Date(t).toISOString()}`);
      }
      this.#seeded = 0;
      this.#heard = 0;
      this.#failing = 0;
      // Nothing heard yet in the new pass; the warm-up's seed, when it takes bars, sets it to the last of them.
      this.#lastClosed = Number.NEGATIVE_INFINITY;
      const warm = this.#warmUpBefore(t);
      note(`${id}: market time went back to ${new Date(t).toISOString()} (a replay started over): the strategy starts over from there${restartWarmUpWords(warm, this.warmUpBars, o.series.timeframe)}`);
    };
    this.#strategy = fresh();
    const label = seriesLabel(o.series);
    const bar = this.#bar;
    this.#stops.push(
      o.bus.on('market.candle', ({ series, candle, closed }) => {
        if (seriesLabel(series) !== label) return;
        if (!closed) {
          // A tick of a bar before the last closed one: a replay started over, and its first bar's ticks
          // come before its close. The strategy starts over at the first of them, so the one before hears
          // nothing of the new pass (it could still place orders). A tick of a bar the warm-up has read is late.
          if (candle.t < this.#lastClosed) {
            if (this.#heard === 0 && this.#seeded > 0 && candle.t >= this.#firstSeeded) return;
            startOver(candle.t);
          }
          try {
            this.#strategy.onTick?.(candle.t, candle.c);
          } catch (err) {
            failed(err, `a ${label} tick at ${new Date(candle.t).toISOString()}`);
          }
          return;
        }
        // A candle closes once: the same close again is ignored. An earlier one means market time went back
        // (a replay started over), so the strategy starts over too, with fresh indicators over the bars
        // before it; before any bar was heard, it is one of the bars the warm-up read, still on its way.
        if (candle.t === this.#lastClosed) return;
        if (candle.t < this.#lastClosed) {
          // A bar before the first one read is no copy of one: the replay went back past the warm-up.
          if (this.#heard === 0 && this.#seeded > 0 && candle.t >= this.#firstSeeded) return;
          startOver(candle.t);
        }
        this.#heard++;
        this.#lastClosed = candle.t;
        const v = candle.v ?? Number.NaN;
        const history = this.#history;
        history.push(candle.t, candle.o, candle.h, candle.l, candle.c, v);
        this.#time = candle.t + timeframeMs(series.timeframe);
        Object.assign(bar, { t: candle.t, o: candle.o, h: candle.h, l: candle.l, c: candle.c, v, index: history.closed - 1 });
        try {
          this.#strategy.onBar(bar as ClosedBar);
          this.#failing = 0;
        } catch (err) {
          const what = `the ${label} candle at ${new Date(candle.t).toISOString()}`;
          // Stuck is not failing: its thread is stopped and the service stops it (its row read "failing … at
          // each of the last 3 bars" for the second its stop takes, as bars went on arriving).
          if (err instanceof StrategyStuckError || stuckTold) {
            failed(err, what);
            activity();
            return;
          }
          // Counted, so its status says so: a strategy failing at every bar is not running as written. The
          // same error again at the next bar is in that count, not one more note and stack in the log per bar.
          const message = err instanceof Error ? err.message : String(err);
          const again = this.#failing > 0 && this.#failure.endsWith(`: ${message}`);
          this.#failing++;
          this.#failure = `${what}: ${message}`;
          if (!again) failed(err, what);
        }
        activity();
      }),
      o.bus.on('trading.fill', (f) => {
        // The strategy's own fills only: of its engine's account (paper and a live account share the bus).
        if (f.account !== o.engine.account || f.origin.kind !== 'strategy' || f.origin.id !== id || f.symbol !== o.series.symbol) return;
        // A strategy's mistake stays its own: the fill event goes on to the engine's other listeners.
        try {
          this.#strategy.onFill?.({ ts: f.ts, side: f.side, price: Number(f.price), qty: Number(f.qty), fee: Number(f.fee) });
        } catch (err) {
          failed(err, `its fill ${f.id}`);
        }
        activity();
      }),
    );
  }

  /**
   * The market's last closed bars before the start (oldest first), read so its indicators need not wait for
   * live bars to warm up, as a backtest reads the bars before its --from: they go into the history and
   * the indicators, already closed, and onBar is not called for them. Taken only before any bar was heard
   * (a history that arrives after one would leave a hole); bars out of time order are refused.
   * Returns how many were taken.
   */
  seed(candles: readonly Candle[]): number {
    if (this.#heard > 0 || this.#seeded > 0 || candles.length === 0) return 0;
    checkWarmUpBars(candles);
    const history = this.#history;
    for (const c of candles) history.push(c.t, c.o, c.h, c.l, c.c, c.v ?? Number.NaN);
    // A strategy in its own thread keeps its history there: the same bars go in.
    this.#thread?.seed(candles.map((c) => ({ t: c.t, o: c.o, h: c.h, l: c.l, c: c.c, v: c.v ?? Number.NaN })));
    this.#seeded = candles.length;
    this.#firstSeeded = candles[0]!.t;
    this.#lastClosed = candles.at(-1)!.t;
    return candles.length;
  }

  /**
   * Seeds the fresh history of a strategy that starts over at `t` with the warm-up's worth of bars before t
   * (barsBefore): the last ones if more come, none if they are out of order or not all before t (a hole or
   * a look past the restart would give the second pass other values than the first). What it read, or why not.
   */
  #warmUpBefore(t: number): RestartWarmUp {
    const want = this.warmUpBars;
    if (want === 0 || this.#barsBefore === null) return { took: 0, refused: null };
    try {
      const bars = this.#barsBefore(t, want).slice(-want);
      checkWarmUpBars(bars, t);
      return { took: this.seed(bars), refused: null };
    } catch (err) {
      return { took: 0, refused: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Bars of the market's history read for the warm-up: at the start (seed), or when a replay started over. */
  get seeded(): number {
    return this.#seeded;
  }

  /** Closed bars the strategy has seen. */
  get bars(): number {
    return this.#history.closed;
  }

  /** Closed bars in a row its code threw at, up to the latest (0: the latest went through), and the latest failure. */
  get failing(): { bars: number; failure: string } {
    return { bars: this.#failing, failure: this.#failure };
  }

  /** Open time of the last closed bar it saw, or null before the first. */
  get lastBarAt(): number | null {
    return this.#lastClosed === Number.NEGATIVE_INFINITY ? null : this.#lastClosed;
  }

  stop(): void {
    for (const s of this.#stops.splice(0)) s();
    this.#thread?.close();
  }

  /** Whether the strategy runs in a worker thread of its own (one of the trader's own files). */
  get ownThread(): boolean {
    return this.#thread !== null;
  }
}

/** What a strategy that started over read for its warm-up: how many bars, or why none were taken. */
interface RestartWarmUp {
  took: number;
  refused: string | null;
}

/** Throws a RangeError unless the bars are in time order, one per open time, and all open before `before`. */
function checkWarmUpBars(candles: readonly Candle[], before = Number.POSITIVE_INFINITY): void {
  let last = Number.NEGATIVE_INFINITY;
  for (const c of candles) {
    if (!(c.t > last)) throw new RangeError(`the warm-up bars must be in time order, one per open time; ${new Date(c.t).toISOString()} follows ${new Date(last).toISOString()}`);
    last = c.t;
  }
  if (last >= before) throw new RangeError(`the warm-up bars must open before ${new Date(before).toISOString()}; the last opens at ${new Date(last).toISOString()}`);
}

/** The end of the restart's note: the bars it read before the new start for its warm-up, or why it warms up on the bars it hears. */
function restartWarmUpWords(warm: RestartWarmUp, want: number, timeframe: string): string {
  if (want === 0) return '';
  if (warm.refused !== null) return `; its warm-up bars were not used (${warm.refused}): it warms up on the bars it hears`;
  if (warm.took === 0) return `; there is no bar before it to read for its warm-up: it warms up on the bars it hears`;
  const read = warm.took === 1 ? `the closed ${timeframe} bar` : `the ${warm.took} closed ${timeframe} bars`;
  const short = warm.took < want ? `; ${want - warm.took} more come as bars close` : '';
  return `, and read ${read} before it for its indicators' warm-up${short}`;
}
