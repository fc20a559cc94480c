// The risk engine's values as they cross the bridge: limits, the state with its gauges, risk events and
// account growth projections. The checks with readable messages live in shared/risk/validate-limits.ts:
// the schemas here only say the shape, so a wrong number gets the clear message, not a schema dump.
import { z } from 'zod';
import { RISK_MODES } from '../risk/risk-limits.ts';
import { EpochMs, SymbolSchema } from './schemas.ts';

export const RiskModeSchema = z.enum(RISK_MODES);

export const RiskLimitsSchema = z.strictObject({
  riskPerTradePct: z.number(),
  riskPerTradeMaxPct: z.number(),
  defaultStopPct: z.number().nullable(),
  defaultStopAtr: z.number().nullable(),
  maxPositionNotional: z.number(),
  maxTotalExposure: z.number(),
  maxConcurrentPositions: z.number(),
  maxOrdersPerMinute: z.number(),
  dailyLossLimitPct: z.number(),
  maxDrawdownPct: z.number(),
  closeOnLossLimit: z.boolean(),
  symbolAllowlist: z.array(SymbolSchema).max(500).nullable(),
  maxLeverage: z.number(),
  fatFingerPct: z.number(),
  minAiConfidencePct: z.number(),
  lossStreakLimit: z.number(),
  lossStreakCooldownMinutes: z.number(),
  correlationThreshold: z.number(),
  maxCorrelatedExposure: z.number(),
  timeZone: z.string().max(64),
});

/** One limit and how much of it is in use now, for a gauge. */
export const RiskGaugeSchema = z.strictObject({
  /** The rule's name (as refusals name it). */
  rule: z.string(),
  label: z.string(),
  used: z.number(),
  limit: z.number(),
  unit: z.enum(['pct', 'quote', 'count', 'ratio', 'minutes']),
  /** The figures in words: "2 of 5 positions". */
  text: z.string(),
});

export const KillStateSchema = z.strictObject({
  /** Engaged: every order was cancelled and new entries are blocked until the user re-arms. */
  engaged: z.boolean(),
  at: EpochMs.nullable(),
  reason: z.string().nullable(),
  /** Who pulled it: user, system. */
  by: z.string().nullable(),
  /** Through what: ui, tray, shortcut, cli, daily-loss, drawdown, margin-call (every position closed), circuit-breaker. */
  via: z.string().nullable(),
  flatten: z.boolean(),
});

export const CircuitStateSchema = z.strictObject({
  /** closed: trading normally; open: new orders halted; recovering: the exchange answers, reconciliation pending. */
  state: z.enum(['closed', 'open', 'recovering']),
  reason: z.string().nullable(),
  since: EpochMs.nullable(),
  /** Consecutive exchange errors so far. */
  errors: z.number().int().min(0),
});

export const RiskStateSchema = z.strictObject({
  mode: RiskModeSchema,
  /** The limits in force (the mode's figures applied). */
  limits: RiskLimitsSchema,
  /** ok; halted (kill switch); error (circuit breaker open). */
  status: z.enum(['ok', 'halted', 'error']),
  kill: KillStateSchema,
  circuit: CircuitStateSchema,
  gauges: z.array(RiskGaugeSchema),
  quoteAsset: z.string(),
  equity: z.number(),
  dayStartEquity: z.number().nullable(),
  peakEquity: z.number().nullable(),
  /** The calendar day the daily loss counts from, in the limits' time zone (YYYY-MM-DD). */
  day: z.string().nullable(),
  /** Loss-streak cooldown: entries blocked until then. */
  cooldownUntil: EpochMs.nullable(),
  updatedAt: EpochMs,
});

export const RiskEventKindSchema = z.enum(['refusal', 'kill', 'rearm', 'breach', 'circuit', 'mode', 'limits']);

export const RiskEventSchema = z.strictObject({
  /** The audit log's sequence number (null when no audit log is kept, as in a backtest). */
  seq: z.number().int().nullable(),
  ts: EpochMs,
  kind: RiskEventKindSchema,
  /** user, ai, system or strategy:<id>. */
  actor: z.string(),
  /** The rule that refused or triggered, when one did. */
  rule: z.string().nullable(),
  level: z.enum(['info', 'warn', 'alert']),
  message: z.string(),
  /**
   * The account whose risk room recorded it: paper, or a live account's id (binance:main). The log holds
   * every account's events, and a desktop alert is read without the window. Null: recorded before events
   * named their account.
   */
  account: z.string().nullable(),
});

export const ProjectionRequestSchema = z.strictObject({
  /** Default: the mode in force. */
  mode: RiskModeSchema.optional(),
  startBalance: z.number().gt(0).max(1e12).default(100),
  targets: z.array(z.number().gt(0).max(1e15)).max(6).default([500, 1000, 5000]),
  trades: z.number().int().min(1).max(2000).default(250),
  paths: z.number().int().min(100).max(20_000).default(5000),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  /** Ruin: the balance falls to this % of the start or below. */
  ruinPct: z.number().gt(0).lt(100).default(50),
  /** Trade returns in R (profit ÷ risk taken), e.g. from a backtest; default: the journal's closed trades. */
  returns: z.array(z.number().min(-100).max(100)).min(5).max(100_000).optional(),
});

export const ProjectionSchema = z.strictObject({
  mode: RiskModeSchema,
  riskPerTradePct: z.number(),
  /** Where the trade returns came from, in words; `assumption` is labelled as such on screen. */
  source: z.strictObject({ kind: z.enum(['request', 'journal', 'assumption']), label: z.string(), trades: z.number().int() }),
  startBalance: z.number(),
  trades: z.number().int(),
  paths: z.number().int(),
  /** Trade numbers of the percentile points (0 = start). */
  steps: z.array(z.number().int()),
  /** Balance percentiles at each step: p5, p25, p50, p75, p95. */
  percentiles: z.strictObject({ p5: z.array(z.number()), p25: z.array(z.number()), p50: z.array(z.number()), p75: z.array(z.number()), p95: z.array(z.number()) }),
  /** Chance of reaching each target at any point within the trades. */
  targets: z.array(z.strictObject({ target: z.number(), probability: z.number() })),
  ruinPct: z.number(),
  ruinProbability: z.number(),
  /** Max drawdown per path, %: its mean and the worst 5 % (95th percentile). */
  expectedMaxDrawdownPct: z.number(),
  worst5MaxDrawdownPct: z.number(),
  medianFinal: z.number(),
});
