// Runs a strategy live or on paper in the app: the same strategy class and the same EngineStrategyContext
// as a backtest, fed by the app's market.candle events instead of stored candles. A closed candle of the
// strategy's series is appended to its history and handed to onBar; a forming candle's price goes to
// onTick; the strategy's own fills (trading.fill with its origin) go to onFill. The market's last closed
// bars can be read into its history before the first (seed), for its indicators' warm-up.
//
// Subscribe after the trading feed (createTradingServices does so first): the engine then has the price
// before the strategy acts on it, and an order placed at a close fills at the next price, as in a backtest.
import type { RunExits } from '../../shared/backtest/run-exits.ts';
import { seriesLabel, type SeriesKey } from '../../shared/domain/candle.ts';
import type { Direction } from '../../shared/domain/direction.ts';
import { timeframeMs } from '../../shared/domain/timeframe.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import type { MarketRulesProvider } from '../trading/market-rules.ts';
import { growingHistory, type BarHistoryControl } from './bar-history.ts';
import { EngineStrategyContext, type SignalSource } from './engine-context.ts';
import { strategyWithParams, warmupOf } from './registry.ts';
import type { ClosedBar, IndicatorUse, Strategy } from './strategy.ts';

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
  /** A strategy's note, an order the engine or the risk gate refused, or a failure in its code. */
  onMessage?: (kind: 'note' | 'refusal' | 'error', message: string) => void;
  /** After each closed bar the strategy saw and each of its fills: the app republishes its state then. */
  onActivity?: () => void;
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
  /** The indicators it declared with its parameters (the app can draw them on the chart). */
  readonly indicators: readonly IndicatorUse[];
  readonly notes: string[] = [];
  #strategy: Strategy;
  readonly #stops: (() => void)[] = [];
  readonly #bar = { t: 0, o: 0, h: 0, l: 0, c: 0, v: 0, index: -1 };
  #history: BarHistoryControl;
  #lastClosed = Number.NEGATIVE_INFINITY;
  #time = Number.NaN;
  /** Closed bars read from the market's history at the start (seed), and closed bars heard since. */
  #seeded = 0;
  #heard = 0;

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
    const plan = { uses: def.indicators(params), strategy: def.name, barMs: timeframeMs(o.series.timeframe) };
    this.indicators = plan.uses;
    this.#history = growingHistory(1024, plan);
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
      this.#history = growingHistory(1024, plan);
      const ctx = new EngineStrategyContext({
        id,
        symbol: o.series.symbol,
        engine: o.engine,
        rules,
        history: this.#history.history,
        now: o.now ?? (() => this.#time),
        positionShare: o.positionShare ?? 0.5,
        riskPerTradePct: o.riskPerTradePct,
        takerFee: o.takerFee ?? 0.001,
        slippage: o.slippage ?? 0,
        signals: o.signals,
        exits: o.exits,
        direction: this.direction,
        onRefusal: (m) => {
          log?.warn('strategy', m);
          tell('refusal', m);
        },
        onNote: note,
      });
      return def.create(params, ctx);
    };
    this.#strategy = fresh();
    const label = seriesLabel(o.series);
    const bar = this.#bar;
    this.#stops.push(
      o.bus.on('market.candle', ({ series, candle, closed }) => {
        if (seriesLabel(series) !== label) return;
        if (!closed) {
          this.#strategy.onTick?.(candle.t, candle.c);
          return;
        }
        // A candle closes once: the same close again is ignored. An earlier one means market time went back
        // (a replay started over), so the strategy starts over too, with an empty history and fresh indicators;
        // before any bar was heard, it is one of the bars the warm-up read, still on its way.
        if (candle.t === this.#lastClosed) return;
        if (candle.t < this.#lastClosed) {
          if (this.#heard === 0 && this.#seeded > 0) return;
          this.#strategy = fresh();
          this.#seeded = 0;
          this.#heard = 0;
          note(`${id}: market time went back to ${new Date(candle.t).toISOString()} (a replay started over): the strategy starts over from there`);
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
        } catch (err) {
          log?.error('strategy', `${id} failed on the ${label} candle at ${candle.t}`, err);
          tell('error', `${id} failed on the ${label} candle at ${new Date(candle.t).toISOString()}: ${err instanceof Error ? err.message : String(err)}`);
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
          log?.error('strategy', `${id} failed on its fill ${f.id}`, err);
          tell('error', `${id} failed on its fill ${f.id}: ${err instanceof Error ? err.message : String(err)}`);
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
  seed(candles: readonly { t: number; o: number; h: number; l: number; c: number; v: number | null }[]): number {
    if (this.#heard > 0 || this.#seeded > 0 || candles.length === 0) return 0;
    const history = this.#history;
    let last = Number.NEGATIVE_INFINITY;
    for (const c of candles) {
      if (!(c.t > last)) throw new RangeError(`the warm-up bars must be in time order, one per open time; ${new Date(c.t).toISOString()} follows ${new Date(last).toISOString()}`);
      last = c.t;
    }
    for (const c of candles) history.push(c.t, c.o, c.h, c.l, c.c, c.v ?? Number.NaN);
    this.#seeded = candles.length;
    this.#lastClosed = last;
    return candles.length;
  }

  /** Bars of the market's history read at the start for the warm-up (seed). */
  get seeded(): number {
    return this.#seeded;
  }

  /** Closed bars the strategy has seen. */
  get bars(): number {
    return this.#history.closed;
  }

  /** Open time of the last closed bar it saw, or null before the first. */
  get lastBarAt(): number | null {
    return this.#lastClosed === Number.NEGATIVE_INFINITY ? null : this.#lastClosed;
  }

  stop(): void {
    for (const s of this.#stops.splice(0)) s();
  }
}
