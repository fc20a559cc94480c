// Commands for backtests: the strategies and their parameters, start a run over a stored series (it runs
// in a worker thread; its id comes back at once), cancel it, read its result, list the runs of this
// session; search a strategy's parameters (grid or random, a holdout or a walk-forward checking the best). Progress and
// completion arrive as backtest.progress / backtest.done and backtest.optimizeProgress / backtest.optimized.
import { z } from 'zod';
import { DIRECTIONS } from '../../domain/direction.ts';
import { RISK_MODES } from '../../risk/risk-limits.ts';
import { WEIGHT_MAX } from '../../backtest/portfolio-weights.ts';
import { EXIT_REASONS, STOP_LOSS_VALID, TAKE_PROFIT_MAX, TAKE_PROFIT_VALID, TRAILING_STOP_VALID } from '../../backtest/run-exits.ts';
import { BORROW_RATE_VALID, MAX_BORROW_RATE_PCT } from '../../trading/borrow-interest.ts';
import { EpochMs, SeriesKeySchema, TimeframeSchema } from '../schemas.ts';
import { Empty, type CommandTable } from './command-table.ts';

/** What a backtest's slippage is, as the form and the engine say it. */
export const SLIPPAGE_VALID = 'slippage in basis points per fill, from 0 to below 1000 (10 = 0.1%)';

export const RunId = z.string().regex(/^bt-[0-9a-z-]{1,40}$/, 'a backtest run id such as bt-1');

export const ParamSpecSchema = z.strictObject({
  name: z.string(),
  type: z.enum(['int', 'number']),
  default: z.number(),
  min: z.number(),
  max: z.number(),
  step: z.number().optional(),
  description: z.string(),
});

export const StrategyInfoSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  params: z.array(ParamSpecSchema),
  /** The trader's own strategy file (in the data directory's strategies folder) it came from; null for a built-in. */
  file: z.string().nullable(),
});

/** A strategy file of the trader's that Keel could not use, and why (the message names the file and what to change). */
export const StrategyProblemSchema = z.strictObject({ file: z.string(), message: z.string() });

/** A run's starting capital is below this. */
export const CAPITAL_MAX = 1e15;
/** What a capital may be, as the form and the engine say it: the limit in grouped digits, not "1e15". */
export const CAPITAL_VALID = `the starting capital, a number above 0 and below ${CAPITAL_MAX.toLocaleString('en-US')}`;
/** A range given the wrong way round, naming both ends as they were given (dates in the form, times in the engine). */
export const fromAfterToText = (from: string, to: string) => `from ${from} is after to ${to}: give a from on or before the to`;
/** Most Monte Carlo simulations an app run takes; 1,000 of 20,000 trades take under a second in the run's worker. */
export const MONTE_CARLO_MAX = 100_000;
/** Enough for steady 5th and 95th percentiles, cheap enough to be on for every run from the app. */
export const MONTE_CARLO_DEFAULT = 1000;
const MONTE_CARLO_VALID = `the number of Monte Carlo simulations, a whole number from 0 (none) to ${MONTE_CARLO_MAX}`;
const SEED_VALID = 'the seed of the random draws (Monte Carlo, a random search), a whole number';
const DIRECTION_VALID = 'the sides the strategy may take: long (long or flat), short (short or flat) or both';
/** The longest cool-off before a backtest re-arms a kill switch a drawdown breach pulled (keel backtest --rearm-after). */
export const REARM_MAX_DAYS = 365;
/** What the custom mode's position share may be, percent of equity, as the form and keel backtest --position-pct say it. */
export const POSITION_PCT_VALID = 'a percent above 0 and at most 100';
const POSITION_PCT_TEXT = `the custom mode's share of equity per entry, ${POSITION_PCT_VALID}`;
const REARM_VALID = `days after which a kill switch a drawdown breach pulled is re-armed, a whole number from 1 to ${REARM_MAX_DAYS}, or null for never`;

/** Most markets one portfolio run trades (its series and PORTFOLIO_MAX - 1 others): a price chart each stays readable. */
export const PORTFOLIO_MAX = 8;
const WEIGHT_VALID = `a market's weight in the portfolio, a number above 0 and at most ${WEIGHT_MAX.toLocaleString('en-US')} (weights are relative: 60,40 or 3,2)`;

