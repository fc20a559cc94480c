// Commands for running strategies in the app, on paper (or on the armed live account): the same strategy
// code a backtest runs, fed by the active market's closed candles instead of stored ones.
//
// - strategy.catalog  → the strategies (built-in, then the trader's own files with the problems of any that
//                       failed to load), their parameters (type, default, range) and what they do;
// - strategy.start    → { strategy, params, series?, stopLossPct?, takeProfitPct?, trailingStopPct?, direction? }: checks the parameters (an unknown name or a value out
//                       of range is refused with what is valid), takes the selected market's series unless
//                       `series` names another symbol or timeframe the active source serves, and starts it
//                       on the engine the trading.* commands act on now. Its orders have origin
//                       strategy:<id> and its positions and P&L their own ledger, strategy:<id>; a second
//                       run of the same strategy gets the id <name>#2 (and so on). `direction` short or
//                       both needs a margin account: on a spot account the start is refused, naming it;
// - strategy.stop     → { id }: stops it; its orders and positions stay as they are (close them from the
//                       positions table: ledger strategy:<id>);
// - strategy.running  → every running strategy with its status, notes and ledger.
// Event strategy.state: one strategy's state when it starts, closes a bar, fills, writes a note, is halted
// or resumes, and when it stops (status "stopped", with the reason).
//
// Paper strategies are saved and started again when Keel starts; strategies on a live account never are.
// Arming or disarming live trading stops every running strategy (their account is no longer the one the
// app trades): the strategy.state events and the audit log say so.
import { z } from 'zod';
import { DIRECTIONS } from '../../domain/direction.ts';
import { RISK_MODES } from '../../risk/risk-limits.ts';
import { DecimalString } from '../../trading/orders.ts';
import { MarketSelectionSchema } from '../market-schemas.ts';
import { EpochMs, SymbolSchema, TimeframeSchema } from '../schemas.ts';
import { StopLossPctSchema, StrategyInfoSchema, StrategyProblemSchema, TakeProfitPctSchema, TrailingStopPctSchema } from './backtest.ts';
import { Empty, type CommandTable } from './command-table.ts';

