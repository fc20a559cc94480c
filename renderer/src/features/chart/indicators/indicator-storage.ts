// The chosen indicators survive a reload in localStorage. What comes back is checked entry by entry:
// an unknown kind or bad parameters (an older version, a hand edit) drops that entry, not the rest.
import { nextOverlayColor, OVERLAY_PALETTE } from './indicator-colors.ts';
import { isIndicatorKind, overlayColorsInUse, specOf } from './indicator-catalog.ts';
import { areValidParams } from './indicator-params.ts';
import type { IndicatorInstance } from './indicator-types.ts';

export const STORAGE_KEY = 'keel.chart.indicators.v1';

/** What a first start shows: two EMAs, the overlay most traders add first, in the palette's first two colours. */
export const DEFAULT_INDICATORS: readonly IndicatorInstance[] = [
  { id: 'ema-1', kind: 'ema', params: { period: 20 }, color: OVERLAY_PALETTE[0] },
  { id: 'ema-2', kind: 'ema', params: { period: 50 }, color: OVERLAY_PALETTE[1] },
];

/** The most indicators kept; more would make the chart unreadable long before it made it slow. */
export const MAX_INDICATORS = 12;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function parseStored(text: string | null): IndicatorInstance[] | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(raw)) return null;
  const seen = new Set<string>();
  const out: IndicatorInstance[] = [];
  for (const entry of raw.slice(0, MAX_INDICATORS)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, kind, params, color } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[a-z]+-\d{1,6}$/.test(id) || seen.has(id)) continue;
    if (!isIndicatorKind(kind) || !areValidParams(specOf(kind), params)) continue;
    seen.add(id);
    const instance: IndicatorInstance = { id, kind, params: { ...params } };
    if (typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color)) instance.color = color;
    out.push(instance);
  }
  return out;
}

export function loadIndicators(storage: StorageLike | null): IndicatorInstance[] {
  try {
    return parseStored(storage?.getItem(STORAGE_KEY) ?? null) ?? DEFAULT_INDICATORS.map((i) => ({ ...i }));
  } catch {
    // Storage can throw (disabled, sandboxed): the chart still works, it just forgets.
    return DEFAULT_INDICATORS.map((i) => ({ ...i }));
  }
}

export function saveIndicators(storage: StorageLike | null, list: readonly IndicatorInstance[]): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Full or disabled storage: keep going with what is on screen.
  }
}

/** An id not used yet for this kind: "ema-3" after ema-1 and ema-2. */
export function nextId(kind: string, list: readonly IndicatorInstance[]): string {
  let n = 1;
  const ids = new Set(list.map((i) => i.id));
  while (ids.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/**
 * A new instance of `kind` with `params`. An overlay drawn in a palette hue (a moving average, a band, VWAP)
 * gets the first one no line on the price chart uses yet, fixed hues of older saved bands included.
 */
export function newInstance(kind: IndicatorInstance['kind'], params: IndicatorInstance['params'], list: readonly IndicatorInstance[]): IndicatorInstance {
  const spec = specOf(kind);
  const instance: IndicatorInstance = { id: nextId(kind, list), kind, params: { ...params } };
  if (spec.placement === 'overlay' && spec.lines.some((l) => l.ownColor)) instance.color = nextOverlayColor(overlayColorsInUse(list));
  return instance;
}
