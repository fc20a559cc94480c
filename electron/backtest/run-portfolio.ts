// A portfolio backtest: one strategy trading several markets from one account, as a trader running it on a
// basket would. It is runBacktest's engine, widened: one trading stack (market feed → paper broker inside
// the risk gate → execution engine) on one simulated clock, one cash balance, one risk room (so the
// open-positions, total-exposure and correlated-exposure rules see the whole book), and one instance of the
// strategy per market, each with its own bars and indicators, in one ledger.
//
// Time is the union of the markets' bar times. At each time, every market with a bar there goes to the feed
// (orders placed at the previous close fill at its open), then the equity at the close is sampled (cash plus
// each holding at its market's latest close) and the risk room told, then each of those bars closes for its
// market's strategy. A market that has not started yet, or has a gap, simply has no bar at that time; one
// whose candles have ended holds what it holds at its last close (the notes say so: spanNotes).
//
// With finer bars (1m inside 1h) for its markets, a time's bars go to the feed as their detail bars, every
// market's merged in time order (10:00 of each market, then 10:01 of each, ...), so a stop in one market
// that fills at 10:07 fills before a limit in another at 10:42, as they would on the venue; each market's
// strategy hears onTick after its own. A market with no detail inside a bar goes in whole, at the time's
// start. The risk room hears the equity at each detail close while a position is open (a margin call acts at
// its minute); the equity curve and onBar come at the main bars' closes, as in a single-market run.
//
// Sizing: each market's entries get its weight's part of the mode's position share of equity: 1/N without
// weights (Freqtrade's stake = wallet / max_open_trades), so all of them can be held at once without
// borrowing; 60/40 when the trader weights them so. The benchmark basket holds the same shares, of the
// markets quoted in the account's asset (a note names any left out: basketOf).
import { accountFor } from '../../shared/domain/direction.ts';
import { visitsHighFirst } from '../../shared/domain/intrabar-path.ts';
import { YEAR_MS } from '../../shared/trading/borrow-interest.ts';
import { exactNumber } from '../../shared/trading/decimal.ts';
import type { FillRecord, OrderRecord } from '../journal/trading-journal.ts';
import type { CandleColumns } from '../journal/candle-columns.ts';
import type { BarHistoryControl } from '../strategies/bar-history.ts';
import { runHistory, shortLeadNote } from './lead-in.ts';
import { EngineStrategyContext, type SignalSource } from '../strategies/engine-context.ts';
import type { AnyStrategyDefinition, Strategy } from '../strategies/strategy.ts';
import type { MarketFeed } from '../trading/market-feed.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import { barClose } from './bar-stamp.ts';
import { checkDetail, detailNotes } from './detail-check.ts';
import { buyHoldReturnPct, buyHoldUnits, computeMetrics } from './metrics.ts';
import { paperStack } from './paper-stack.ts';
import { RunNotes } from './run-notes.ts';
import { runWho } from './run-who.ts';
import { belowZeroNote } from './below-zero.ts';
import { accountQuote } from '../../shared/backtest/account-quote.ts';
import { CashCutNotes } from './cash-cut-notes.ts';
import { BacktestCancelled, BarSlot, endsDay, noteFreeBorrowing, PROGRESS_EVERY, RiskWatch, runEcho, unfilledAtEnd, whereItFailed, type BacktestResult, type RunTerms } from './run-backtest.ts';
import { protectiveExit, tradesFrom, type FillRow, type Trade } from './trades.ts';
import { isoTime } from '../../shared/domain/iso-time.ts';
import { drawdownAtPullNote } from './drawdown-at-pull.ts';

export interface PortfolioMarket {
  symbol: string;
  candles: CandleColumns;
  signals?: SignalSource | undefined;
  /** Its weight, relative to the others' (default 1: equal shares). */
  weight?: number | undefined;
  /** Its finer bars (1m inside 1h) that decide fills inside its bars; absent: each bar's own open-high-low-close path. */
  detail?: { candles: CandleColumns; barMs: number } | undefined;
}

