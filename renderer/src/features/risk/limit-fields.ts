// The limits editor's fields: how each limit is typed in and read back. Empty means "off" for the limits
// that can be switched off; the engine (and applyLimitsPatch here first) refuses anything out of range. A
// limit that is on or off (closeOnLossLimit) is a checkbox instead, saved as soon as it is ticked: there is
// nothing to type, so nothing to confirm with Enter.
import { DEFAULT_LIMITS, LIMIT_LABELS, MODE_KEYS, type RiskLimits, type RiskMode } from '../../../../shared/risk/risk-limits.ts';
import type { LimitsPatch } from '../../../../shared/risk/validate-limits.ts';

export interface LimitField {
  key: keyof RiskLimits;
  label: string;
  unit: string;
  /** Owned by the preset mode in force: read-only until custom. */
  locked: boolean;
  /** What the limit does, where its label cannot say it all; undefined: the label is enough. */
  title: string | undefined;
}

/** The limits that are on or off. */
export type SwitchKey = { [K in keyof RiskLimits]: RiskLimits[K] extends boolean ? K : never }[keyof RiskLimits];

/** Whether a limit is on or off (a checkbox, not a box to type in), read from its default: a new such limit becomes a checkbox by itself. */
export function isSwitch(key: keyof RiskLimits): key is SwitchKey {
  return typeof DEFAULT_LIMITS[key] === 'boolean';
}

const TITLES: Partial<Record<keyof RiskLimits, string>> = {
  closeOnLossLimit:
    "On: a daily-loss or drawdown breach pulls the kill switch and closes every open position at the breach. Off (the default): a breach cancels entries and blocks new ones, and leaves open positions to their stops and the strategy's exits, so one without a stop can run past the limit.",
};

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
    title: TITLES[key],
  }));
}

export function limitText(limits: RiskLimits, key: keyof RiskLimits): string {
  const v = limits[key];
  if (v === null) return '';
  if (Array.isArray(v)) return v.join(', ');
  // "true" or "false", as readLimit reads them back.
  return String(v);
}

/** The patch a checkbox sends: the limit on or off. */
export function switchPatch(key: SwitchKey, on: boolean): LimitsPatch {
  return { [key]: on };
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
  // The editor ticks these (switchPatch); typed, "true" and "false" read back what limitText shows, and any
  // other text is passed on for validation to refuse saying what was typed, never read as off.
  if (isSwitch(key)) return { [key]: t === 'true' ? true : t === 'false' ? false : t } as unknown as LimitsPatch;
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
