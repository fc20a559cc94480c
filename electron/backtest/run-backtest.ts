// One backtest: a strategy over stored candles, driven bar by bar through the one trading stack (market
// feed → paper broker inside the risk gate → execution engine) on a simulated clock. Each bar goes to
// the feed first (orders placed at the previous close fill at this bar's open, along the intrabar path),
// then the equity at its close is sampled (and the risk room told), then the bar closes for the strategy,
// which may place orders.
//
// With lower-timeframe detail (1m inside 1h), the detail bars are what the feed sees, so stops and limits
// fill where the minutes went; the strategy still sees the main bars, each once it has closed.
//
// The per-bar path allocates nothing: typed arrays in, one reused bar object, numbers for equity.
import { NO_EXITS, type RunExits } from '../../shared/backtest/run-exits.ts';
import { accountFor, type Direction } from '../../shared/domain/direction.ts';
import { visitsHighFirst } from '../../shared/domain/intrabar-path.ts';
import { YEAR_MS } from '../../shared/trading/borrow-interest.ts';
import { exactNumber, format } from '../../shared/trading/decimal.ts';
import { strategyFileOf } from '../strategies/registry.ts';
import { atLineOf } from '../strategies/strategy-line.ts';
import type { FillRecord, OrderRecord } from '../journal/trading-journal.ts';
import type { BarHistoryControl } from '../strategies/bar-history.ts';
import { EngineStrategyContext, type SignalSource } from '../strategies/engine-context.ts';
import type { AnyStrategyDefinition, ClosedBar, IndicatorUse, Strategy } from '../strategies/strategy.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { MarketFeed } from '../trading/market-feed.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import { runHistory, shortLeadNote } from './lead-in.ts';
import { checkDetail, detailNotes } from './detail-check.ts';
import { MarginSpikes } from './margin-spike.ts';
import { belowZeroNote } from './below-zero.ts';
import { CashCutNotes } from './cash-cut-notes.ts';
import { RunNotes } from './run-notes.ts';
import { runWho } from './run-who.ts';
import { computeMetrics, type Metrics } from './metrics.ts';
import { paperStack, type PaperStack } from './paper-stack.ts';
import { accountQuote } from '../../shared/backtest/account-quote.ts';
import type { RiskModeSettings } from './risk-modes.ts';
import { protectiveExit, tradesFrom, type FillRow, type Trade } from './trades.ts';
import { barClose } from './bar-stamp.ts';
import { markStrategyFailure } from './strategy-failure.ts';
import { deeperPull, drawdownAtPullNote, type DrawdownPull } from './drawdown-at-pull.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';

/** The account, costs and exits a run trades with, and how it reports and stops: a one-market run's and a portfolio's alike. */
export interface RunTerms {
  risk: RiskModeSettings;
  capital: number;
  /** Per fill, percent: 0.1 = 0.1%. */
  feePct: number;
  slippageBps: number;
  /** Protective exits on every entry the strategy makes without its own (keel backtest --stop-loss/--take-profit); absent: none. */
  exits?: RunExits | undefined;
  /** Which sides the strategy may take (keel backtest --direction); absent: long. Shorts run on a margin account (1× collateral). */
  direction?: Direction | undefined;
  /** What a short pays on what it borrowed, percent a year (keel backtest --borrow-rate); absent: 0. */
  borrowRatePct?: number | undefined;
  /** Called every PROGRESS_EVERY bars and at the end. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Checked with progress; true stops the run (it throws a BacktestCancelled). */
  cancelled?: (() => boolean) | undefined;
}

export interface BacktestRun extends RunTerms {
  def: AnyStrategyDefinition;
  params: Record<string, number>;
  symbol: string;
  candles: CandleColumns;
  barMs: number;
  /** Lower-timeframe bars over the same span, to decide fills inside each bar. */
  detail?: { candles: CandleColumns; barMs: number } | undefined;
  signals?: SignalSource | undefined;
}

export interface BacktestResult {
  strategy: string;
  params: Record<string, number>;
  symbol: string;
  mode: string;
  positionShare: number;
  capital: number;
  feePct: number;
  slippageBps: number;
  /** The run's protective exits (NO_EXITS: none). */
  exits: RunExits;
  /** The sides the strategy was allowed (long: long or flat, on a spot account). */
  direction: Direction;
  /** What its shorts paid on what they borrowed, percent a year. */
  borrowRatePct: number;
  /** The loss limits it ran under and what a breach did: the JSON report's record of them, and the hints' measure. */
  lossLimits: LossLimits;
  /** The indicators the strategy declared with these parameters: the charts draw them beside the price (indicator-lines.ts). */
  indicators: IndicatorUse[];
  barMs: number;
  metrics: Metrics;
  fills: FillRow[];
  trades: Trade[];
  /** Bar open times and equity at each bar's close. */
  t: Float64Array;
  equity: Float64Array;
  /** What the strategy said (no AI decisions, ...) and the first refusals. */
  notes: string[];
  /** Bars before the range its indicators read first (the strategy's warm-up, or fewer where the data has fewer); 0 when the range starts the data. */
  leadIn: number;
  refusals: number;
  /** When the risk room's kill switch was pulled (and re-armed), oldest first: the stretches with no new entries. */
  halts: Halt[];
}