/** A protective exit's percent, as a backtest and a running strategy take it: null for none. */
export const StopLossPctSchema = z.number({ error: STOP_LOSS_VALID }).gt(0, STOP_LOSS_VALID).lt(100, STOP_LOSS_VALID).nullable();
export const TakeProfitPctSchema = z.number({ error: TAKE_PROFIT_VALID }).gt(0, TAKE_PROFIT_VALID).max(TAKE_PROFIT_MAX, TAKE_PROFIT_VALID).nullable();
export const TrailingStopPctSchema = z.number({ error: TRAILING_STOP_VALID }).gt(0, TRAILING_STOP_VALID).lt(100, TRAILING_STOP_VALID).nullable();

export const BacktestRequestSchema = z.strictObject({
  strategy: z.string().min(1).max(64),
  params: z.record(z.string().max(64), z.number()).default({}),
  series: SeriesKeySchema,
  /** Bar open times, inclusive, epoch ms; absent: all stored candles. */
  from: EpochMs.optional(),
  to: EpochMs.optional(),
  mode: z.enum(RISK_MODES).default('moderate'),
  /**
   * The custom mode's share of equity one entry may be worth, percent (keel backtest --position-pct): the
   * risk per trade is set to match (risk-modes.ts riskModeSettings). Only with mode custom; absent or null
   * there: the account defaults' share, as keel backtest --mode custom without --position-pct.
   */
  positionPct: z.number({ error: POSITION_PCT_TEXT }).gt(0, POSITION_PCT_TEXT).max(100, POSITION_PCT_TEXT).nullable().optional(),
  capital: z.number({ error: CAPITAL_VALID }).gt(0, CAPITAL_VALID).lt(CAPITAL_MAX, CAPITAL_VALID).default(10_000),
  /** Per fill, percent (0.1 = 0.1%). */
  feePct: z.number().min(0).lt(10).default(0.1),
  slippageBps: z.number({ error: SLIPPAGE_VALID }).min(0, SLIPPAGE_VALID).lt(1000, SLIPPAGE_VALID).default(0),
  /**
   * Finer bars of the same market (its exchange and symbol) that decide fills inside each bar (keel backtest
   * --detail TF): a stored series of a shorter timeframe. Null: each bar fills along its own path (open,
   * nearer extreme, farther extreme, close). Single-market runs only; a search scores on the bars' own path.
   */
  detail: TimeframeSchema.nullable().default(null),
  /**
   * Protective exits on every entry the strategy makes (keel backtest --stop-loss/--take-profit): percent
   * from the price the entry fills at, set and placed as the entry's bracket when it fills. Null: none.
   */
  stopLossPct: StopLossPctSchema.default(null),
  takeProfitPct: TakeProfitPctSchema.default(null),
  /** A trailing stop in place of the stop-loss (keel backtest --trailing-stop): percent behind the best price since the entry filled. Null: none. */
  trailingStopPct: TrailingStopPctSchema.default(null),
  /**
   * Which sides the strategy may take (keel backtest --direction): long or flat (the default, a spot
   * account), short or flat, or both; shorts are sold on a margin account with 1× collateral.
   */
  direction: z.enum(DIRECTIONS, { error: DIRECTION_VALID }).default('long'),
  /**
   * What a short pays on what it borrowed, percent a year (keel backtest --borrow-rate; 5 is 5% a year,
   * 0.01% a day is 3.65): charged when it is bought back, for the time it was held, and counted in the
   * equity until then. 0: borrowing is free. Only a run that can short pays it.
   */
  borrowRatePct: z.number({ error: BORROW_RATE_VALID }).min(0, BORROW_RATE_VALID).max(MAX_BORROW_RATE_PCT, BORROW_RATE_VALID).default(0),
  /**
   * A kill switch a drawdown breach pulled is re-armed at the start of the UTC day this many days after the
   * one it was pulled on, the drawdown counted from there (keel backtest --rearm-after). Null: never, as live.
   */
  rearmAfterDays: z.number({ error: REARM_VALID }).int(REARM_VALID).min(1, REARM_VALID).max(REARM_MAX_DAYS, REARM_VALID).nullable().default(null),
  /**
   * A daily-loss or drawdown breach closes every position too (the risk limits' closeOnLossLimit; keel
   * backtest --limits closeOnLossLimit=true), filled at the point of the bar that breached; false, the
   * default, leaves them to their stops and the strategy's exits, as the account's limits do unless set.
   */
  closeOnLossLimit: z.boolean({ error: 'close positions at a loss limit must be true or false' }).default(false),
  /** Monte Carlo simulations of the run's closed trades, reordered and resampled (keel backtest --monte-carlo); 0: none. */
  monteCarlo: z.number({ error: MONTE_CARLO_VALID }).int(MONTE_CARLO_VALID).min(0, MONTE_CARLO_VALID).max(MONTE_CARLO_MAX, MONTE_CARLO_VALID).default(MONTE_CARLO_DEFAULT),
  /** The simulations' seed (keel backtest --seed): the same seed draws the same bands. */
  seed: z.number({ error: SEED_VALID }).int(SEED_VALID).default(1),
  /**
   * Other stored series traded from the same account in this one run (keel backtest --symbol S,T --portfolio):
   * one cash balance and one risk room over all of them, the strategy on each market, each market's entries
   * sized to its weight's share of the mode's share of equity (1/N without weights). Same timeframe as `series`.
   * Empty: the run trades `series` alone.
   */
  portfolio: z.array(SeriesKeySchema).max(PORTFOLIO_MAX - 1, `a portfolio trades at most ${PORTFOLIO_MAX} markets: the run's series and ${PORTFOLIO_MAX - 1} others`).default([]),
  /**
   * A portfolio's weights, relative (60,40 or 3,2; keel backtest --weights): one per market, `series` first,
   * then `portfolio` in order. Each market's entries get its weight over their sum of the mode's share of
   * equity, and the benchmark basket is bought in the same shares. Empty: equal shares. Their count is checked
   * against the markets when the run starts (weightsProblem).
   */
  weights: z.array(z.number({ error: WEIGHT_VALID }).gt(0, WEIGHT_VALID).max(WEIGHT_MAX, WEIGHT_VALID)).max(PORTFOLIO_MAX, `weights: one per market, at most ${PORTFOLIO_MAX}`).default([]),
});
export type BacktestRequest = z.output<typeof BacktestRequestSchema>;