/** sma-cross, sma-cross#2: the origin id of its orders; its ledger is strategy:<id>. */
export const StrategyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}(#[0-9]{1,6})?$/, 'a running strategy id such as sma-cross or sma-cross#2');

/**
 * warming: fewer closed bars than its indicators need; running; failing: its code threw at its latest bar
 * (and every bar since it first did), though it keeps hearing bars; waiting: its market's source is not the
 * active one, or the active one sends no candles now (a replay that has played its last, an exchange
 * offline), so no candles come; halted: the kill switch (or the circuit breaker, or a losing streak's
 * cooldown) refuses its entries (exits still pass); stopped: in the last strategy.state event of a strategy.
 */
const DIRECTION_VALID = 'the sides the strategy may take: long (long or flat), short (short or flat) or both; short and both need a margin account';

/** Which sides a running strategy may take (StrategyContext.direction): long (the default), short or both. */
export const StrategyDirectionSchema = z.enum(DIRECTIONS, { error: DIRECTION_VALID });

export const StrategyStatusSchema = z.enum(['warming', 'running', 'failing', 'waiting', 'halted', 'stopped']);

/** What halts a strategy's entries: the risk rule that refuses them while it lasts (its id, as in `refusedBy`). */
export const HALT_KINDS = ['kill-switch', 'circuit-breaker', 'loss-streak-cooldown'] as const;
export const StrategyHaltKindSchema = z.enum(HALT_KINDS);
export type StrategyHaltKind = z.infer<typeof StrategyHaltKindSchema>;

/**
 * An indicator a running strategy declared, as the strategy wrote it: the app draws the ones its chart
 * knows on the chart (`output`: the line of a band it reads, null for its first; `source`: the bar field it
 * reads; `levels`: the values it acts at).
 */
/** A running strategy's declared indicator; `timeframe` a longer one it is computed on (null: the strategy's own bars). */
export const StrategyIndicatorSchema = z.strictObject({ name: z.string(), params: z.record(z.string(), z.number()), output: z.string().nullable(), source: z.string(), levels: z.array(z.number()), timeframe: z.string().nullable().optional() });
export type StrategyIndicator = z.infer<typeof StrategyIndicatorSchema>;

export const RunningStrategySchema = z.strictObject({
  id: StrategyIdSchema,
  strategy: z.string(),
  /** Every parameter, defaults filled in. */
  params: z.record(z.string(), z.number()),
  /** The source, exchange, symbol and timeframe it trades on. */
  series: MarketSelectionSchema,
  /** The engine's account it trades on: "paper", or the armed live account ("binance:main"). */
  account: z.string(),
  /** The risk mode when it started and the share of equity an entry may take under it (0..1). */
  mode: z.enum(RISK_MODES),
  positionShare: z.number(),
  /** The protective exits each of its entries gets (percent from the entry's price; null: none). */
  exits: z.strictObject({ stopLossPct: StopLossPctSchema, takeProfitPct: TakeProfitPctSchema, trailingStopPct: TrailingStopPctSchema.optional() }),
  /** The sides it may take: long or flat, short or flat (margin), or both (margin). */
  direction: StrategyDirectionSchema,
  startedAt: EpochMs,
  status: StrategyStatusSchema,
  /** The status in words: "warming up: 12 of 30 bars", "halted: kill switch engaged (...)". */
  statusText: z.string(),
  /**
   * While halted, what halts it, as data: the kill switch, the circuit breaker or a losing streak's
   * cooldown; null when it is not halted (or absent, from an older engine). The row reads it, not the
   * status's words.
   */
  haltedBy: StrategyHaltKindSchema.nullable().optional(),
  /**
   * Once stopped, who stopped it, as data: the user (its Stop), or Keel (live trading armed or disarmed,
   * its code failing); null while it runs (or absent, from an older engine). The panel tells a user's own
   * stop from one that needs their eye by this, not by the status's words.
   */
  stoppedBy: z.enum(['user', 'keel']).nullable().optional(),
  /** The indicators it declared, in its order. */
  indicators: z.array(StrategyIndicatorSchema),
  /** Closed bars seen since it started, and how many its indicators need first. */
  bars: z.number().int(),
  warmup: z.number().int(),
  /** Closed bars it holds before it is running (warmup + 1, or warmup when its warm-up was read from history): "warming 12/30". */
  barsNeeded: z.number().int(),
  lastBarAt: EpochMs.nullable(),
  /** Its latest notes, refusals and errors, oldest first. */
  notes: z.array(z.string()),
  /**
   * When its latest note is a refusal, what refused the order: the risk rule's id ('kill-switch',
   * 'loss-streak-cooldown', 'circuit-breaker', 'risk-per-trade', …) or the engine's reason
   * ('insufficient-funds', 'direction', 'invalid-order', …: shared/trading/refusal-kind.ts). Null (or absent,
   * from an older engine) when the latest note is anything else. The row reads it, not the note's words.
   */
  refusedBy: z.string().min(1).max(64).nullable().optional(),
  /** "strategy:<id>". */
  ledger: z.string(),
  /** Its ledger's position in the symbol (qty 0 when flat). */
  position: z.strictObject({
    qty: DecimalString,
    avgEntryPrice: DecimalString.nullable(),
    realizedPnl: DecimalString,
    unrealizedPnl: DecimalString,
    feesPaid: DecimalString,
    /** The price it is valued at; null before one has come (after a restart): its unrealized P&L is not known, not 0. */
    markPrice: DecimalString.nullable().optional(),
  }),
});
export type RunningStrategy = z.infer<typeof RunningStrategySchema>;

export const StrategyStartSchema = z.strictObject({
  strategy: z.string().min(1).max(64),
  params: z.record(z.string().max(64), z.number()).default({}),
  /** Another symbol or timeframe of the active source; default the selected market. */
  series: z.strictObject({ symbol: SymbolSchema, timeframe: TimeframeSchema }).optional(),
  /**
   * A stop-loss and take-profit on each of its entries, percent from the price the entry fills at: the
   * engine sets and places them as the entry's bracket when it fills, as in a backtest with the same exits.
   */
  stopLossPct: StopLossPctSchema.default(null),
  takeProfitPct: TakeProfitPctSchema.default(null),
  trailingStopPct: TrailingStopPctSchema.default(null),
  /**
   * Which sides it may take: long or flat (the default), short or flat, or both; short and both sell
   * shorts with 1× collateral, so they need a margin account (on a spot account the start is refused).
   */
  direction: StrategyDirectionSchema.default('long'),
});

export const strategyCommands = {
  'strategy.catalog': { request: Empty, response: z.strictObject({ strategies: z.array(StrategyInfoSchema), problems: z.array(StrategyProblemSchema) }) },
  'strategy.start': { request: StrategyStartSchema, response: RunningStrategySchema },
  'strategy.stop': { request: z.strictObject({ id: StrategyIdSchema }), response: RunningStrategySchema },
  'strategy.running': { request: Empty, response: z.strictObject({ strategies: z.array(RunningStrategySchema) }) },
} as const satisfies CommandTable;

export const strategyEvents = {
  /** One strategy's state changed; status "stopped" (with the reason in statusText) is its last. */
  'strategy.state': RunningStrategySchema,
} as const satisfies Record<string, z.ZodType>;