/** The terms (run-backtest.ts) hold for every market: one account, one direction, the same exits on each entry. */
export interface PortfolioRun extends RunTerms {
  def: AnyStrategyDefinition;
  params: Record<string, number>;
  markets: readonly PortfolioMarket[];
  /** Every market's timeframe: a portfolio's markets share one. */
  barMs: number;
  /**
   * The weights of the whole portfolio added up (default: these markets'). A search's window of a portfolio
   * leaves out the markets with no bars in it; the others keep their share of the whole portfolio.
   */
  weightTotal?: number | undefined;
}

/** One market's part of a portfolio run. */
export interface PortfolioPart {
  symbol: string;
  candles: CandleColumns;
  /** Its share of the account, 0..1. */
  weight: number;
  fills: number;
  /** Closed round trips. */
  trades: number;
  /** Net of fees, quote asset, with a position still open valued at the market's last close. */
  pnl: number;
  buyHoldReturnPct: number;
  /** The bars before the range its indicators read first (lead-in.ts): its own, as far as its data went back; the run's leadIn is the largest. */
  leadIn: number;
}

export interface PortfolioResult extends BacktestResult {
  portfolio: {
    parts: PortfolioPart[];
    /** The basket's value at each time of the run, the markets in the run's shares (the buy-and-hold benchmark's curve). */
    basket: Float64Array;
  };
}