/** A run's loss limits, percent, whether a breach closed the positions, and the re-arm after a drawdown kill (days; null: never). */
export interface LossLimits {
  dailyLossLimitPct: number;
  maxDrawdownPct: number;
  closeOnLossLimit: boolean;
  rearmAfterDays: number | null;
}

/** One pull of the kill switch: at the close of the bar whose equity breached a limit, until re-armed (null: the end). */
export interface Halt {
  from: number;
  to: number | null;
  reason: string;
}

/** Halts kept per run: a daily-loss kill can come every few days, and a chart of a thousand is a wall. */
export const MAX_HALTS = 1000;

export class BacktestCancelled extends Error {
  constructor() {
    super('the backtest was cancelled');
    this.name = 'BacktestCancelled';
  }
}

export const PROGRESS_EVERY = 1 << 16;
// The notes' list, one note per kind of refusal with its count and span (run-notes.ts).
export { RunNotes };

/** Cash and position as floats for the equity curve, refreshed from the exact portfolio on each fill. */
class Tally {
  cash: number;
  qty = 0.5;
  /** The borrow rate per millisecond (a fraction), and when the open short was borrowed: its interest so far is in the equity. */
  borrowPerMs = 0.5;
  borrowedSince = 0.5;
  /** Fills the strategy has not been told of yet: it hears of them between bars, never inside the engine. */
  untold = 0;

  constructor(cash: number) {
    this.cash = cash + 0.5;
    this.cash = cash;
    this.qty = 0;
    this.borrowPerMs = 0;
    this.borrowedSince = 0;
  }
}

/**
 * The risk room's account monitor (daily loss, drawdown from the peak: breaches pull the kill switch),
 * told of the equity as the app tells it after each tick, but only when it matters, so that it decides as
 * if told at every close: at the last two closes of each UTC day (the day's last equity starts the next
 * day's count) and the first of the next; when the equity falls to the level where a loss limit is
 * reached (or climbs back over it), or rises past the peak (the room says where: lossLevels); and when it has moved more than
 * WATCH_BAND since it was last told (a quarter of a percent), to keep the room's own figures fresh.
 * Asking at every bar would cost more than the bar.
 *
 * A kill switch a daily-loss breach pulled is re-armed at the start of the next day, as a trader would
 * the next morning; one a drawdown breach pulled stays engaged to the end of the run (new entries are
 * refused; exits still pass), unless the settings say to re-arm it some days later (rearmAfterDays): the
 * risk room then counts the drawdown from the equity at the re-arm, as it does when a trader re-arms.
 */
export class RiskWatch {
  high: number;
  low: number;
  /**
   * The equities past which a bar's extreme is told (hearExtremes): the band without its quarter percent,
   * only where the room could decide something: the next loss limit's level down, and the lower of the
   * peak and a level to climb back over. The band would send most bars of a position through the rare path.
   */
  limitHigh: number;
  limitLow: number;
  dayEnd = Number.NEGATIVE_INFINITY;
  readonly #risk: PaperStack['risk'];
  readonly #note: (m: string) => void;
  readonly #rearmAfterDays: number | null;
  /** The UTC day (days since the epoch) of the bar the switch was last pulled on. */
  #pulledDay = 0;
  /** When the switch was last pulled (a point's time): a takeover's note says since when the switch was held. */
  #pulledAt = 0;

  constructor(risk: PaperStack['risk'], capital: number, note: (m: string) => void, rearmAfterDays: number | null) {
    this.#risk = risk;
    this.#note = note;
    this.#rearmAfterDays = rearmAfterDays;
    this.high = capital * (1 + WATCH_BAND);
    this.low = capital * (1 - WATCH_BAND);
    this.limitHigh = this.high;
    this.limitLow = this.low;
  }

  kills = 0;
  /** Shorts' spikes through the liquidation level inside a bar, which the closes do not show (a run without detail). */
  readonly spikes = new MarginSpikes();
  /** Margin calls among them (margin-call.ts): every position closed; one may come with the switch already engaged. */
  marginCalls = 0;
  /** Loss-limit pulls that sent each open position a closing order (the limits' closeOnLossLimit). */
  closes = 0;
  /** The last observe pulled the switch with a closing order for each position (a margin call, or a loss limit with closeOnLossLimit). */
  closing = false;
  /** Those orders filled at a point of the bar's path (hearPoint), which then ends with a tick at its close (backToClose). */
  closedInPath = false;
  dailyRearms = 0;
  drawdownRearms = 0;
  readonly halts: Halt[] = [];
  /** The deepest equity a drawdown breach was heard at (a bar's extreme can be deeper than any close): drawdown-at-pull.ts. */
  deepestPull: DrawdownPull | null = null;