/** Metrics as numbers; null where a figure is undefined (a Sharpe ratio of one day, no losing trade). */
export const BacktestMetricsSchema = z.record(z.string(), z.number().nullable());

/** Queued: waiting for a core (runs beyond the machine's cores wait their turn, first come first served). */
export const BacktestStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** Most runs one backtest.runMany starts: every built-in strategy in every risk mode, with room to spare (the journal keeps 50 runs). */
export const RUN_MANY_MAX = 32;

export const BacktestSummarySchema = z.strictObject({
  runId: RunId,
  status: BacktestStatusSchema,
  request: BacktestRequestSchema,
  startedAt: EpochMs,
  /** 0..1. */
  progress: z.number().min(0).max(1),
  metrics: BacktestMetricsSchema.nullable(),
  /**
   * The Monte Carlo's 95th percentile of the max drawdown with the trades resampled (result's
   * monteCarlo.resample.maxDrawdownPct.p95), so a list of runs shows it without each run's whole result;
   * null without bands (none asked for, too few trades, not finished). Optional: an engine before it sends none.
   */
  mcDrawdownP95: z.number().nullable().optional(),
  error: z.string().nullable(),
  /** Why the journal could not keep this ended run (a full disk): it is listed only until Keel closes. Null when kept; optional: an engine before it sends none. */
  notKept: z.string().nullable().optional(),
});

