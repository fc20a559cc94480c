// Checks a change to the risk limits before anything is stored. Every refusal names the field, says what
// a valid value is and what was given, and that the previous value stays: a limit is never half-changed.
// The engine runs this on every risk.setLimits; the panel runs it as the user types.
import { isSymbol } from '../domain/symbol.ts';
import { LIMIT_LABELS, MODE_KEYS, type RiskLimits, type RiskMode } from './risk-limits.ts';

export type LimitsPatch = { [K in keyof RiskLimits]?: RiskLimits[K] };

export type LimitsCheck = { ok: true; limits: RiskLimits } | { ok: false; field: keyof RiskLimits; message: string };

interface Range {
  min: number;
  /** Whether min itself is allowed. */
  minIncluded: boolean;
  max: number;
  integer?: boolean;
  nullable?: boolean;
  unit?: string;
}

const pct = (max: number, nullable = false): Range => ({ min: 0, minIncluded: false, max, unit: '%', nullable });
const money: Range = { min: 0, minIncluded: false, max: 1e12 };

/** The sane range of each number: past these a value is a typo, not a choice. */
const RANGES: Readonly<Record<Exclude<keyof RiskLimits, 'symbolAllowlist' | 'timeZone' | 'closeOnLossLimit'>, Range>> = {
  riskPerTradePct: pct(10),
  riskPerTradeMaxPct: pct(10),
  defaultStopPct: pct(50, true),
  defaultStopAtr: { min: 0, minIncluded: false, max: 20, nullable: true },
  maxPositionNotional: money,
  maxTotalExposure: money,
  maxConcurrentPositions: { min: 1, minIncluded: true, max: 1000, integer: true },
  maxOrdersPerMinute: { min: 1, minIncluded: true, max: 10_000, integer: true },
  dailyLossLimitPct: pct(100),
  maxDrawdownPct: pct(100),
  maxLeverage: { min: 0, minIncluded: false, max: 125 },
  fatFingerPct: pct(100),
  minAiConfidencePct: { min: 0, minIncluded: true, max: 100, unit: '%' },
  lossStreakLimit: { min: 1, minIncluded: true, max: 100, integer: true },
  lossStreakCooldownMinutes: { min: 0, minIncluded: true, max: 10_080 },
  correlationThreshold: { min: 0, minIncluded: false, max: 1 },
  maxCorrelatedExposure: money,
};

const MAX_ALLOWLIST = 500;

function describe(r: Range): string {
  const kind = r.integer ? 'a whole number' : 'a number';
  const unit = r.unit ?? '';
  const low = r.minIncluded ? `from ${r.min}${unit}` : `more than ${r.min}${unit}`;
  return `${kind} ${low} ${r.minIncluded ? 'to' : 'and at most'} ${r.max.toLocaleString('en-US')}${unit}${r.nullable ? ' (or null to switch it off)' : ''}`;
}

/** What a numeric limit takes, "a number more than 0% and at most 100%" ("… (or null to switch it off)" where null is valid); null for a limit that is not a number. */
export function limitRangeText(name: string): string | null {
  return Object.hasOwn(RANGES, name) ? describe(RANGES[name as keyof typeof RANGES]) : null;
}

function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === '') return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "1,5" typed in the panel: a decimal comma, which is not read (it could be 15 or 1.5). */
function decimalCommaHint(value: unknown): string {
  return typeof value === 'string' && /^-?\d*,\d+$/.test(value.trim()) ? ` (write decimals with a point, as ${value.trim().replace(',', '.')})` : '';
}

export function isTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  if (KNOWN_ZONES.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return false;
  }
  // Building a formatter costs about a millisecond; settings are validated whenever they are read (once
  // per backtest, and a search runs thousands), and a zone name that was valid stays valid.
  KNOWN_ZONES.add(tz);
  return true;
}

const KNOWN_ZONES = new Set<string>();

/**
 * Applies `patch` to `current` if every field in it is valid, in the given mode: a preset mode owns its
 * four figures, so changing them there is refused with the way to do it (switch to custom).
 */
export function applyLimitsPatch(current: RiskLimits, patch: LimitsPatch, mode: RiskMode): LimitsCheck {
  const next: RiskLimits = { ...current };
  const nextRecord = next as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch) as [keyof RiskLimits, unknown][]) {
    if (value === undefined) continue;
    if (!(key in LIMIT_LABELS)) return { ok: false, field: key, message: `there is no risk limit called ${String(key)}` };
    const label = LIMIT_LABELS[key];
    const stays = `; the previous value (${shown(current[key])}) stays`;
    if (mode !== 'custom' && (MODE_KEYS as readonly string[]).includes(key) && value !== current[key]) {
      return { ok: false, field: key, message: `${label} belongs to the ${mode} mode (${shown(current[key])}); switch to the custom mode to set it${stays}` };
    }
    if (key === 'timeZone') {
      if (typeof value !== 'string' || !isTimeZone(value)) return { ok: false, field: key, message: `${label} must be an IANA time zone such as Europe/Paris or UTC, got ${shown(value)}${stays}` };
      next.timeZone = value;
      continue;
    }
    if (key === 'closeOnLossLimit') {
      if (typeof value !== 'boolean') return { ok: false, field: key, message: `${label} must be true (a daily-loss or drawdown breach closes every position) or false (it leaves them to their stops and exits), got ${shown(value)}${stays}` };
      next.closeOnLossLimit = value;
      continue;
    }
    if (key === 'symbolAllowlist') {
      if (value === null) {
        next.symbolAllowlist = null;
        continue;
      }
      if (!Array.isArray(value) || value.length > MAX_ALLOWLIST || !value.every((s) => typeof s === 'string' && isSymbol(s))) {
        return { ok: false, field: key, message: `${label} must be null (any symbol) or a list of up to ${MAX_ALLOWLIST} symbols such as BTC/USDT, got ${shown(value)}${stays}` };
      }
      next.symbolAllowlist = [...new Set(value as string[])];
      continue;
    }
    const range = RANGES[key];
    if (value === null && range.nullable) {
      nextRecord[key] = null;
      continue;
    }
    const n = value as number;
    const bad =
      typeof value !== 'number' || !Number.isFinite(n) || (range.minIncluded ? n < range.min : n <= range.min) || n > range.max || (range.integer === true && !Number.isInteger(n));
    if (bad) return { ok: false, field: key, message: `${label} must be ${describe(range)}, got ${shown(value)}${decimalCommaHint(value)}${stays}` };
    nextRecord[key] = n;
  }
  if (next.riskPerTradeMaxPct < next.riskPerTradePct) {
    const field: keyof RiskLimits = patch.riskPerTradeMaxPct !== undefined ? 'riskPerTradeMaxPct' : 'riskPerTradePct';
    return {
      ok: false,
      field,
      message: `${LIMIT_LABELS.riskPerTradeMaxPct} (${next.riskPerTradeMaxPct}%) may not be below ${LIMIT_LABELS.riskPerTradePct.toLowerCase()} (${next.riskPerTradePct}%); the previous values stay`,
    };
  }
  return { ok: true, limits: next };
}
