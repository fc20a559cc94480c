// Risk in a backtest: the risk room's own RiskService (electron/risk) with the chosen mode, the same rules
// and gate as paper and live trading, on memory settings. What a mode means is the risk room's: each
// preset sets the risk per trade (1%, 2%, 3% of equity), the concurrent positions and the AI floor;
// the other limits are the account defaults (daily loss 5%, drawdown 20%, ...), the money caps raised
// to suit the run's capital (limitsForCapital).
//
// Strategies size their entries from the mode: an order without a stop is treated by the risk-per-trade
// rule as if its stop were defaultStopPct away, so the largest position the mode admits is
// riskPerTradePct / defaultStopPct of equity (conservative 50%, moderate 100%); a spot account cannot
// hold more than its cash, so that share is capped at 100%. The custom mode takes the share the user
// gives (--position-pct) and sets the risk per trade to match.
import { decimalNumber } from '../../shared/domain/decimal-text.ts';
import { didYouMean, nearestName } from '../../shared/domain/nearest-name.ts';
import { REARM_MAX_DAYS } from '../../shared/contract/commands/backtest.ts';
import { DEFAULT_LIMITS, effectiveLimits, LIMIT_LABELS, MODE_FIGURES, RISK_MODES, type RiskLimits, type RiskMode } from '../../shared/risk/risk-limits.ts';
import { applyLimitsPatch, limitRangeText, type LimitsPatch } from '../../shared/risk/validate-limits.ts';

export { RISK_MODES, type RiskMode };

export interface RiskModeSettings {
  mode: RiskMode;
  /** 0..1: the most of equity one strategy's entry may be worth. */
  positionShare: number;
  /** The limits the risk room enforces in this mode (UTC calendar days: market time has no zone). */
  limits: RiskLimits;
  /**
   * A kill switch a drawdown breach pulled is re-armed at the start of this many UTC days after the day it
   * was pulled (1: the next day), with the drawdown counted again from there, as when a trader re-arms it.
   * Null or absent: never, as in live trading, where only the trader re-arms it (keel backtest --rearm-after).
   */
  rearmAfterDays?: number | null | undefined;
  /**
   * The money caps (largest position, total and correlated exposure) left at the account defaults, not set
   * by --limits: a backtest raises those to suit its capital (limitsForCapital). Absent: none are.
   */
  defaultMoneyCaps?: readonly MoneyCap[];
}

/** The limits that are amounts of the quote asset, not shares of equity. */
export const MONEY_CAPS = ['maxPositionNotional', 'maxTotalExposure', 'maxCorrelatedExposure'] as const;
export type MoneyCap = (typeof MONEY_CAPS)[number];

/** How many times its capital an account's money caps allow: the defaults' 1,000,000 over a 100,000 account. */
export const CAPS_PER_CAPITAL = 10;
/** The highest a money cap may be (the risk room's validation). */
const MONEY_CAP_MAX = 1e12;

/**
 * The limits a run at `capital` enforces. The account defaults cap a position at 1,000,000 USDT, sized for
 * a live account; a backtest of 10,000,000 under them would have every entry refused, though nothing in its
 * mode asked for that. So the caps the trader did not set are raised to ten times the capital (room to grow
 * tenfold, as the defaults give a 100,000 account), never below the defaults; ones set by --limits stay.
 */
export function limitsForCapital(settings: RiskModeSettings, capital: number): RiskLimits {
  const caps = settings.defaultMoneyCaps ?? [];
  const scaled = Math.min(MONEY_CAP_MAX, capital * CAPS_PER_CAPITAL);
  if (caps.length === 0 || !(scaled > 0)) return settings.limits;
  const limits = { ...settings.limits };
  for (const k of caps) if (scaled > limits[k]) limits[k] = scaled;
  return limits;
}

/** The settings with the drawdown re-arm policy: whole days, 1 to REARM_MAX_DAYS, or null for never. */
export function withRearm(settings: RiskModeSettings, days: number | null): RiskModeSettings {
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= REARM_MAX_DAYS)) {
    throw new RangeError(`the re-arm delay after a drawdown breach must be whole days, 1 to ${REARM_MAX_DAYS} (or never), got ${days}`);
  }
  return { ...settings, rearmAfterDays: days };
}

export function isRiskMode(v: string): v is RiskMode {
  return (RISK_MODES as readonly string[]).includes(v);
}

export function parseRiskMode(v: string): RiskMode {
  if (isRiskMode(v)) return v;
  throw new RangeError(`unknown risk mode "${v}"${didYouMean(v, RISK_MODES)}; modes: ${RISK_MODES.join(', ')}`);
}

/**
 * The most of equity one strategy's entry may be worth under `limits`: an entry without a stop counts as
 * risking defaultStopPct (2% when the stop is ATR-based instead), so riskPerTradePct / defaultStopPct, at
 * most all of it (spot). The app's running strategies size from the limits in force the same way.
 */
export function positionShareOf(limits: Pick<RiskLimits, 'riskPerTradePct' | 'defaultStopPct'>): number {
  return Math.min(1, limits.riskPerTradePct / (limits.defaultStopPct ?? 2));
}

/**
 * The mode's settings; `overrides` change the account's own limits (--limits dailyLossLimitPct=10,...),
 * checked by the risk room's own validation: a value it would refuse in the app is refused here too.
 */