  /**
   * The equity at `closeTs` (a bar's close, a detail bar's, or a point of a bar's path) to the risk room.
   * `limitsOnly`: the loss limits alone, no margin call (a bar's extreme: hearExtremes, RiskService.observe).
   */
  observe(closeTs: number, equity: number, limitsOnly = false): void {
    const risk = this.#risk;
    // The day a bar belongs to is its open's: a bar closing at midnight is the old day's last.
    const day = Math.floor((closeTs - 1) / DAY_MS);
    if (closeTs > this.dayEnd) {
      // The end of the day this close belongs to: a close at midnight ends the old day. Counted from the
      // close itself, a daily bar's close (always at midnight) set the end a day late, so every other day
      // of a 1d run went unseen: its last point was not told, and its loss counted from two days back.
      this.dayEnd = (day + 1) * DAY_MS;
      if (risk.killEngaged) this.#maybeRearm(risk.killState.via, day, closeTs);
    }
    const was = risk.killEngaged;
    const wasVia = risk.killState.via;
    const wasClosed = was && risk.killState.flatten;
    risk.observe(limitsOnly);
    const marginCall = risk.killState.via === 'margin-call' && wasVia !== 'margin-call';
    this.closing = marginCall || (risk.killEngaged && risk.killState.flatten && !wasClosed);
    // A loss limit reached while flat (a stop's loss, realized) has nothing to close: its note says so by not saying it.
    const closedSome = this.closing && !marginCall && risk.positionsOpen();
    if (closedSome) this.closes++;
    if (was && wasVia === 'daily-loss' && risk.killState.via === 'drawdown') this.#heldOn(day, closeTs, risk.killState.reason ?? '');
    else if ((!was && risk.killEngaged) || marginCall) {
      const reason = risk.killState.reason ?? '';
      this.#pulledDay = day;
      this.#pulledAt = closeTs;
      if (marginCall) this.marginCalls++;
      // Every margin call is told (it closed the positions); of the other pulls, the first three.
      const closed = closedSome ? '; every open position is closed at the next price (closeOnLossLimit)' : '';
      if (++this.kills <= 3 || marginCall) this.#note(`kill switch at ${isoTime(closeTs)}: ${reason}${closed}`);
      if (!was && this.halts.length < MAX_HALTS) this.halts.push({ from: closeTs, to: null, reason });
    }
    // A loss limit reached (or left) by less than the band from the last equity told, or a new peak, is
    // heard at once; an equity that stays past a limit is not told again until it moves.
    const { daily, drawdown, peak } = risk.lossLevels();
    if (risk.killState.via === 'drawdown' && !(was && wasVia === 'drawdown')) this.deepestPull = deeperPull(this.deepestPull, closeTs, equity, peak);
    this.high = Math.min(equity * (1 + WATCH_BAND), peak);
    this.low = equity * (1 - WATCH_BAND);
    this.limitHigh = peak;
    this.limitLow = Number.NEGATIVE_INFINITY;
    this.#bound(equity, daily);
    this.#bound(equity, drawdown);
  }

  /**
   * A drawdown breach while a daily-loss pull held the switch (risk-service.ts, #breach): the same halt goes
   * on, now for the drawdown, so the next day does not re-arm it and --rearm-after counts from today.
   */
  #heldOn(day: number, closeTs: number, reason: string): void {
    this.#pulledDay = day;
    const open = this.halts.at(-1);
    if (open && open.to === null) open.reason = reason;
    // The pull it takes over is named by its time: only the first three pulls have notes of their own.
    this.#note(`kill switch at ${isoTime(closeTs)}: ${reason} (the switch was held for a daily loss since ${isoTime(this.#pulledAt)}; the drawdown keeps it)`);
  }

  /** A loss limit's level as a bound: the next one down to fall to, or the one to climb back over. */
  #bound(equity: number, level: number): void {
    // Raised a hair: the room's percent and this product may round apart at the limit itself.
    const at = level * (1 + 1e-12);
    if (equity > at) {
      this.low = Math.max(this.low, at);
      this.limitLow = Math.max(this.limitLow, at);
    } else {
      this.high = Math.min(this.high, at);
      this.limitHigh = Math.min(this.limitHigh, at);
    }
  }

  #maybeRearm(via: string | null, day: number, closeTs: number): void {
    if (via === 'daily-loss') {
      this.#risk.rearm('system', 'backtest: next day');
      this.dailyRearms++;
    } else if ((via === 'drawdown' || via === 'margin-call') && this.#rearmAfterDays !== null && day >= this.#pulledDay + this.#rearmAfterDays) {
      this.#risk.rearm('system', `backtest: ${this.#rearmAfterDays} day(s) after a ${via === 'drawdown' ? 'drawdown breach' : 'margin call'}`);
      this.drawdownRearms++;
    } else {
      return;
    }
    const open = this.halts.at(-1);
    if (open && open.to === null) open.to = closeTs;
  }

  /** One line on what the kill switch did over the run. */
  summary(): string | null {
    if (this.kills === 0) return null;
    const engaged = this.#risk.killEngaged ? `; engaged at the end (${this.#risk.killState.reason ?? ''}), so new entries were refused from then on` : '';
    const rearms: string[] = [];
    if (this.dailyRearms > 0) rearms.push(`${times(this.dailyRearms)} the next day (after a daily-loss breach)`);
    if (this.drawdownRearms > 0) rearms.push(`${times(this.drawdownRearms)} ${days(this.#rearmAfterDays!)} later (after a drawdown breach${this.marginCalls > 0 ? ' or a margin call' : ''})`);
    const rearmed = rearms.length === 0 ? 'never re-armed' : `re-armed ${rearms.join(' and ')}`;
    const calls = this.marginCalls === 0 ? '' : ` (${this.marginCalls === this.kills ? '' : `${this.marginCalls} of them `}a margin call that closed every position)`;
    const pulls = this.kills - this.marginCalls;
    const closes = this.closes === 0 ? '' : this.closes === pulls ? `, closing the open positions${pulls === 1 ? '' : ' each time'} (closeOnLossLimit),` : `, ${this.closes} of its pulls closing the open positions (closeOnLossLimit),`;
    return `the risk room's kill switch was pulled ${times(this.kills)}${calls}${closes} and ${rearmed}${engaged}`;
  }
}