/** A round trip: from the position leaving zero to its return there (one still open is valued at the last close). */
export const BacktestTradeSchema = z.strictObject({
  side: z.enum(['long', 'short']),
  entryTs: EpochMs,
  exitTs: EpochMs,
  /** Volume-weighted over the trade's fills; null where there is none. */
  entryPrice: z.number().nullable(),
  exitPrice: z.number().nullable(),
  /** The largest size the position reached. */
  qty: z.number(),
  fees: z.number(),
  /** Borrow interest a short paid (or, open at the end, owes); absent for longs and free borrowing. */
  interest: z.number().optional(),
  /** Net of fees and borrow interest, quote asset. */
  pnl: z.number(),
  returnPct: z.number(),
  closed: z.boolean(),
  /** Why it ended: the strategy's own order, the entry's stop-loss or take-profit, or still open at the end. Absent in runs stored before exits were recorded. */
  exit: z.enum(EXIT_REASONS).optional(),
  /** The tag of the order that opened it, and of the strategy's (or the kill switch's) order that closed it; absent without one. */
  entryTag: z.string().optional(),
  exitTag: z.string().optional(),
  /**
   * How far it went for it (run-up, 0 or more) and against it (drawdown, 0 or less) while open: percent of
   * the entry price, and quote money at its largest size. Absent in runs stored before they were measured.
   */
  runUpPct: z.number().optional(),
  drawdownPct: z.number().optional(),
  runUp: z.number().optional(),
  drawdown: z.number().optional(),
  /** The market it was in; only in a portfolio run (a single-market run's trades are all in its series). */
  symbol: z.string().optional(),
});

export type BacktestTrade = z.output<typeof BacktestTradeSchema>;

/** A stretch in which the kill switch was engaged: new entries refused, exits still allowed. */
export const BacktestHaltSchema = z.strictObject({ from: EpochMs, to: EpochMs.nullable(), reason: z.string() });

export type BacktestHalt = z.output<typeof BacktestHaltSchema>;

/**
 * One of a run's deepest drawdowns: the bars whose closes were the equity's peak, its trough and back at the
 * peak (null: still under water at the end), each stamped with the bar's open time as the equity curve and
 * the charts are (the peak the first open for the starting capital); depth percent below the peak, length in
 * days from the peak bar's close to the recovering bar's close (or the last one's).
 */
export const DrawdownPeriodSchema = z.strictObject({ peakTs: EpochMs, troughTs: EpochMs, recoveredTs: EpochMs.nullable(), depthPct: z.number(), days: z.number() });
export type DrawdownPeriod = z.output<typeof DrawdownPeriodSchema>;

/** 5th, 50th and 95th percentiles of the simulations, percent; null where not a number (JSON has no NaN). */
export const McBandSchema = z.strictObject({ p5: z.number().nullable(), p50: z.number().nullable(), p95: z.number().nullable() });
const McBands = z.strictObject({ returnPct: McBandSchema, maxDrawdownPct: McBandSchema });

/** Each closed trade as its return on the equity before it, compounded: reordered (same return, another drawdown)
 *  and resampled with replacement (both vary). `actual` is the trades in their own order, measured the same way. */
export const BacktestMonteCarloSchema = z.strictObject({
  runs: z.number().int(),
  trades: z.number().int(),
  actual: z.strictObject({ returnPct: z.number().nullable(), maxDrawdownPct: z.number().nullable() }),
  reorder: McBands,
  resample: McBands,
});
export type BacktestMonteCarlo = z.output<typeof BacktestMonteCarloSchema>;

/**
 * One of the strategy's indicators as its price chart draws it: [bar open time, value] at the price line's
 * points from its first value on. `overlay`: on the price's scale (an average, a band); else in a pane of
 * its own under it (RSI, ATR). `levels`: the values the strategy acts at on it (RSI 30 and 70), drawn dashed.
 */
export const IndicatorCurveSchema = z.strictObject({ label: z.string(), overlay: z.boolean(), points: z.array(z.tuple([EpochMs, z.number()])), levels: z.array(z.number()) });
export type IndicatorCurve = z.output<typeof IndicatorCurveSchema>;

/** One market's part of a portfolio run. */
export const PortfolioMarketSchema = z.strictObject({
  symbol: z.string(),
  /** Its share of the account, 0..1 (the weights over their sum; 1/N without weights). */
  weight: z.number(),
  /** [bar open time, close], thinned like the run's curves: its fills are marked on it. */
  price: z.array(z.tuple([EpochMs, z.number()])),
  /** The strategy's indicators over this market (absent in runs stored before they were drawn). */
  indicators: z.array(IndicatorCurveSchema).optional(),
  /** Its bars over the run's range, as keel backtest's Portfolio table counts them (absent in runs stored before they were sent). */
  bars: z.number().int().optional(),
  fills: z.number().int(),
  /** Closed round trips. */
  trades: z.number().int(),
  /** Net of fees, quote asset, a position still open valued at the market's last close. */
  pnl: z.number(),
  buyHoldReturnPct: z.number().nullable(),
  /** The bars before the range its indicators read first, its own (the run's leadIn is the largest market's; absent in runs stored before they were sent). */
  leadIn: z.number().int().min(0).optional(),
});
export type PortfolioMarket = z.output<typeof PortfolioMarketSchema>;

