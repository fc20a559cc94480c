// The limits editor's fields: how each limit is typed in and read back. Empty means "off" for the limits
// that can be switched off; the engine (and applyLimitsPatch here first) refuses anything out of range.
import { LIMIT_LABELS, MODE_KEYS, type RiskLimits, type RiskMode } from '../../../../shared/risk/risk-limits.ts';
import type { LimitsPatch } from '../../../../shared/risk/validate-limits.ts';

export interface LimitField {
  key: keyof RiskLimits;
  label: string;
  unit: string;
  /** Owned by the preset mode in force: read-only until custom. */
  locked: boolean;
}

const UNITS: Partial<Record<keyof RiskLimits, string>> = {
  riskPerTradePct: '%',
  riskPerTradeMaxPct: '%',
  defaultStopPct: '%',
  defaultStopAtr: '× ATR',
  dailyLossLimitPct: '%',
  maxDrawdownPct: '%',
  fatFingerPct: '%',
  minAiConfidencePct: '%',
  maxLeverage: '×',
  lossStreakCooldownMinutes: 'min',
};

export function limitFields(mode: RiskMode): LimitField[] {
  return (Object.keys(LIMIT_LABELS) as (keyof RiskLimits)[]).map((key) => ({
    key,
    label: LIMIT_LABELS[key],
    unit: UNITS[key] ?? '',
    locked: mode !== 'custom' && (MODE_KEYS as readonly string[]).includes(key),
  }));
}

export function limitText(limits: RiskLimits, key: keyof RiskLimits): string {
  const v = limits[key];
  if (v === null) return '';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/** 1,000,000 or 1,000.5: commas that group thousands, the only commas a number may hold. */
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * What the user typed, as a patch of one limit: numbers stay numbers; "" is null where a limit can be off.
 * Text that is not a number is passed on as typed, for validation to refuse saying what was typed. A comma
 * is read only as a thousands separator: "1,5" (a decimal comma) is refused, never read as 15.
 */
export function readLimit(key: keyof RiskLimits, text: string): LimitsPatch {
  const t = text.trim();
  if (key === 'timeZone') return { timeZone: t };
  if (key === 'symbolAllowlist') {
    return { symbolAllowlist: t === '' ? null : t.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase()) };
  }
  if (t === '' && (key === 'defaultStopPct' || key === 'defaultStopAtr')) return { [key]: null } as LimitsPatch;
  // "3 %" in a field whose unit is % is 3.
  const bare = UNITS[key] === '%' ? t.replace(/\s*%$/, '') : t;
  const digits = bare.includes(',') ? (GROUPED.test(bare) ? bare.replace(/,/g, '') : '') : bare;
  const n = digits === '' ? Number.NaN : Number(digits);
  return { [key]: Number.isFinite(n) ? n : t } as unknown as LimitsPatch;
}