const days = (n: number) => (n === 1 ? 'a day' : `${n} days`);

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

const WATCH_BAND = 0.0025;
const DAY_MS = 86_400_000;

/**
 * Whether bar [t, t + tf) holds the last point of its UTC day, whose farther extreme the room hears as the
 * day's last equity (hearDayEnd): an hour's 23:00 bar, every bar of a 1d run.
 */
export function endsDay(t: number, tf: number): boolean {
  return t + tf >= (Math.floor(t / DAY_MS) + 1) * DAY_MS;
}

/** The bar the strategy sees: one object, rewritten before each onBar call. */
export class BarSlot implements ClosedBar {
  // Doubles from the start, so the fields never change representation.
  t = 0.5;
  o = 0.5;
  h = 0.5;
  l = 0.5;
  c = 0.5;
  v = 0.5;
  index = 0;
}

/**
 * The per-bar loop, a function of its own so V8 optimizes it as a unit with nothing captured: each bar
 * to the feed (fills happen here), then closed for the strategy, then the equity at its close.
 * Returns how many bars closed with a position open.
 */
function drive(
  run: BacktestRun,
  feed: MarketFeed,
  marks: Pick<ExecutionEngine, 'markAt'>,
  sid: number,
  history: BarHistoryControl,
  lead: number,
  strategy: Strategy,
  tally: Tally,
  fills: readonly FillRow[],
  equity: Float64Array,
  watch: RiskWatch,
): number {
  const cols = run.candles;
  const n = cols.length;
  const T = cols.t;
  const O = cols.o;
  const H = cols.h;
  const L = cols.l;
  const C = cols.c;
  const V = cols.v;
  const tf = run.barMs;
  const detail = run.detail;
  const bar = new BarSlot();
  let exposed = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = T[i]!;
    if (detail === undefined) feed.barFrom(sid, cols, i, tf);
    else j = feedDetail(feed, sid, detail, j, t, tf, strategy, cols, i, tally, watch);
    if (tally.untold !== 0) tellFills(strategy, tally, fills);
    // Equity at the close; the risk room hears of it before the strategy acts, as in the app (a tick goes
    // to the engine and the risk room first, then to the strategies). Orders placed now fill next bar.
    const q = tally.qty;
    let e = equityAt(tally, t + tf, C[i]!);
    equity[i] = e;
    if (q !== 0) {
      exposed++;
      if (detail === undefined) {
        // A short's level at the bar's high, which a close does not show (margin-spike.ts); finer bars are heard one by one.
        if (q < 0) seeSpike(watch.spikes, tally, H[i]!, C[i]!, t, tf);
        // The equity at the bar's high and low, as the app's risk room hears them (its ticks walk the bar's
        // path): only when one reaches a loss limit's level or a new peak (watch.limitLow, limitHigh) is the
        // rare path taken. The position's move per unit of price carries what a short owes, as equityAt counts.
        const per = q < 0 && tally.borrowPerMs !== 0 ? q * (1 + tally.borrowPerMs * (t + tf - tally.borrowedSince)) : q;
        const up = per * (H[i]! - C[i]!);
        const down = per * (L[i]! - C[i]!);
        if (e + Math.max(up, down) > watch.limitHigh || e + Math.min(up, down) < watch.limitLow) {
          hearExtremes(watch, tally, marks, feed, sid, fills, t, tf, O[i]!, H[i]!, L[i]!, C[i]!);
          // A loss limit closed the position inside the bar (closeOnLossLimit): the close's equity is the
          // cash it left, and the fill is the strategy's news before it sees the bar.
          if (tally.untold !== 0) e = afterPathFill(strategy, tally, fills, equity, i, t + tf, C[i]!);
        }
      }
    }
    // The last two closes before the day ends too: the one at midnight starts the room's new day from the one before.
    if (e > watch.high || e < watch.low || t + 2 * tf >= watch.dayEnd) {
      // The old day's last point on paper is its last bar's farther extreme, two thirds in, not the close
      // before (the close at midnight is the new day's): its equity is what starts the next day's count.
      if (q !== 0 && detail === undefined && endsDay(t, tf)) {
        hearDayEnd(watch, tally, marks, feed, sid, fills, t, tf, O[i]!, H[i]!, L[i]!, C[i]!);
        if (tally.untold !== 0) e = afterPathFill(strategy, tally, fills, equity, i, t + tf, C[i]!);
      }
      watch.observe(t + tf, e);
    }
    history.advance();
    bar.t = t;
    bar.o = O[i]!;
    bar.h = H[i]!;
    bar.l = L[i]!;
    bar.c = C[i]!;
    bar.v = V[i]!;
    bar.index = lead + i;
    strategy.onBar(bar);
    if ((i & (PROGRESS_EVERY - 1)) === PROGRESS_EVERY - 1) {
      run.onProgress?.(i + 1, n);
      if (run.cancelled?.()) throw new BacktestCancelled();
    }
  }
  return exposed;
}