export const BacktestResultSchema = BacktestSummarySchema.extend({
  /** `symbol` only in a portfolio run, saying which market each fill was in; `exit` only on a protective exit's fill, saying which. */
  fills: z.array(z.strictObject({ ts: EpochMs, side: z.enum(['buy', 'sell']), price: z.number(), qty: z.number(), fee: z.number(), symbol: z.string().optional(), exit: z.enum(EXIT_REASONS).optional() })),
  /** [bar open time, equity at its close], thinned to a drawable number of points (each stretch's extremes kept). */
  equity: z.array(z.tuple([EpochMs, z.number()])),
  /** [bar open time, drawdown % (0 or below)], thinned the same way. */
  drawdown: z.array(z.tuple([EpochMs, z.number()])),
  /** [bar open time, close] of the market the run traded, thinned the same way: the trades are marked on it. */
  price: z.array(z.tuple([EpochMs, z.number()])),
  /** The strategy's indicators at the price's points, drawn with it (absent in runs stored before they were drawn; empty for a strategy that declares none). */
  indicators: z.array(IndicatorCurveSchema).optional(),
  /** The first round trips, oldest first (at most a few thousand: the UI lists them). */
  trades: z.array(BacktestTradeSchema),
  /** Every round trip of the run, the one still open at the end included. */
  tradeCount: z.number().int(),
  /**
   * Every trade of the run by why it ended (exitBreakdown): counted over all of them, not only the ones
   * listed. Absent in runs stored before exits were recorded.
   */
  exitRows: z
    .array(z.strictObject({ reason: z.enum(EXIT_REASONS), tag: z.string().optional(), trades: z.number().int(), winRatePct: z.number(), pnl: z.number(), avgPnl: z.number(), avgReturnPct: z.number() }))
    .optional(),
  /**
   * Every closed trade of the run by side (sideBreakdown), long and short, sides without one left out;
   * profitFactor null without a losing trade. Absent in runs stored before shorts could be run.
   */
  sideRows: z
    .array(z.strictObject({ side: z.enum(['long', 'short']), trades: z.number().int(), winRatePct: z.number(), pnl: z.number(), avgPnl: z.number(), avgReturnPct: z.number(), profitFactor: z.number().nullable() }))
    .optional(),
  /**
   * Every closed trade by the tag of the order that opened it (entryTagBreakdown), most trades first, the
   * untagged as tag null; empty when no entry was tagged. Absent in runs stored before orders had tags.
   */
  entryTagRows: z
    .array(z.strictObject({ tag: z.string().nullable(), trades: z.number().int(), winRatePct: z.number(), pnl: z.number(), avgPnl: z.number(), avgReturnPct: z.number(), profitFactor: z.number().nullable() }))
    .optional(),
  /** What the run said beside its numbers: kill-switch pulls, refusals, strategy remarks. */
  notes: z.array(z.string()),
  /**
   * Bars before the run's range its strategy's indicators read first (its warm-up, or fewer where the data
   * has fewer), so it could act from the range's first bar; 0 when the range starts the data. Absent in runs
   * stored before runs read them.
   */
  leadIn: z.number().int().min(0).optional(),
  /** Each pull of the risk room's kill switch, oldest first: from the close it was pulled at to its re-arm (null: never). */
  halts: z.array(BacktestHaltSchema),
  /** The five deepest drawdowns, deepest first, as `keel backtest --json` lists them (absent in runs stored before they were). */
  drawdowns: z.array(DrawdownPeriodSchema).optional(),
  /** The Monte Carlo bands over every closed trade, as `keel backtest --monte-carlo N --seed S --json` writes them;
   *  null with 0 simulations or fewer than 2 closed trades (no spread to speak of). */
  monteCarlo: BacktestMonteCarloSchema.nullable(),
  /** A portfolio run's markets, the run's series first (empty for a run of one market). */
  markets: z.array(PortfolioMarketSchema),
  /**
   * The run's benchmark, [bar open time, value] at each of `equity`'s points: a portfolio's basket of its
   * markets in the run's weights, each bought at its first bar; one market's buy and hold (the capital buying
   * its first open, the fee on top, held), as the HTML report draws it. Empty in runs of one market stored
   * before it was sent.
   */
  basket: z.array(z.tuple([EpochMs, z.number()])),
});

