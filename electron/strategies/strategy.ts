// The strategy API. A strategy is plain code that reacts to closed candles (and optionally ticks and its
// own fills) by placing orders through the same ExecutionEngine and risk gate as the UI, with origin
// { kind: 'strategy', id }. The same class runs in a backtest (driven bar by bar over stored candles by a
// simulated clock) and live or on paper (driven by the app's closed market.candle events).
//
// What a strategy can see is decided by the host, not by the strategy's good manners: it gets a
// BarHistory whose length is the number of closed bars and whose get(i) refuses any later bar, and the
// current ClosedBar. Neither holds the candle arrays; they live in #private fields of the host.
import type { Direction } from '../../shared/domain/direction.ts';
import type { Timeframe } from '../../shared/domain/timeframe.ts';
import type { ParamSpecs, ParamValues } from './params.ts';

/** One closed candle; the host reuses one object for a built-in and rewrites its fields before each onBar call (a file's strategy gets one of its own per bar, check-definition.ts). */
export interface ClosedBar {
  /** Open time, epoch ms. */
  readonly t: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  /** Volume, NaN when the source has none. */
  readonly v: number;
  /** This bar's index in the history (0 = the first bar the strategy saw). */
  readonly index: number;
}

/** One field of the closed bars: values up to the current bar only. */
export interface SeriesView {
  /** How many bars have closed (the current bar's index + 1). */
  readonly length: number;
  /** The value at bar i, a whole number 0 ≤ i < length; a later bar throws a LookAheadError, anything else a RangeError. */
  get(i: number): number;
  /** The value `back` bars before the current one (a whole number, 0 = current); NaN before the first bar. */
  ago(back: number): number;
}

/** The closed bars so far, one view per field. */
export interface BarHistory {
  readonly length: number;
  readonly t: SeriesView;
  readonly o: SeriesView;
  readonly h: SeriesView;
  readonly l: SeriesView;
  readonly c: SeriesView;
  readonly v: SeriesView;
  /** The strategy's declared indicators (StrategyDefinition.indicators), in declaration order, up to the current bar. */
  readonly indicators: readonly SeriesView[];
}

/** A fill of one of the strategy's own orders. */
export interface StrategyFill {
  readonly ts: number;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
}

/**
 * Protective exits for one entry: a stop-loss (a stop-market order) and a take-profit (a limit order), one
 * cancelling the other, each as a price or as a percent of what the entry fills at. The engine places
 * them when the entry fills, sized to what filled (a percent then set from the fill's price), and they
 * work between bars along each bar's path as at a venue. Levels are rounded to the market's tick away
 * from the entry. Given with an order they replace the run's exits for that entry; `{}` places none.
 */
export interface EntryExits {
  readonly stopLoss?: number | undefined;
  /** The stop this percent away from the entry's fill (2 = 2 %); instead of `stopLoss`. */
  readonly stopLossPct?: number | undefined;
  readonly takeProfit?: number | undefined;
  /** The target this percent away from the entry's fill; instead of `takeProfit`. */
  readonly takeProfitPct?: number | undefined;
  /** A trailing stop instead of the fixed one: this percent behind the best price since the entry filled. */
  readonly trailingStop?: number | undefined;
}

/**
 * An order's options: its protective exits (EntryExits, for an entry) and its tag, a label saying why it
 * was placed ("breakout", "rsi<30"): trades carry the tag of the order that opened them and of the one
 * that closed them, and backtest reports break the results down by entry tag and by exit. Words of
 * letters, digits and _ . : < > = + - / % #, at most 40 characters (ORDER_TAG_VALID).
 */
export interface OrderOptions extends EntryExits {
  readonly tag?: string | undefined;
}

/** A signal from the journal's signals table (payload parsed from its JSON). */
export interface JournaledSignal {
  readonly ts: number;
  readonly symbol: string;
  readonly kind: string;
  readonly payload: unknown;
}