/** A fill at a point of bar i's path (a loss limit's closing order): the strategy hears it, and the close's equity is counted again. */
function afterPathFill(strategy: Strategy, tally: Tally, fills: readonly FillRow[], equity: Float64Array, i: number, closeTs: number, close: number): number {
  tellFills(strategy, tally, fills);
  const e = equityAt(tally, closeTs, close);
  equity[i] = e;
  return e;
}

function tellFills(strategy: Strategy, tally: Tally, fills: readonly FillRow[]): void {
  if (strategy.onFill) for (let k = fills.length - tally.untold; k < fills.length; k++) strategy.onFill(fills[k]!);
  tally.untold = 0;
}

/**
 * An error out of a run, told where it happened: the strategy and the bar (and, for a strategy of the
 * trader's own, the line of their file the stack points at), keeping its class (a LookAheadError stays one)
 * and marked as the strategy's failure (strategy-failure.ts). A cancel is not a failure and passes as it is.
 */
export function whereItFailed(err: unknown, where: string, strategy: string): unknown {
  if (err instanceof BacktestCancelled) return err;
  if (!(err instanceof Error)) return markStrategyFailure(new Error(`${where}: ${String(err)}`));
  const file = strategyFileOf(strategy);
  err.message = `${where}: ${err.message}${file === null ? '' : atLineOf(err, file)}`;
  return markStrategyFailure(err);
}