export function riskModeSettings(mode: RiskMode, customShare?: number, overrides: LimitsPatch = {}): RiskModeSettings {
  refuseOwnedLimits(mode, customShare, overrides);
  let base: RiskLimits = { ...DEFAULT_LIMITS, timeZone: 'UTC' };
  if (Object.keys(overrides).length > 0) {
    // A risk per trade above the AI ceiling the trader did not set raises the ceiling with it, as custom's
    // share does below: "high-confidence AI (2%) may not be below risk per trade (3%)" named a limit never given.
    const risk = overrides.riskPerTradePct;
    if (typeof risk === 'number' && !Object.hasOwn(overrides, 'riskPerTradeMaxPct') && risk > base.riskPerTradeMaxPct) overrides = { ...overrides, riskPerTradeMaxPct: risk };
    const check = applyLimitsPatch(base, overrides, 'custom');
    // The risk room's words, less what only the room has: a value before this one that stays.
    if (!check.ok) throw new RangeError(`--limits: ${check.message.replace(/; the previous values? (\(.*\) )?stays?$/, '')}`);
    base = { ...check.limits };
  }
  const stop = base.defaultStopPct ?? 2;
  const defaultMoneyCaps = MONEY_CAPS.filter((k) => !Object.hasOwn(overrides, k));
  if (mode !== 'custom') {
    const limits = effectiveLimits(mode, base);
    return { mode, positionShare: positionShareOf(limits), limits, defaultMoneyCaps };
  }
  const share = customShare ?? Math.min(1, base.riskPerTradePct / stop);
  if (!(share > 0 && share <= 1)) throw new RangeError(`custom position share must be above 0 and at most 1 (100%), got ${share}`);
  // The share sets the risk per trade; without one, the risk per trade given stands (3% against a 5% stop
  // sizes 60% of equity), though without a stop the share it implies is held to all of the equity.
  const risk = customShare === undefined ? base.riskPerTradePct : share * stop;
  return { mode, positionShare: share, limits: { ...base, riskPerTradePct: risk, riskPerTradeMaxPct: Math.max(risk, base.riskPerTradeMaxPct) }, defaultMoneyCaps };
}

/**
 * A limit the run would not use, refused rather than dropped: a preset mode sets its risk per trade, its AI
 * figures and its concurrent positions over whatever --limits says (the risk room refuses them in a preset
 * mode too), and custom's --position-pct sets the risk per trade to match the share. Before, `--mode moderate
 * --limits riskPerTradePct=1` ran at moderate's 2% and said nothing.
 */
function refuseOwnedLimits(mode: RiskMode, customShare: number | undefined, overrides: LimitsPatch): void {
  if (mode !== 'custom') {
    const figures = MODE_FIGURES[mode];
    const owned = (Object.keys(figures) as (keyof typeof figures)[]).filter((k) => Object.hasOwn(overrides, k));
    if (owned.length > 0) {
      const said = owned.map((k) => `${k} (${figures[k]})`).join(' and ');
      throw new RangeError(`--limits: the ${mode} mode sets ${said} itself; give --mode custom to set ${owned.length === 1 ? 'it' : 'them'} (custom starts from the account's limits), or leave ${owned.length === 1 ? 'it' : 'them'} out`);
    }
  } else if (customShare !== undefined && Object.hasOwn(overrides, 'riskPerTradePct')) {
    throw new RangeError('--limits: riskPerTradePct is set by --position-pct in the custom mode (the share of equity times the default stop); give one of them');
  }
}

/** The limits --limits may set: the risk room's numeric ones and its switch (the allowlist and time zone are not numbers). */
const SETTABLE_LIMITS: readonly string[] = Object.keys(LIMIT_LABELS).filter((k) => k !== 'symbolAllowlist' && k !== 'timeZone');

/** The words --limits reads for closeOnLossLimit. */
const SWITCH_WORDS: Readonly<Record<string, boolean>> = { true: true, false: false, yes: true, no: false, on: true, off: false, '1': true, '0': false };

/** "dailyLossLimitPct=10,maxDrawdownPct=null,closeOnLossLimit=true": limit overrides as the risk room names them. */
export function parseLimitsText(text: string): LimitsPatch {
  const out: Record<string, number | boolean | null> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new RangeError(`--limits: "${item}" is not name=value (e.g. dailyLossLimitPct=10)`);
    const name = item.slice(0, eq).trim();
    if (!SETTABLE_LIMITS.includes(name)) {
      const near = nearestName(name, SETTABLE_LIMITS);
      throw new RangeError(`--limits: there is no risk limit called ${name}${near === null ? '' : ` (did you mean ${near}?)`}; limits: ${SETTABLE_LIMITS.join(', ')}`);
    }
    const raw = item.slice(eq + 1).trim();
    if (Object.hasOwn(out, name)) throw new RangeError(`--limits: ${name} is given twice; give each limit once`);
    if (name === 'closeOnLossLimit') {
      const on = SWITCH_WORDS[raw.toLowerCase()];
      if (on === undefined) throw new RangeError(`--limits: closeOnLossLimit: "${raw}" is not true or false (true: a daily-loss or drawdown breach closes every position; false, the default: it leaves them to their stops and exits)`);
      out[name] = on;
      continue;
    }
    const value = raw === 'null' ? null : decimalNumber(raw);
    // What the limit takes: "(or null)" only where null is valid (defaultStopPct), else the hint led to a second refusal.
    if (value !== null && !Number.isFinite(value)) throw new RangeError(`--limits: ${name}: "${raw}" is not a number; give ${limitRangeText(name) ?? 'a number'}`);
    out[name] = value;
  }
  return out as LimitsPatch;
}

/** Limits a backtest compared against a library without risk rules uses: nothing stops a trade. */
export const NO_STOPS: LimitsPatch = { dailyLossLimitPct: 100, maxDrawdownPct: 100, lossStreakLimit: 100, lossStreakCooldownMinutes: 0, maxOrdersPerMinute: 10_000 };