/** What a finished run's report can be saved as: the HTML page, the JSON document, or its trades as CSV. */
export const REPORT_FORMATS = ['html', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a parameter search maximizes (keel backtest --objective). */
export const OPTIMIZE_OBJECTIVES = ['sharpe', 'sortino', 'return', 'cagr', 'calmar', 'profit-factor', 'expectancy'] as const;
export type OptimizeObjective = (typeof OPTIMIZE_OBJECTIVES)[number];

export const OptimizeId = z.string().regex(/^opt-[0-9]{1,12}$/, 'an optimization id such as opt-1');

/** A parameter search over a stored series: the base run (its params fill what the ranges leave out) and the ranges. */
// A search scores runs, it draws no Monte Carlo bands; its seed draws a random search's sets.
// With `portfolio`, every set is a portfolio run over all the markets from one account (keel backtest
// --portfolio --optimize): one parameter set tuned for the whole basket, as a trader runs it. With
// `detail`, every set's run fills inside the bars from the finer ones, as the run of a set then does.
export const OptimizeRequestSchema = BacktestRequestSchema.omit({ monteCarlo: true }).extend({
  /** The values to try, as keel backtest --grid takes them: "fast=5:50:5,slow=20|30|50". */
  ranges: z.string().min(1).max(2000),
  method: z.enum(['grid', 'random']).default('grid'),
  /** Random search: how many distinct sets to draw. */
  trials: z.number().int().min(1).max(5000).default(100),
  objective: z.enum(OPTIMIZE_OBJECTIVES).default('sharpe'),
  /** Percent of the bars kept out of the search; the best set is run there. 0: in-sample only. Not used when walking forward. */
  holdoutPct: z.number().min(0).max(75).default(25),
  /** Walk forward instead of holding bars out (keel backtest --walk-forward N --is-ratio R); null: a plain search. */
  walkForward: z
    .strictObject({
      /** Rolling folds: each optimizes on an in-sample stretch and runs the winner on the out-of-sample stretch after it. */
      folds: z.number().int().min(1).max(100),
      /** Each in-sample stretch's length as a multiple of its out-of-sample one. */
      isRatio: z.number().gt(0).max(20).default(3),
      /** Every in-sample stretch from the first bar (growing fold by fold) instead of rolling (keel backtest --anchored). */
      anchored: z.boolean().default(false),
    })
    .nullable()
    .default(null),
});
export type OptimizeRequest = z.output<typeof OptimizeRequestSchema>;

/** One parameter set as the search scored it over the in-sample bars. */
export const OptimizedSetSchema = z.strictObject({
  params: z.record(z.string(), z.number()),
  /** The objective; null where undefined (a Sharpe ratio without two days of returns). */
  score: z.number().nullable(),
  metrics: BacktestMetricsSchema,
});

/** A finished search in one line, for the list that compares searches: the set it would trade and how that held up out of sample. */
export const SearchHeadlineSchema = z.strictObject({
  /** The best set in sample; a walk-forward's is the last fold's winner (the one it would trade next). */
  params: z.record(z.string(), z.number()),
  /** The objective in sample; a walk-forward's is the mean over its folds. Null where undefined. */
  inSampleScore: z.number().nullable(),
  /** The objective on the held-out bars; a walk-forward's is the mean over its folds. Null with no holdout or where undefined. */
  outOfSampleScore: z.number().nullable(),
  /** The score is infinite (a profit factor with no losing trade, a Sortino ratio without a losing day), which JSON cannot carry: the score is then null. */
  inSampleInfinite: z.literal(true).optional(),
  outOfSampleInfinite: z.literal(true).optional(),
  /** Return on the held-out bars, percent; a walk-forward's is its stitched out-of-sample return. Null with no holdout. */
  outOfSampleReturnPct: z.number().nullable(),
  /** Warnings that the best does not hold out of sample (or that there was no out-of-sample check). */
  warnings: z.number().int().min(0),
});

export const OptimizeSummarySchema = z.strictObject({
  runId: OptimizeId,
  status: BacktestStatusSchema,
  request: OptimizeRequestSchema,
  startedAt: EpochMs,
  /** 0..1. */
  progress: z.number().min(0).max(1),
  error: z.string().nullable(),
  /** Why the journal could not keep this ended search (a full disk): it is listed only until Keel closes. Null when kept; optional. */
  notKept: z.string().nullable().optional(),
  /** Null until done; a search cancelled partway has the headline of what ran (`partial`), with nothing out of sample a holdout search did not reach. */
  headline: SearchHeadlineSchema.nullable(),
  /**
   * A search cancelled after some of its sets ran (a walk-forward: some folds): `done` of the `planned` sets
   * (folds) ran, and its ranking, folds and headline are over those only. Null for any other search (one
   * cancelled before any set finished has nothing to show).
   */
  partial: z.strictObject({ done: z.number().int().min(1), planned: z.number().int().min(1), unit: z.enum(['sets', 'folds']) }).nullable(),
});

export const OptimizationSchema = OptimizeSummarySchema.extend({
  /** Best first: every set tried, up to a few thousand. */
  sets: z.array(OptimizedSetSchema),
  setCount: z.number().int(),
  /** Bar open times the search was scored on, inclusive; null until done (or cancelled with nothing run). */
  inSample: z.strictObject({ from: EpochMs, to: EpochMs }).nullable(),
  /** The best set over the held-out bars; null with no holdout (or until done, or cancelled before the best was run there). */
  outOfSample: z.strictObject({ from: EpochMs, to: EpochMs, score: z.number().nullable(), metrics: BacktestMetricsSchema }).nullable(),
  /** Whether the best holds out of sample, or that the result is in-sample only (a walk-forward's warnings when walking forward). */
  warnings: z.array(z.string()),
  /** The walk-forward, when the request asked for one (then sets is empty and inSample, outOfSample null); null otherwise or until done. */
  walkForward: z
    .strictObject({
      /** Oldest first; times are bar open times, inclusive. */
      folds: z.array(
        z.strictObject({
          inSample: z.strictObject({ from: EpochMs, to: EpochMs }),
          outOfSample: z.strictObject({ from: EpochMs, to: EpochMs }),
          /** The set that scored best in sample, run untouched out of sample. */
          params: z.record(z.string(), z.number()),
          inSampleScore: z.number().nullable(),
          outOfSampleScore: z.number().nullable(),
          inSampleMetrics: BacktestMetricsSchema,
          outOfSampleMetrics: BacktestMetricsSchema,
        }),
      ),
      /** [bar open time, equity] of the out-of-sample runs stitched (each fold continuing from the last), thinned to a drawable number of points. */
      equity: z.array(z.tuple([EpochMs, z.number()])),
      /** Compounded out-of-sample return, percent. */
      outOfSampleReturnPct: z.number(),
      /** Mean out-of-sample score over mean in-sample score (1: held up fully); null when undefined (the in-sample mean is not above 0). */
      efficiency: z.number().nullable(),
      warnings: z.array(z.string()),
    })
    .nullable(),
});

export const backtestCommands = {
  'backtest.strategies': {
    request: Empty,
    response: z.strictObject({ strategies: z.array(StrategyInfoSchema), problems: z.array(StrategyProblemSchema), modes: z.array(z.enum(RISK_MODES)) }),
  },
  /** Checks the request (strategy, parameters, series, range) and starts the run; refusals say what is valid. */
  'backtest.run': { request: BacktestRequestSchema, response: z.strictObject({ runId: RunId }) },
  /**
   * Several runs at once to compare side by side (strategies × risk modes × series, as keel backtest
   * --strategy a,b --mode x,y --symbol S,T): every request is checked before any starts, so a refusal (naming the run) starts none.
   * Beyond the machine's cores they wait queued. Ids in the requests' order.
   */
  'backtest.runMany': {
    request: z.strictObject({ runs: z.array(BacktestRequestSchema).min(1, 'give at least one run').max(RUN_MANY_MAX, `at most ${RUN_MANY_MAX} runs at once`) }),
    response: z.strictObject({ runIds: z.array(RunId) }),
  },
  'backtest.cancel': { request: z.strictObject({ runId: RunId }), response: BacktestSummarySchema },
  'backtest.result': { request: z.strictObject({ runId: RunId }), response: BacktestResultSchema },
  'backtest.list': { request: Empty, response: z.strictObject({ runs: z.array(BacktestSummarySchema) }) },
  /**
   * A finished run's whole report, the text `keel backtest --json FILE`, `--html FILE` or `--trades-csv FILE`
   * (csv: every round trip, one row each) writes for the same run, and a file name for it.
   */
  'backtest.report': {
    request: z.strictObject({ runId: RunId, format: z.enum(REPORT_FORMATS) }),
    response: z.strictObject({ fileName: z.string(), content: z.string() }),
  },
  /**
   * Stops the report being made for a run (backtest.report), which then fails saying it was cancelled.
   * `cancelled` is false when none was being made (it had finished, or was never asked for).
   */
  'backtest.reportCancel': { request: z.strictObject({ runId: RunId }), response: z.strictObject({ cancelled: z.boolean() }) },
  /**
   * A finished run's bars at full resolution from `from` to `to` (open times, inclusive) in one market it
   * traded (its series' by default), with the strategy's indicators at each, as computed for the run from its
   * first bar: the trade chart's candles around a trade. `withLeadIn`: the bars the run's indicators read
   * before its range (its warm-up, the result's `leadIn`) count too, so `from` may lie before the range:
   * the price chart draws them set apart. At most 10,000 bars (`cut`: the stretch had more; the lead-in's
   * oldest are left out first, then the stretch's last).
   */
  'backtest.window': {
    request: z.strictObject({ runId: RunId, symbol: z.string().optional(), from: EpochMs, to: EpochMs, withLeadIn: z.boolean().optional() }),
    response: z.strictObject({
      symbol: z.string(),
      candles: z.array(z.tuple([EpochMs, z.number(), z.number(), z.number(), z.number()])),
      indicators: z.array(IndicatorCurveSchema),
      cut: z.boolean(),
      /** How many of `candles`, the first ones, lie before the run's range: the next one (if any) is the range's first bar. */
      leadIn: z.number().int().min(0),
    }),
  },
  /** Checks the request (strategy, ranges, series, range) and starts the search in worker threads; refusals say what is valid. */
  'backtest.optimize': { request: OptimizeRequestSchema, response: z.strictObject({ runId: OptimizeId }) },
  'backtest.optimizeCancel': { request: z.strictObject({ runId: OptimizeId }), response: OptimizeSummarySchema },
  'backtest.optimization': { request: z.strictObject({ runId: OptimizeId }), response: OptimizationSchema },
  /** The searches of this session (the latest few), newest first, each with its headline once done. */
  'backtest.optimizations': { request: Empty, response: z.strictObject({ searches: z.array(OptimizeSummarySchema) }) },
} as const satisfies CommandTable;

export const backtestEvents = {
  /** A run moved on (at most a few times a second). */
  'backtest.progress': z.strictObject({ runId: RunId, done: z.number().int(), total: z.number().int() }),
  /** A run ended: done (with its metrics), failed (with the reason) or cancelled (a queued one too, without starting). */
  'backtest.done': BacktestSummarySchema,
  /** A finished run's report (backtest.report) moved on while its run is made again: bars, then Monte Carlo simulations. */
  'backtest.reportProgress': z.strictObject({ runId: RunId, format: z.enum(REPORT_FORMATS), done: z.number().int(), total: z.number().int() }),
  /** A parameter search moved on: sets run of all (the held-out check counts as one; a walk-forward runs folds × (sets + 1)). */
  'backtest.optimizeProgress': z.strictObject({ runId: OptimizeId, done: z.number().int(), total: z.number().int() }),
  /** A parameter search ended: done, failed (with the reason) or cancelled (with `partial` when some sets had run). */
  'backtest.optimized': OptimizeSummarySchema,
} as const;