export function runBacktest(run: BacktestRun): BacktestResult {
  const cols = run.candles;
  const n = cols.length;
  if (n === 0) throw new RangeError('no candles to backtest');
  const { symbol } = run;
  const ledger = `strategy:${run.def.name}`;
  const feeRate = run.feePct / 100;
  const fills: FillRow[] = [];
  const said = new RunNotes();
  const { notes, note } = said;
  const cuts = new CashCutNotes();

  const tally = new Tally(run.capital);
  // The exit that closes a position usually fills the quantity the entry did: its float is remembered.
  let lastQty = -1n;
  let lastQtyN = 0;
  const onFill = (f: FillRecord, order: Readonly<OrderRecord>) => {
    if (f.qty !== lastQty) {
      lastQty = f.qty;
      lastQtyN = exactNumber(f.qty);
    }
    // A protective exit's fill says so; the strategy's own fills keep one of two shapes, with its tag or without.
    if (order.parentId === null) {
      if (order.tag === null) fills.push({ ts: f.ts, side: f.side, price: exactNumber(f.price), qty: lastQtyN, fee: exactNumber(f.fee) });
      else fills.push({ ts: f.ts, side: f.side, price: exactNumber(f.price), qty: lastQtyN, fee: exactNumber(f.fee), tag: order.tag });
    } else fills.push({ ts: f.ts, side: f.side, price: exactNumber(f.price), qty: lastQtyN, fee: exactNumber(f.fee), exit: protectiveExit(order)! });
    if (f.interest !== 0n) fills[fills.length - 1]!.interest = exactNumber(f.interest);
    tally.untold++;
    const pf = stack.engine.portfolio;
    tally.cash = pf.cashFloat();
    tally.qty = pf.qtyFloat(symbol, ledger);
    if (tally.borrowPerMs !== 0) tally.borrowedSince = pf.position(symbol, ledger)!.borrowedSince;
  };
  const stack = paperStack({
    symbol,
    samplePrices: cols.c.subarray(0, Math.min(n, 2000)),
    capital: run.capital,
    feeRate,
    slippageBps: run.slippageBps,
    risk: run.risk,
    account: accountFor(run.direction ?? 'long'),
    borrowRatePct: run.borrowRatePct ?? 0,
    onFill,
    onExpired: cuts.seen,
  });
  const { feed, engine } = stack;
  said.now = () => feed.clock.now();
  tally.borrowPerMs = engine.mode === 'margin' ? engine.portfolio.borrowRateFloat() / YEAR_MS : 0;
  // The strategy's warm-up read from the bars before the range, where the data has them (lead-in.ts).
  const { control: history, lead, warmup } = runHistory(cols, { uses: run.def.indicators(run.params), strategy: run.def.name, barMs: run.barMs });
  const short = shortLeadNote(run.def.name, cols, warmup);
  if (short) note(short);
  if (run.detail) for (const m of detailNotes(checkDetail(cols, run.barMs, run.detail.candles, run.detail.barMs), run.barMs, run.detail.barMs)) note(m);
  const ctx = new EngineStrategyContext({
    id: run.def.name,
    symbol,
    engine,
    rules: stack.rules,
    history: history.history,
    now: () => feed.clock.now(),
    positionShare: run.risk.positionShare,
    riskPerTradePct: run.risk.limits.riskPerTradePct,
    atrStop: run.risk.limits.defaultStopAtr === null ? undefined : (symbol) => stack.risk.atrStopDistance(symbol),
    takerFee: feeRate,
    slippage: run.slippageBps / 10_000,
    signals: run.signals,
    exits: run.exits,
    direction: run.direction,
    onRefusal: said.refused,
    onNote: note,
  });
  // The run named with its parameters: a search's set (or a comparison's) that fails is the one to run again with --params.
  const who = runWho(run.def.name, run.params, run.exits);
  let strategy: Strategy;
  try {
    strategy = run.def.create(run.params, ctx);
  } catch (err) {
    stack.close();
    throw whereItFailed(err, `${who}: create() failed`, run.def.name);
  }
  const equity = new Float64Array(n);
  let exposed: number;
  const watch = new RiskWatch(stack.risk, run.capital, note, run.risk.rearmAfterDays ?? null);
  try {
    exposed = drive(run, feed, engine, feed.symbols.id(symbol), history, lead, strategy, tally, fills, equity, watch);
    notes.push(...unfilledAtEnd(engine, cols.t[n - 1]! + run.barMs));
    notes.push(...cuts.notes());
    const killed = watch.summary();
    if (killed) notes.push(killed);
    const spiked = watch.spikes.note('give finer bars (keel backtest --detail 1m, the form\'s Fills inside bars) to check it at each of them');
    if (spiked) notes.push(spiked);
    const under = belowZeroNote({ t: cols.t, equity, barMs: run.barMs }, accountQuote([symbol]));
    if (under) notes.push(under);
  } catch (err) {
    const bar = Math.max(0, history.closed - 1 - lead);
    // Numbered as the strategy's bar.index (the warm-up bars count), so `if (bar.index === N)` finds it.
    // Stamped with the bar's close, the run's clock then: a refusal or a kill switch at that bar says the same time.
    throw whereItFailed(err, `${who} stopped the run at bar ${bar + lead}, closed at ${barClose(cols.t[bar]!, run.barMs)}`, run.def.name);
  } finally {
    stack.close();
  }
  run.onProgress?.(n, n);
  const { t: T, o: O, c: C } = cols;
  const tf = run.barMs;

  const lastClose = C[n - 1]!;
  const owedAtEnd = exactNumber(engine.portfolio.interestOwedTotal(T[n - 1]! + tf));
  const trades = tradesFrom(fills, lastClose, T[n - 1]! + tf, owedAtEnd);
  noteFreeBorrowing(run, trades, note);
  said.finish();
  const metrics = computeMetrics({ t: T, equity, barMs: tf, startEquity: run.capital, trades, fills, exposedBars: exposed, firstOpen: O[0]!, lastClose, feeRate, owedAtEnd });
  const deeper = drawdownAtPullNote(watch.deepestPull, metrics.maxDrawdownPct, { t: T, equity, barMs: tf, startEquity: run.capital, quote: accountQuote([symbol]) });
  if (deeper) notes.push(deeper);
  return {
    ...runEcho(run),
    symbol,
    barMs: tf,
    metrics,
    fills,
    trades,
    t: T,
    equity,
    notes,
    leadIn: lead,
    refusals: said.refusals,
    halts: watch.halts,
  };
}

/**
 * The orders still working when the data ended, other than protective exits (which work on by design):
 * an order placed at the last close has no next open to fill at, so no fill or trade has it, and without a
 * word the run would look as if its strategy never acted there (or had kept the position it was closing).
 */