/** What a strategy may do: read its bars and position, and trade through the engine. */
export interface StrategyContext {
  /** The strategy's id: its ledger is `strategy:<id>`. */
  readonly id: string;
  readonly symbol: string;
  readonly bars: BarHistory;
  /**
   * The values of the indicators the definition declares, in the order it declares them, up to the
   * current bar (bars.indicators): `const [fast, slow] = ctx.indicators; fast.ago(0)`. The host computes
   * them, the same numbers in a backtest as live; NaN while one warms up. An index past them throws,
   * listing what is declared.
   */
  readonly indicators: readonly SeriesView[];
  /**
   * Which sides the run lets the strategy take: 'long' (long or flat, the default), 'short' (short or
   * flat) or 'both'. Anything but 'long' trades on a margin account (1× collateral), where `sell` with no
   * position opens a short; on 'long' a sell never goes below flat.
   */
  readonly direction: Direction;
  /** Market time (epoch ms): the current bar's close in a backtest. */
  now(): number;
  /** The strategy ledger's position (base units, signed; float for decisions, the engine keeps it exact). */
  position(): number;
  /** Whether the strategy has orders the venue has not finished with yet. */
  hasOpenOrders(): boolean;
  /**
   * The largest quantity a market buy at about `price` may have: the strategy's share of equity under
   * the risk mode, less fees and slippage, down to the market's step; where a spot account's free cash
   * sets it (a share of 100 %, or cash held elsewhere), what the cash buys less 0.1 % for the price's move
   * to the fill (a buy of every cent at `price` costs more than the cash when it fills a tick higher). 0
   * when that is below the market's minimum order. An entry with a stop (`stopLoss`, else the run's stop-loss or trailing stop, measured
   * from where it starts) is also kept within the mode's risk per trade: what it loses at the stop is at
   * most that share of equity, as the risk gate will check (a 5 % stop at moderate's 2 % risk: 40 % of equity).
   * A price or a stop no entry can be sized at (NaN from an indicator still warming up, not above 0, a stop
   * not under the price) sizes nothing: 0, and a note once a run, not the size without a stop.
   */
  maxBuyQty(price: number, stopLoss?: number): number;
  /**
   * The largest quantity a market short sale at about `price` may have: maxBuyQty's budget on the short
   * side (the share of equity, the free collateral, the risk per trade to a stop above the entry). 0 when
   * the run's direction does not allow shorts, or it is below the market's minimum order, or the stop is
   * not above the price (as maxBuyQty's bad stop).
   */
  maxSellQty(price: number, stopLoss?: number): number;
  /**
   * Market buy; returns false when the engine or the risk gate refused it (the reason is logged in the run).
   * The options' exits protect the entry (see EntryExits); without any the run's exits apply (keel
   * backtest --stop-loss/--take-profit), if it has some. Their `tag` labels the order (OrderOptions).
   */
  buy(qty: number, options?: OrderOptions): boolean;
  /**
   * Market sell of `qty` (reduce-only when it does not exceed the position). The entry's protective exits
   * are cancelled first when it sells the whole position, or cut to what will be left when it sells part
   * (so they and the sale never sell the same coins). The options' exits protect a short entry (margin);
   * their `tag` labels the order.
   */
  sell(qty: number, options?: OrderOptions): boolean;
  /**
   * Sells (or buys back) the whole position with a market order, cancelling its protective exits first;
   * false when flat or refused. `tag` labels the exit ("cross-down"), as the trade it closes will say.
   */
  closePosition(tag?: string): boolean;
  /**
   * Journaled signals of `kind` for this symbol stamped at or before now, oldest first, each handed out
   * once (the AI's decisions: kind "ai.decision"). Later ones stay hidden until their time comes.
   */
  takeSignals(kind: string): readonly JournaledSignal[];
  /** Whether any signal of `kind` for this symbol is journaled at all (past or future of the run). */
  hasSignals(kind: string): boolean;
  /** Journals a signal beside the orders it leads to (kind such as "enter-long"). */
  signal(kind: string, payload?: unknown): void;
  /** A note for the run's log (shown by the CLI and the UI), e.g. "no AI decisions journaled". */
  note(message: string): void;
}

/**
 * An indicator a strategy uses: the host computes it and hands it over as ctx.indicators[k], and the
 * runner reads the warm-up from it. Names: sma, ema, wma, rsi (param period), bollinger (period, mult = 2;
 * outputs middle, upper, lower), donchian (period; upper, middle, lower, from high and low), atr (period).
 */
export interface IndicatorUse {
  /** The indicator's name in shared/indicators, e.g. "sma". */
  name: string;
  params: Record<string, number>;
  /** Which output of a multi-line indicator (bollinger "lower"); its first when absent. */
  output?: string;
  /** The bar field a single-input indicator reads; the close when absent. */
  source?: 't' | 'o' | 'h' | 'l' | 'c' | 'v';
  /** Bars before its first value (index of the first value), in bars of its timeframe. */
  warmup: number;
  /** Levels the strategy acts at on this indicator (RSI 30 and 70): its chart draws them as dashed lines. */
  levels?: readonly number[];
  /**
   * A longer timeframe to compute it on ("4h" for a strategy on 1h bars): the bars rolled up into it, and
   * at each bar the value of the last longer bar that has closed by then (one still forming is never
   * seen). It must be made of whole bars of the strategy's timeframe. Absent: the strategy's own bars.
   */
  timeframe?: Timeframe;
}

/** The strategy object the host calls. Implementations keep their indicator state as fields. */
export interface Strategy {
  /** A candle closed; `bar` is the newest entry of ctx.bars. */
  onBar(bar: ClosedBar): void;
  /** A price between bar closes (live and paper; backtests call it only with lower-timeframe detail). */
  onTick?(ts: number, price: number): void;
  /** One of the strategy's orders filled (in part); a trader's own strategy gets its own copy of the fill. */
  onFill?(fill: StrategyFill): void;
}

/** What the runner needs to know about a strategy to make, validate and describe it. */
export interface StrategyDefinition<S extends ParamSpecs = ParamSpecs> {
  readonly name: string;
  readonly description: string;
  readonly params: S;
  /** The indicators it computes with these parameters. */
  indicators(params: ParamValues<S>): IndicatorUse[];
  /** Checks relations between parameters (fast < slow, say); returns the problem or null. */
  check?(params: ParamValues<S>): string | null;
  create(params: ParamValues<S>, ctx: StrategyContext): Strategy;
}

/** A strategy definition with its parameters erased, as registries and hosts hold them. */
export type AnyStrategyDefinition = StrategyDefinition<ParamSpecs>;

/** Declares a strategy with its parameters' types inferred from the specs. */
export function defineStrategy<S extends ParamSpecs>(def: StrategyDefinition<S>): AnyStrategyDefinition {
  return def as unknown as AnyStrategyDefinition;
}

type Views<N extends number, T extends SeriesView[] = []> = T['length'] extends N ? T : Views<N, [...T, SeriesView]>;

/** ctx.indicators as `n` views, for destructuring: `const [fast, slow] = indicatorViews(ctx, 2)`. */
export function indicatorViews<N extends 1 | 2 | 3 | 4>(ctx: StrategyContext, n: N): Views<N> {
  if (ctx.indicators.length < n) throw new RangeError(`the strategy reads ${n} indicators but declares ${ctx.indicators.length}`);
  return ctx.indicators.slice(0, n) as Views<N>;
}