export function runPortfolio(run: PortfolioRun): PortfolioResult {
  const markets = run.markets;
  const m = markets.length;
  if (m === 0) throw new RangeError('a portfolio backtest needs at least one market');
  const twice = markets.find((x, i) => markets.findIndex((y) => y.symbol === x.symbol) !== i);
  if (twice) throw new RangeError(`${twice.symbol} is given twice; a portfolio holds each market once`);
  for (const x of markets) if (x.candles.length === 0) throw new RangeError(`no candles of ${x.symbol} to backtest`);
  const fine = markets.some((x) => x.detail !== undefined);
  for (const x of markets) if (x.detail && !(x.detail.barMs > 0 && x.detail.barMs < run.barMs)) throw new RangeError(`${x.symbol}'s detail bars must be shorter than the run's bars (${run.barMs} ms), got ${x.detail.barMs} ms`);

  const times = unionOfTimes(markets.map((x) => x.candles.t));
  const n = times.length;
  const feeRate = run.feePct / 100;
  const ledger = `strategy:${run.def.name}`;
  const index = new Map(markets.map((x, i) => [x.symbol, i]));
  const fills: FillRow[] = [];
  const said = new RunNotes();
  const cash = { value: run.capital, untold: 0 };
  const held = new Float64Array(m);
  /** When each market's open short was borrowed: its interest so far counts in the equity (see run-backtest's drive). */
  const borrowedSince = new Float64Array(m);
  let borrowPerMs = 0;
  const weights = markets.map((x) => x.weight ?? 1);
  const bad = markets.find((x, i) => !(weights[i]! > 0 && Number.isFinite(weights[i])));
  if (bad) throw new RangeError(`${bad.symbol}'s weight must be a number above 0, got ${bad.weight}`);
  // Sizing: a market's share of the whole portfolio; the basket: of the markets in this run.
  const inRun = weights.reduce((s, w) => s + w, 0);
  const total = run.weightTotal ?? inRun;
  if (!(total >= inRun * (1 - 1e-12))) throw new RangeError(`the portfolio's weights add up to ${total}, less than these markets' ${inRun}`);

  const onFill = (f: FillRecord, order: Readonly<OrderRecord>) => {
    const row: FillRow = { ts: f.ts, side: f.side, price: exactNumber(f.price), qty: exactNumber(f.qty), fee: exactNumber(f.fee), symbol: f.symbol };
    if (f.interest !== 0n) row.interest = exactNumber(f.interest);
    const exit = protectiveExit(order);
    if (exit !== undefined) row.exit = exit;
    if (order.tag !== null) row.tag = order.tag;
    fills.push(row);
    cash.untold++;
    const pf = stack.engine.portfolio;
    cash.value = pf.cashFloat();
    const i = index.get(f.symbol)!;
    held[i] = pf.qtyFloat(f.symbol, ledger);
    if (borrowPerMs !== 0) borrowedSince[i] = pf.position(f.symbol, ledger)!.borrowedSince;
  };
  const sample = (c: CandleColumns) => c.c.subarray(0, Math.min(c.length, 2000));
  // Buys the cash cut (each names its market): one note per kind (cash-cut-notes.ts).
  const cuts = new CashCutNotes();
  const stack = paperStack({
    symbol: markets[0]!.symbol,
    samplePrices: sample(markets[0]!.candles),
    others: markets.slice(1).map((x) => ({ symbol: x.symbol, samplePrices: sample(x.candles) })),
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
  if (engine.mode === 'margin') borrowPerMs = engine.portfolio.borrowRateFloat() / YEAR_MS;
  const uses = run.def.indicators(run.params);
  const histories: BarHistoryControl[] = [];
  /** Each market's bars read before its range (lead-in.ts): its first bar's index in its history. */
  const leads = new Int32Array(m);
  const strategies: Strategy[] = [];
  /** The market whose strategy is being called (-1: none), so an error it throws names its market. */
  const turn = { market: -1 };
  try {
    for (let i = 0; i < m; i++) {
      turn.market = i;
      const x = markets[i]!;
      const { control: history, lead, warmup } = runHistory(x.candles, { uses, strategy: run.def.name, barMs: run.barMs });
      leads[i] = lead;
      const short = shortLeadNote(`${run.def.name} on ${x.symbol}`, x.candles, warmup);
      if (short) said.note(short);
      const ctx = new EngineStrategyContext({
        id: run.def.name,
        symbol: x.symbol,
        engine,
        rules: stack.rulesOf(x.symbol),
        history: history.history,
        now: () => feed.clock.now(),
        positionShare: (run.risk.positionShare * weights[i]!) / total,
        riskPerTradePct: run.risk.limits.riskPerTradePct,
        atrStop: run.risk.limits.defaultStopAtr === null ? undefined : (symbol) => stack.risk.atrStopDistance(symbol),
        takerFee: feeRate,
        slippage: run.slippageBps / 10_000,
        signals: x.signals,
        exits: run.exits,
        direction: run.direction,
        // Each note and refusal says which market it is about: the run's notes hold every market's.
        onRefusal: (msg, refusal) => said.refused(ofMarket(x.symbol, msg), refusal),
        onNote: (msg) => said.note(`${x.symbol}: ${msg}`),
      });
      histories.push(history);
      strategies.push(run.def.create(run.params, ctx));
    }
  } catch (err) {
    stack.close();
    throw whereItFailed(err, `${runWho(run.def.name, run.params, run.exits, markets[turn.market]?.symbol)}: create() failed`, run.def.name);
  }
  turn.market = -1;

  const equity = new Float64Array(n);
  const basket = new Float64Array(n);
  const watch = new RiskWatch(stack.risk, run.capital, said.note, run.risk.rearmAfterDays ?? null);
  const next = new Int32Array(m);
  /** 1 for the markets with a bar at the current time, found once per time. */
  const due = new Uint8Array(m);
  const close = new Float64Array(m);
  const sids = markets.map((x) => feed.symbols.id(x.symbol));
  const tf = run.barMs;
  // The basket: each market's share of the capital, bought (one fee) at its first open; cash until then.
  // A market quoted in another asset than the account's (ETH/BTC beside BTC/USDT) is left out: its prices
  // are no amounts of the account's asset (basketOf).
  const bench = basketOf(markets, weights, run.capital);
  const { stake } = bench;
  if (bench.note !== null) said.note(bench.note);
  const units = markets.map((x, i) => buyHoldUnits(stake[i]!, x.candles.o[0]!, feeRate));
  const bar = new BarSlot();
  /** Each market's next detail bar. */
  const nextFine = new Int32Array(m);
  let exposed = 0;
  let k = 0;
  for (const x of markets) {
    if (!x.detail) continue;
    const found = detailNotes(checkDetail(x.candles, tf, x.detail.candles, x.detail.barMs), tf, x.detail.barMs);
    for (const line of found) said.note(`${x.symbol}: ${line}`);
  }
  /**
   * With detail, the risk room hears the equity at each detail bar's close while a position is open (as it
   * hears every tick in the app): each market at its last price, less what its open short owes.
   */
  const hearAt = (at: number) => {
    let e = cash.value;
    let open = false;
    for (let i = 0; i < m; i++) {
      const q = held[i]!;
      if (q === 0) continue;
      open = true;
      const p = feed.lastPrice(sids[i]!);
      e += q * p;
      if (q < 0 && borrowPerMs !== 0) e += q * p * borrowPerMs * (at - borrowedSince[i]!);
    }
    if (open && (e > watch.high || e < watch.low)) watch.observe(at, e);
  };
  const path: PathView = { watch, marks: engine, feed, markets, sids, held, borrowedSince, borrowPerMs, due, next, close, cash, fills };
  try {
    for (; k < n; k++) {
      const t = times[k]!;
      for (let i = 0; i < m; i++) {
        const c = markets[i]!.candles;
        const j = next[i]!;
        due[i] = j < c.length && c.t[j] === t ? 1 : 0;
        if (due[i] === 1) {
          if (!fine) feed.barFrom(sids[i]!, c, j, tf);
          close[i] = c.c[j]!;
        }
      }
      if (fine) feedFineTime(feed, markets, sids, due, next, nextFine, t, tf, strategies, hearAt, turn);
      if (cash.untold !== 0) tellFills(strategies, index, fills, cash, turn);
      let e = cash.value;
      let b = bench.idle;
      let open = false;
      // How far the bars' highs and lows could move the equity from the close, up and down (runBacktest's drive).
      let up = 0;
      let down = 0;
      for (let i = 0; i < m; i++) {
        e += held[i]! * close[i]!;
        if (held[i]! < 0 && borrowPerMs !== 0) e += held[i]! * close[i]! * borrowPerMs * (t + tf - borrowedSince[i]!);
        b += close[i]! > 0 ? units[i]! * close[i]! : stake[i]!;
        if (held[i] !== 0) {
          open = true;
          if (due[i] === 1 && !fine) {
            const q = held[i]! < 0 && borrowPerMs !== 0 ? held[i]! * (1 + borrowPerMs * (t + tf - borrowedSince[i]!)) : held[i]!;
            const c = markets[i]!.candles;
            const toHigh = q * (c.h[next[i]!]! - close[i]!);
            const toLow = q * (c.l[next[i]!]! - close[i]!);
            up += Math.max(toHigh, toLow);
            down += Math.min(toHigh, toLow);
          }
        }
      }
      equity[k] = e;
      basket[k] = b;
      if (!fine && hasShort(held)) seeSpikes(watch, markets, held, borrowedSince, borrowPerMs, due, next, close, cash.value, t + tf);
      if (open) exposed++;
      // The bars' extremes where they may reach a loss limit or a new peak, as runBacktest hears them (hearExtremes).
      if (open && !fine && (e + up > watch.limitHigh || e + down < watch.limitLow)) {
        hearPath(path, t, tf, false);
        // A loss limit closed the positions inside the bars (closeOnLossLimit): the strategies hear it, and the close's equity is the cash left.
        if (cash.untold !== 0) e = afterPathFills(path, strategies, index, turn, equity, k, t + tf);
      }
      // The last two closes before the day ends too, as runBacktest tells them (RiskWatch); the day's last
      // bar's farther extreme before its close, as runBacktest does (hearDayEnd).
      if (e > watch.high || e < watch.low || t + 2 * tf >= watch.dayEnd) {
        if (open && !fine && endsDay(t, tf)) {
          hearPath(path, t, tf, true);
          if (cash.untold !== 0) e = afterPathFills(path, strategies, index, turn, equity, k, t + tf);
        }
        watch.observe(t + tf, e);
      }
      for (let i = 0; i < m; i++) {
        if (due[i] === 0) continue;
        const c = markets[i]!.candles;
        const j = next[i]!;
        histories[i]!.advance();
        bar.t = t;
        bar.o = c.o[j]!;
        bar.h = c.h[j]!;
        bar.l = c.l[j]!;
        bar.c = c.c[j]!;
        bar.v = c.v[j]!;
        bar.index = leads[i]! + j;
        next[i] = j + 1;
        turn.market = i;
        strategies[i]!.onBar(bar);
      }
      turn.market = -1;
      if ((k & (PROGRESS_EVERY - 1)) === PROGRESS_EVERY - 1) {
        run.onProgress?.(k + 1, n);
        if (run.cancelled?.()) throw new BacktestCancelled();
      }
    }
    said.notes.push(...unfilledAtEnd(engine, times[n - 1]! + tf));
    said.notes.push(...cuts.notes());
    said.notes.push(...spanNotes(markets, times, held, tf));
    const killed = watch.summary();
    if (killed) said.notes.push(killed);
    const spiked = watch.spikes.note('give finer bars (keel backtest --detail 1m, the form\'s Fills inside bars) to check it at each of them');
    if (spiked) said.notes.push(spiked);
    const under = belowZeroNote({ t: times, equity, barMs: tf }, bench.asset);
    if (under) said.notes.push(under);
  } catch (err) {
    throw whereItFailed(err, `${runWho(run.def.name, run.params, run.exits, markets[turn.market]?.symbol)} stopped the run at the bar closed at ${barClose(times[Math.min(k, n - 1)]!, tf)}`, run.def.name);
  } finally {
    stack.close();
  }
  run.onProgress?.(n, n);

  const parts: PortfolioPart[] = [];
  const trades: Trade[] = [];
  const end = times[n - 1]! + tf;
  const pf = engine.portfolio;
  let owedAtEnd = 0;
  markets.forEach((x, i) => {
    const c = x.candles;
    const own = fills.filter((f) => f.symbol === x.symbol);
    const position = pf.position(x.symbol, ledger);
    const owed = position === undefined ? 0 : exactNumber(pf.interestOwed(position, end));
    owedAtEnd += owed;
    const its = tradesFrom(own, c.c[c.length - 1]!, c.t[c.length - 1]! + tf, owed).map((tr) => ({ ...tr, symbol: x.symbol }));
    trades.push(...its);
    parts.push({
      symbol: x.symbol,
      candles: c,
      weight: weights[i]! / total,
      fills: own.length,
      trades: its.filter((tr) => tr.closed).length,
      pnl: its.reduce((s, tr) => s + tr.pnl, 0),
      buyHoldReturnPct: buyHoldReturnPct(c.o[0]!, c.c[c.length - 1]!, feeRate),
      leadIn: leads[i]!,
    });
  });
  trades.sort((a, b) => a.entryTs - b.entryTs || a.exitTs - b.exitTs);
  noteFreeBorrowing(run, trades, said.note);
  said.finish();
  const metrics = computeMetrics({
    t: times,
    equity,
    barMs: tf,
    startEquity: run.capital,
    trades,
    fills,
    exposedBars: exposed,
    firstOpen: Number.NaN,
    lastClose: Number.NaN,
    feeRate,
    owedAtEnd,
    // The basket's end value over the capital: every market has started by the end, so it is their mean in the basket's shares.
    buyHoldReturnPct: bench.held > 0 ? parts.reduce((sum, p, i) => sum + (stake[i]! > 0 ? p.buyHoldReturnPct * weights[i]! : 0), 0) / bench.held : 0,
  });
  const deeper = drawdownAtPullNote(watch.deepestPull, metrics.maxDrawdownPct, { t: times, equity, barMs: tf, startEquity: run.capital, quote: bench.asset });
  if (deeper) said.notes.push(deeper);
  return {
    ...runEcho(run),
    symbol: markets.map((x) => x.symbol).join('+'),
    barMs: tf,
    metrics,
    fills,
    trades,
    t: times,
    equity,
    notes: said.notes,
    leadIn: Math.max(0, ...leads),
    refusals: said.refusals,
    halts: watch.halts,
    portfolio: { parts, basket },
  };
}

/**
 * The buy-and-hold basket's stake in each market: its weight's share of the capital, among the markets quoted
 * in the account's asset (accountQuote) only. ETH/BTC's closes are BTC: held in a USDT basket, its rise in BTC
 * was counted as a rise in USDT. `held`: the weights of those markets, summed; `idle`: the capital no market
 * can hold (none is quoted in the account's asset).
 */
function basketOf(markets: readonly PortfolioMarket[], weights: readonly number[], capital: number): { stake: number[]; held: number; idle: number; asset: string; note: string | null } {
  const asset = accountQuote(markets.map((x) => x.symbol));
  const inBasket = markets.map((x) => accountQuote([x.symbol]) === asset);
  const held = weights.reduce((sum, w, i) => sum + (inBasket[i] ? w : 0), 0);
  const stake = weights.map((w, i) => (inBasket[i] ? (capital * w) / held : 0));
  const out = markets.filter((_, i) => !inBasket[i]);
  if (out.length === 0) return { stake, held, idle: 0, asset, note: null };
  const kept = markets.filter((_, i) => inBasket[i]).map((x) => x.symbol);
  const left = out.map((x) => `${x.symbol}, quoted in ${accountQuote([x.symbol])}`).join('; ');
  const holds = kept.length === 0 ? `none is quoted in ${asset}, so the basket stays in cash (0%)` : `the basket holds ${kept.length === 1 ? `${kept[0]} alone` : `${kept.join(', ')} in their shares`}`;
  return {
    stake,
    held,
    idle: kept.length === 0 ? capital : 0,
    asset,
    note: `the buy-and-hold benchmark leaves out ${left}, not in the account's ${asset} (its prices are no ${asset} amounts, and its orders are refused): ${holds}`,
  };
}

/**
 * The bars of the markets due at time `t`, with finer bars: a market with no detail inside [t, t + tf) goes
 * in whole first (its open is the time's start); then the detail bars inside it, every market's merged in
 * time order, each market's strategy told onTick after its own. Market time ends at the main bars' close.
 * `nextFine` moves past the detail bars fed (and any before `t`: those of a main bar a market has none of).
 */
function feedFineTime(
  feed: MarketFeed,
  markets: readonly PortfolioMarket[],
  sids: readonly number[],
  due: Uint8Array,
  next: Int32Array,
  nextFine: Int32Array,
  t: number,
  tf: number,
  strategies: readonly Strategy[],
  hearAt: (at: number) => void,
  turn: { market: number },
): void {
  const m = markets.length;
  const end = t + tf;
  let inside = false;
  for (let i = 0; i < m; i++) {
    if (due[i] === 0) continue;
    const x = markets[i]!;
    const d = x.detail?.candles;
    let j = nextFine[i]!;
    if (d !== undefined) {
      while (j < d.length && d.t[j]! < t) j++;
      nextFine[i] = j;
    }
    if (d === undefined || j >= d.length || d.t[j]! >= end) feed.barFrom(sids[i]!, x.candles, next[i]!, tf);
    else inside = true;
  }
  while (inside) {
    let at = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const d = markets[i]!.detail?.candles;
      if (due[i] === 0 || d === undefined) continue;
      const j = nextFine[i]!;
      if (j < d.length && d.t[j]! < end && d.t[j]! < at) at = d.t[j]!;
    }
    if (at === Number.POSITIVE_INFINITY) break;
    let closed = at;
    for (let i = 0; i < m; i++) {
      const detail = markets[i]!.detail;
      if (due[i] === 0 || detail === undefined) continue;
      const j = nextFine[i]!;
      if (j >= detail.candles.length || detail.candles.t[j] !== at) continue;
      feed.barFrom(sids[i]!, detail.candles, j, detail.barMs);
      nextFine[i] = j + 1;
      closed = Math.max(closed, at + detail.barMs);
    }
    // Every market's bar at this time is in before the risk room hears the equity, then the strategies their ticks.
    hearAt(closed);
    for (let i = 0; i < m; i++) {
      const detail = markets[i]!.detail;
      if (due[i] === 0 || detail === undefined || nextFine[i] === 0 || detail.candles.t[nextFine[i]! - 1] !== at) continue;
      turn.market = i;
      strategies[i]!.onTick?.(at + detail.barMs, detail.candles.c[nextFine[i]! - 1]!);
    }
    turn.market = -1;
  }
  feed.clock.set(end);
}

/**
 * Says so when the markets' candles cover different stretches: a market trades only between its first and
 * last bar. Before its first its share waits in cash; after its last, a position it still holds stays
 * open at that bar's close to the run's end (its P&L and the equity count it so), which a trader reading
 * the account's figures would otherwise take for a market that traded on.
 */
function spanNotes(markets: readonly PortfolioMarket[], times: Float64Array, held: Float64Array, tf: number): string[] {
  const first = times[0]!;
  const last = times[times.length - 1]!;
  // From its first bar's open to its last bar's close: the time it traded over.
  const span = (c: CandleColumns) => `${isoTime(c.t[0]!)} to ${barClose(c.t[c.length - 1]!, tf)}`;
  if (markets.every((x) => x.candles.t[0] === first && x.candles.t[x.candles.length - 1] === last)) return [];
  const out = [`the markets' candles cover different stretches (${markets.map((x) => `${x.symbol} ${span(x.candles)}`).join(', ')}): each market trades only between its first and last bar, its share of the account in cash before its first`];
  markets.forEach((x, i) => {
    const c = x.candles;
    const end = c.t[c.length - 1]!;
    const q = held[i]!;
    if (end === last || q === 0) return;
    out.push(`${x.symbol}'s candles end with the bar closed at ${barClose(end, tf)}, before the run's last bar, closed at ${barClose(last, tf)}: its ${q > 0 ? 'long' : 'short'} of ${Math.abs(q)} stayed open from then to the end at that bar's close (${c.c[c.length - 1]}), and the equity and its P&L count it so; give every market candles to the same date to see it close`);
  });
  return out;
}

/** A refusal with its market in front, unless its words already name it ("sma-cross: buy 0.5 ETH/USDT refused: ..."). */
const ofMarket = (symbol: string, message: string) => (message.includes(symbol) ? message : `${symbol}: ${message}`);

/** What hearPath reads: the run's state, one object made once per run. */
interface PathView {
  watch: RiskWatch;
  marks: Pick<ExecutionEngine, 'markAt'>;
  feed: MarketFeed;
  markets: readonly PortfolioMarket[];
  sids: readonly number[];
  held: Float64Array;
  borrowedSince: Float64Array;
  borrowPerMs: number;
  due: Uint8Array;
  next: Int32Array;
  close: Float64Array;
  cash: { value: number; untold: number };
  fills: readonly FillRow[];
}

/**
 * The time's bars' extremes to the risk room's loss limits, as runBacktest's hearExtremes (`dayEnd`: the
 * day's last bar's farther extreme, whatever its equity, as its hearDayEnd): the points a third and two
 * thirds into the bar, each market that has a bar then at its path's point there (its nearer extreme, then
 * its farther), the others at their last close. Not heard before the last fill of the time (the positions
 * held from then on); the marks and the clock are put back to the closes.
 */
function hearPath(v: PathView, t: number, tf: number, dayEnd: boolean): void {
  const since = v.fills.length === 0 ? Number.NEGATIVE_INFINITY : v.fills[v.fills.length - 1]!.ts;
  let moved = false;
  for (let point = dayEnd ? 2 : 1; point <= 2; point++) {
    const at = point === 1 ? t + tf / 3 : t + (2 * tf) / 3;
    if (since > at) continue;
    let e = v.cash.value;
    for (let i = 0; i < v.held.length; i++) {
      const q = v.held[i]!;
      if (q === 0) continue;
      const p = pointPrice(v, i, point);
      e += q * p;
      if (q < 0 && v.borrowPerMs !== 0) e += q * p * v.borrowPerMs * (at - v.borrowedSince[i]!);
    }
    if (!dayEnd && !(e > v.watch.limitHigh || e < v.watch.limitLow)) continue;
    for (let i = 0; i < v.held.length; i++) if (v.held[i] !== 0 && v.due[i] === 1) v.marks.markAt(v.sids[i]!, pointPrice(v, i, point));
    v.feed.clock.set(at);
    v.watch.observe(at, e, true);
    moved = true;
    if (v.watch.closing) {
      // A loss limit that closes the positions (closeOnLossLimit): their closing orders fill at this point, as
      // runBacktest's hearPoint fills them, then each market's bar ends at its close. Flat, nothing is left to hear.
      const ticked: number[] = [];
      for (let i = 0; i < v.held.length; i++) {
        if (v.held[i] === 0) continue;
        ticked.push(i);
        v.feed.priceById(v.sids[i]!, at, pointPrice(v, i, point), Number.NaN);
      }
      for (const i of ticked) v.feed.priceById(v.sids[i]!, t + tf, v.close[i]!, Number.NaN);
      v.feed.clock.set(t + tf);
      return;
    }
  }
  if (!moved) return;
  for (let i = 0; i < v.held.length; i++) if (v.held[i] !== 0 && v.due[i] === 1) v.marks.markAt(v.sids[i]!, v.close[i]!);
  v.feed.clock.set(t + tf);
}

/** The equity at the time's closes (`at`, its close time): cash, each market's position at its close, less what the shorts owe. */
function equityAtCloses(v: PathView, at: number): number {
  let e = v.cash.value;
  for (let i = 0; i < v.held.length; i++) {
    const q = v.held[i]!;
    if (q === 0) continue;
    e += q * v.close[i]!;
    if (q < 0 && v.borrowPerMs !== 0) e += q * v.close[i]! * v.borrowPerMs * (at - v.borrowedSince[i]!);
  }
  return e;
}

/** Market i's price at point 1 (nearer extreme) or 2 (farther) of its bar at this time; its last close without one. */
function pointPrice(v: PathView, i: number, point: number): number {
  if (v.due[i] === 0) return v.close[i]!;
  const c = v.markets[i]!.candles;
  const j = v.next[i]!;
  const highFirst = visitsHighFirst(c.o[j]!, c.h[j]!, c.l[j]!);
  return highFirst === (point === 1) ? c.h[j]! : c.l[j]!;
}

const hasShort = (held: Float64Array) => {
  for (let i = 0; i < held.length; i++) if (held[i]! < 0) return true;
  return false;
};

/**
 * Each short market's bar at this time as if its high had been the price, the others at their closes: the
 * margin level there and at the close (margin-spike.ts). Assets are cash and the longs; what is owed, the
 * shorts at their prices with their interest.
 */
function seeSpikes(watch: RiskWatch, markets: readonly PortfolioMarket[], held: Float64Array, borrowedSince: Float64Array, borrowPerMs: number, due: Uint8Array, next: Int32Array, close: Float64Array, cash: number, at: number): void {
  let assets = cash;
  let owed = 0;
  for (let i = 0; i < held.length; i++) {
    const q = held[i]!;
    if (q > 0) assets += q * close[i]!;
    else if (q < 0) owed -= q * close[i]! * (1 + borrowPerMs * (at - borrowedSince[i]!));
  }
  for (let i = 0; i < held.length; i++) {
    const q = held[i]!;
    if (q >= 0 || due[i] === 0) continue;
    const c = markets[i]!.candles;
    const j = next[i]!;
    const perPrice = -q * (1 + borrowPerMs * (at - borrowedSince[i]!));
    watch.spikes.see(assets / (owed + perPrice * (c.h[j]! - close[i]!)), assets / owed, at, markets[i]!.symbol);
  }
}

/** Fills at a point of the time's bars (a loss limit's closing orders): the strategies hear them, and the close's equity is counted again. */
function afterPathFills(v: PathView, strategies: readonly Strategy[], index: ReadonlyMap<string, number>, turn: { market: number }, equity: Float64Array, k: number, at: number): number {
  tellFills(strategies, index, v.fills, v.cash, turn);
  const e = equityAtCloses(v, at);
  equity[k] = e;
  return e;
}

/** Each market's strategy hears of its own fills, between bars as in a single-market run. */
function tellFills(strategies: readonly Strategy[], index: ReadonlyMap<string, number>, fills: readonly FillRow[], cash: { untold: number }, turn: { market: number }): void {
  for (let k = fills.length - cash.untold; k < fills.length; k++) {
    const f = fills[k]!;
    turn.market = index.get(f.symbol!)!;
    strategies[turn.market]!.onFill?.(f);
  }
  turn.market = -1;
  cash.untold = 0;
}

/** Every time at which any of the (ascending) series has a bar, ascending, each once. */
export function unionOfTimes(series: readonly Float64Array[]): Float64Array {
  const at = new Int32Array(series.length);
  const out: number[] = [];
  for (;;) {
    let t = Infinity;
    for (let i = 0; i < series.length; i++) if (at[i]! < series[i]!.length && series[i]![at[i]!]! < t) t = series[i]![at[i]!]!;
    if (t === Infinity) return Float64Array.from(out);
    out.push(t);
    for (let i = 0; i < series.length; i++) if (at[i]! < series[i]!.length && series[i]![at[i]!] === t) at[i] = at[i]! + 1;
  }
}