export function unfilledAtEnd(engine: Pick<PaperStack['engine'], 'openOrders' | 'portfolio'>, end: number): string[] {
  const out: string[] = [];
  for (const o of engine.openOrders()) {
    if (o.parentId !== null) continue;
    const who = o.origin.kind === 'strategy' ? o.origin.id : o.origin.kind;
    const at = isoTime(o.createdAt);
    const when = o.createdAt === end ? `at the last close (${at})` : `at ${at}`;
    const why = o.type === 'market' ? "a market order fills at the next bar's open, and the data ends there" : 'it was still working when the data ended';
    const held = engine.portfolio.qty(o.symbol, o.ledger);
    const closing = (o.side === 'sell' && held > 0n) || (o.side === 'buy' && held < 0n);
    const left = o.qty - o.filledQty;
    out.push(
      `${who}: ${o.side} ${format(left)} ${o.symbol}${o.tag === null ? '' : ` (${o.tag})`} placed ${when} did not fill: ${why}, so no fill or trade has it` +
        (closing ? '; the position it would have closed is counted open, valued at the last close' : ''),
    );
  }
  return out;
}

/**
 * Says so when the run's shorts borrowed for free: a margin venue charges interest on the coins a short
 * borrows, and a run without a borrow rate leaves that cost out of its figures.
 */
export function noteFreeBorrowing(run: Pick<BacktestRun, 'borrowRatePct'>, trades: readonly Trade[], note: (m: string) => void): void {
  if ((run.borrowRatePct ?? 0) !== 0) return;
  const shorts = trades.filter((t) => t.side === 'short').length;
  if (shorts === 0) return;
  note(`its ${shorts} short${shorts === 1 ? '' : 's'} borrowed for free (a borrow rate of 0% a year): a margin venue charges interest on the coins a short borrows; give a borrow rate to count it`);
}

/** What a result repeats of the run that made it (a single-market or a portfolio run). */
export function runEcho(run: Pick<BacktestRun, 'def' | 'params' | 'risk' | 'capital' | 'feePct' | 'slippageBps' | 'exits' | 'direction' | 'borrowRatePct'>) {
  return {
    strategy: run.def.name,
    params: run.params,
    mode: run.risk.mode,
    positionShare: run.risk.positionShare,
    capital: run.capital,
    feePct: run.feePct,
    slippageBps: run.slippageBps,
    exits: run.exits ?? NO_EXITS,
    direction: run.direction ?? 'long',
    borrowRatePct: run.borrowRatePct ?? 0,
    lossLimits: {
      dailyLossLimitPct: run.risk.limits.dailyLossLimitPct,
      maxDrawdownPct: run.risk.limits.maxDrawdownPct,
      closeOnLossLimit: run.risk.limits.closeOnLossLimit,
      rearmAfterDays: run.risk.rearmAfterDays ?? null,
    },
    indicators: run.def.indicators(run.params),
  };
}

/**
 * Feeds the detail bars inside the main bar [t, t + tf) (the strategy's onTick after each); a main bar
 * the detail does not cover goes in whole. Market time ends at the main bar's close either way.
 * The risk room hears the equity at each detail bar's close while a position is open, before the strategy's
 * onTick, as it hears every tick in the app: a margin call or a loss limit acts at the minute it is reached,
 * and its closing orders fill at the next minute's open, not at the next main bar's.
 * Returns the next detail index.
 */
function feedDetail(
  feed: MarketFeed,
  sid: number,
  detail: NonNullable<BacktestRun['detail']>,
  j: number,
  t: number,
  tf: number,
  strategy: Strategy,
  cols: CandleColumns,
  i: number,
  tally: Tally,
  watch: RiskWatch,
): number {
  const d = detail.candles;
  const dt = d.t;
  const dn = d.length;
  const dms = detail.barMs;
  const end = t + tf;
  while (j < dn && dt[j]! < t) j++;
  if (j >= dn || dt[j]! >= end) {
    feed.barFrom(sid, cols, i, tf);
    return j;
  }
  while (j < dn && dt[j]! < end) {
    feed.barFrom(sid, d, j, dms);
    if (tally.qty !== 0) hearDetail(watch, tally, dt[j]! + dms, d.c[j]!);
    strategy.onTick?.(dt[j]! + dms, d.c[j]!);
    j++;
  }
  feed.clock.set(end);
  return j;
}

/** The run's equity at time `at` with its market at `price`: cash and the position, less what an open short owes. */
function equityAt(tally: Tally, at: number, price: number): number {
  const q = tally.qty;
  const e = tally.cash + q * price;
  // A short owes interest on what it borrowed from the time it did: it pays it when bought back, and counts until then.
  return q < 0 && tally.borrowPerMs !== 0 ? e + q * price * tally.borrowPerMs * (at - tally.borrowedSince) : e;
}

/** A short's margin level at the bar's high and at its close: the assets (cash, the short's proceeds in it) over what it owes. */
function seeSpike(spikes: MarginSpikes, tally: Tally, high: number, close: number, t: number, tf: number): void {
  const owedPerPrice = -tally.qty * (1 + tally.borrowPerMs * (t + tf - tally.borrowedSince));
  spikes.see(tally.cash / (owedPerPrice * high), tally.cash / (owedPerPrice * close), t + tf);
}

