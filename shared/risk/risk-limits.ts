// The risk engine's limits and modes, shared by the engine (which enforces them) and the UI (which shows
// and edits them). Plain numbers, JSON-safe. Percentages are written as percent (1 is 1 %).
//
// A mode owns four figures (MODE_KEYS): the risk per trade, its ceiling for high-confidence AI signals,
// the number of concurrent positions and the AI confidence floor. Every other limit is the account's own
// and stays the same whichever mode is on. `custom` lets the user set the mode's four figures too.

export const RISK_MODES = ['conservative', 'moderate', 'aggressive', 'custom'] as const;
export type RiskMode = (typeof RISK_MODES)[number];
export type PresetMode = Exclude<RiskMode, 'custom'>;

export interface RiskLimits {
  /** Risk per trade: distance to the stop × qty, as % of equity. */
  riskPerTradePct: number;
  /** AI orders more confident than the floor may risk up to this (aggressive: larger size on high-confidence signals). */
  riskPerTradeMaxPct: number;
  /** An order without a stop is sized as if its stop were this far away (%); null refuses such orders (unless an ATR stop applies). */
  defaultStopPct: number | null;
  /** Volatility-adjusted default stop: k × ATR(14) of recent candles; null leaves it to defaultStopPct. */
  defaultStopAtr: number | null;
  /** One ledger's position in one market, open orders included, in the quote asset. */
  maxPositionNotional: number;
  /** Every position and open order, worst case, in the quote asset. */
  maxTotalExposure: number;
  maxConcurrentPositions: number;
  maxOrdersPerMinute: number;
  /** Loss since the start of the calendar day (realized + unrealized), % of the day's starting equity. */
  dailyLossLimitPct: number;
  /** Drop from the equity peak, %. */
  maxDrawdownPct: number;
  /**
   * What a daily-loss or drawdown breach does besides cancelling entries and blocking new ones: false leaves
   * open positions to their stops and exits (Freqtrade's protections, Hummingbot's kill switch); true closes
   * them at once, as TradingView's strategy.risk.max_drawdown and max_intraday_loss do, so the loss stops near
   * the limit instead of riding a position with no stop down past it.
   */
  closeOnLossLimit: boolean;
  /** Symbols that may be traded; null: any. */
  symbolAllowlist: string[] | null;
  /** Total exposure ÷ equity. */
  maxLeverage: number;
  /** Refuse a price further than this (%) from the last trade. */
  fatFingerPct: number;
  /** AI-originated orders need at least this confidence (%). */
  minAiConfidencePct: number;
  /** This many losing trades in a row start a cooldown. */
  lossStreakLimit: number;
  lossStreakCooldownMinutes: number;
  /** Positions whose returns correlate at least this much count together. */
  correlationThreshold: number;
  /** Cap on one correlated group's exposure, in the quote asset. */
  maxCorrelatedExposure: number;
  /** IANA time zone of the user's calendar day (daily loss). */
  timeZone: string;
}

export type ModeKey = 'riskPerTradePct' | 'riskPerTradeMaxPct' | 'maxConcurrentPositions' | 'minAiConfidencePct';
export const MODE_KEYS: readonly ModeKey[] = ['riskPerTradePct', 'riskPerTradeMaxPct', 'maxConcurrentPositions', 'minAiConfidencePct'];
export type ModeFigures = Pick<RiskLimits, ModeKey>;

export const MODE_FIGURES: Readonly<Record<PresetMode, Readonly<ModeFigures>>> = {
  conservative: { riskPerTradePct: 1, riskPerTradeMaxPct: 1, maxConcurrentPositions: 3, minAiConfidencePct: 75 },
  moderate: { riskPerTradePct: 2, riskPerTradeMaxPct: 2, maxConcurrentPositions: 5, minAiConfidencePct: 70 },
  aggressive: { riskPerTradePct: 3, riskPerTradeMaxPct: 5, maxConcurrentPositions: 8, minAiConfidencePct: 80 },
};

export const DEFAULT_MODE: RiskMode = 'moderate';

export const DEFAULT_LIMITS: Readonly<RiskLimits> = {
  ...MODE_FIGURES.moderate,
  defaultStopPct: 2,
  defaultStopAtr: null,
  maxPositionNotional: 1_000_000,
  maxTotalExposure: 1_000_000,
  maxOrdersPerMinute: 60,
  dailyLossLimitPct: 5,
  maxDrawdownPct: 20,
  closeOnLossLimit: false,
  symbolAllowlist: null,
  maxLeverage: 3,
  fatFingerPct: 10,
  lossStreakLimit: 3,
  lossStreakCooldownMinutes: 60,
  correlationThreshold: 0.8,
  maxCorrelatedExposure: 1_000_000,
  timeZone: 'UTC',
};

/** The limits in force: a preset mode's figures over the account's own limits. */
export function effectiveLimits(mode: RiskMode, stored: RiskLimits): RiskLimits {
  return mode === 'custom' ? stored : { ...stored, ...MODE_FIGURES[mode] };
}

/**
 * The risk a trade may take (% of equity): the mode's figure, rising toward riskPerTradeMaxPct for AI
 * signals the more their confidence exceeds the floor (100 % confidence gets the ceiling).
 */
export function allowedRiskPct(limits: Pick<RiskLimits, 'riskPerTradePct' | 'riskPerTradeMaxPct' | 'minAiConfidencePct'>, aiConfidence: number | null): number {
  const base = limits.riskPerTradePct;
  const top = Math.max(base, limits.riskPerTradeMaxPct);
  if (aiConfidence === null || top === base) return base;
  const floor = limits.minAiConfidencePct / 100;
  if (aiConfidence <= floor || floor >= 1) return base;
  return base + ((top - base) * (Math.min(1, aiConfidence) - floor)) / (1 - floor);
}

export const LIMIT_LABELS: Readonly<Record<keyof RiskLimits, string>> = {
  riskPerTradePct: 'Risk per trade',
  riskPerTradeMaxPct: 'Risk per trade, high-confidence AI',
  defaultStopPct: 'Default stop distance',
  defaultStopAtr: 'Default stop, ATR multiple',
  maxPositionNotional: 'Max position notional',
  maxTotalExposure: 'Max total exposure',
  maxConcurrentPositions: 'Max concurrent positions',
  maxOrdersPerMinute: 'Max orders per minute',
  dailyLossLimitPct: 'Daily loss limit',
  maxDrawdownPct: 'Max drawdown',
  closeOnLossLimit: 'Close positions at a loss limit',
  symbolAllowlist: 'Symbol allowlist',
  maxLeverage: 'Leverage cap',
  fatFingerPct: 'Fat-finger guard',
  minAiConfidencePct: 'AI confidence floor',
  lossStreakLimit: 'Losing trades before a cooldown',
  lossStreakCooldownMinutes: 'Cooldown',
  correlationThreshold: 'Correlation threshold',
  maxCorrelatedExposure: 'Max correlated exposure',
  timeZone: 'Time zone',
};
