// Every indicator the chart offers, by kind, and how an instance is named in the legend ("EMA 20",
// "MACD 12 26 9"). The menu lists OVERLAY_SPECS then PANE_SPECS in this order.
import { OVERLAY_SPECS } from './overlay-specs.ts';
import { PANE_SPECS } from './pane-specs.ts';
import type { IndicatorInstance, IndicatorKind, IndicatorSpec } from './indicator-types.ts';

export const INDICATOR_SPECS: readonly IndicatorSpec[] = [...OVERLAY_SPECS, ...PANE_SPECS];

const BY_KIND = new Map<string, IndicatorSpec>(INDICATOR_SPECS.map((s) => [s.kind, s]));

export function specOf(kind: IndicatorKind): IndicatorSpec {
  const spec = BY_KIND.get(kind);
  if (!spec) throw new Error(`no indicator spec for ${kind}`);
  return spec;
}

export function isIndicatorKind(value: unknown): value is IndicatorKind {
  return typeof value === 'string' && BY_KIND.has(value);
}

/** The default parameters of a kind. */
export function defaultParams(spec: IndicatorSpec): Record<string, number> {
  return Object.fromEntries(spec.params.map((p) => [p.key, p.default]));
}

/** "EMA 20", "BB 20 2", "VWAP": the short name and the parameters in spec order. */
export function instanceLabel(instance: IndicatorInstance): string {
  const spec = specOf(instance.kind);
  const values = spec.params.map((p) => String(instance.params[p.key]));
  return [spec.short, ...values].join(' ');
}

/**
 * The colour of line `index` of an instance: its own for overlays that pick a palette hue (moving
 * averages, bands and channels, VWAP), the spec's otherwise or when it has none (saved by an older version).
 */
export function lineColor(instance: IndicatorInstance, index: number): string {
  const line = specOf(instance.kind).lines[index]!;
  return line.ownColor && instance.color ? instance.color : line.color;
}

/** The colours the overlays in `list` draw lines in, each once per overlay, so a new overlay can take one that is free. */
export function overlayColorsInUse(list: readonly IndicatorInstance[]): string[] {
  return list.flatMap((instance) => {
    const spec = specOf(instance.kind);
    return spec.placement === 'overlay' ? [...new Set(spec.lines.map((_, k) => lineColor(instance, k)))] : [];
  });
}