/**
 * A bar's extremes to the risk room (a run without detail), in the order of its path (open, nearer
 * extreme, farther extreme, close: intrabar-path.ts) and at the times the app's replay and the paper
 * broker give them (a third and two thirds into the bar), each only when its equity reaches a loss
 * limit's level or a new peak (RiskWatch.limitLow, limitHigh). The room reads the equity from the portfolio's marks and the market clock (a short's interest),
 * so both are set to the point and put back to the close, whose own observation follows in the loop.
 *
 * The bar's fills are made by then, so the position the bar closed with is the one at a point only from
 * the bar's last fill on: a fill at the open (a market order placed at the close before) or earlier
 * comes before both extremes; an extreme the path reached before a fill inside the bar (a stop, a limit)
 * is not heard, nor are the extremes of a bar that ended flat. Only the loss limits are checked there: a
 * kill switch they pull refuses the entries the strategy places at the close, as on paper, and with
 * closeOnLossLimit its closing orders fill at the point itself (hearPoint). A margin call's would fill at
 * the next open as if called at the close: that stays at closes, and margin-spike.ts notes a short's high
 * through the level.
 */
function hearExtremes(watch: RiskWatch, tally: Tally, marks: Pick<ExecutionEngine, 'markAt'>, feed: MarketFeed, sid: number, fills: readonly FillRow[], t: number, tf: number, o: number, h: number, l: number, c: number): void {
  const highFirst = visitsHighFirst(o, h, l);
  const since = fills.length === 0 ? Number.NEGATIVE_INFINITY : fills[fills.length - 1]!.ts;
  // As the paper broker stamps them (paper-broker.ts, #onBar), so a fill at an extreme compares equal.
  const first = t + tf / 3;
  const second = t + (2 * tf) / 3;
  let moved = false;
  if (since <= first) moved = hearPoint(watch, tally, marks, feed, sid, first, highFirst ? h : l, false);
  if (since <= second) moved = hearPoint(watch, tally, marks, feed, sid, second, highFirst ? l : h, false) || moved;
  if (moved) backToClose(watch, marks, feed, sid, t, tf, c);
}

/**
 * The farther extreme of a day's last bar to the risk room, whatever its equity (when the position held
 * there, as hearExtremes says): the last point the app's room hears before midnight, so the one whose
 * equity starts its next day (account-monitor.ts); the bar's close, at midnight, is the new day's first.
 */
function hearDayEnd(watch: RiskWatch, tally: Tally, marks: Pick<ExecutionEngine, 'markAt'>, feed: MarketFeed, sid: number, fills: readonly FillRow[], t: number, tf: number, o: number, h: number, l: number, c: number): void {
  const second = t + (2 * tf) / 3;
  if (fills.length !== 0 && fills[fills.length - 1]!.ts > second) return;
  hearPoint(watch, tally, marks, feed, sid, second, visitsHighFirst(o, h, l) ? l : h, true);
  backToClose(watch, marks, feed, sid, t, tf, c);
}

/**
 * One point of a bar's path to the risk room's loss limits, if its equity reaches a limit's level or a new
 * peak (or `always`); true when it marked the portfolio there.
 */
function hearPoint(watch: RiskWatch, tally: Tally, marks: Pick<ExecutionEngine, 'markAt'>, feed: MarketFeed, sid: number, at: number, price: number, always: boolean): boolean {
  const e = equityAt(tally, at, price);
  if (!always && !(e > watch.limitHigh || e < watch.limitLow)) return false;
  marks.markAt(sid, price);
  feed.clock.set(at);
  watch.observe(at, e, true);
  // A loss limit that closes the positions (closeOnLossLimit) sent them closing orders: they fill at this
  // point's price, as live trading's next tick a moment after the breach would, not at the next point of
  // the path. That (the bar's other extreme, or its close; the app's replay, four ticks a bar, fills there)
  // or the next bar's open would, after a low that recovered, sell above the price that breached the limit.
  if (watch.closing) {
    feed.priceById(sid, at, price, Number.NaN);
    watch.closedInPath = true;
  }
  return true;
}

/**
 * The bar's close as market time and the marks after points of its path were told: a tick at the close when
 * a loss limit closed the positions at one of them (the broker and the feed then end the bar where it ends,
 * not at the point), else the marks and the clock alone.
 */
function backToClose(watch: RiskWatch, marks: Pick<ExecutionEngine, 'markAt'>, feed: MarketFeed, sid: number, t: number, tf: number, c: number): void {
  if (watch.closedInPath) {
    watch.closedInPath = false;
    feed.priceById(sid, t + tf, c, Number.NaN);
    return;
  }
  marks.markAt(sid, c);
  feed.clock.set(t + tf);
}

/** The equity at a detail bar's close (`at`, price `close`) to the risk room, when it has moved out of the watch's band. */
function hearDetail(watch: RiskWatch, tally: Tally, at: number, close: number): void {
  const e = equityAt(tally, at, close);
  if (e > watch.high || e < watch.low) watch.observe(at, e);
}
