// Reading what the user typed into an indicator's parameter fields. Every field is checked against
// its spec (a whole number for periods, within the range the spec allows) and then the spec's own
// check across fields runs, so the chart never asks an indicator for a period it would refuse.
import type { IndicatorSpec, ParamSpec, Params } from './indicator-types.ts';

export type ParseResult = { ok: true; params: Params } | { ok: false; fieldErrors: Record<string, string>; formError: string | null };

/** Why one typed value is not acceptable for `spec`, or null when it is. */
export function paramProblem(spec: ParamSpec, text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return `${spec.label} is required`;
  // Number('') is 0 and Number('0x10') is 16: only plain decimals count.
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return `${spec.label} must be a number`;
  const value = Number(trimmed);
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be a whole number`;
  if (value < spec.min || value > spec.max) return `${spec.label} must be from ${spec.min} to ${spec.max}`;
  return null;
}

export function parseParams(indicator: IndicatorSpec, typed: Readonly<Record<string, string>>): ParseResult {
  const fieldErrors: Record<string, string> = {};
  const params: Record<string, number> = {};
  for (const p of indicator.params) {
    const text = typed[p.key] ?? String(p.default);
    const problem = paramProblem(p, text);
    if (problem) fieldErrors[p.key] = problem;
    else params[p.key] = Number(text.trim());
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, formError: null };
  const formError = indicator.check?.(params) ?? null;
  return formError ? { ok: false, fieldErrors, formError } : { ok: true, params };
}

/** Whether stored parameters (from localStorage, so anything) are exactly a valid set for `spec`. */
export function areValidParams(indicator: IndicatorSpec, value: unknown): value is Params {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length !== indicator.params.length) return false;
  for (const p of indicator.params) {
    const v = record[p.key];
    if (typeof v !== 'number' || paramProblem(p, String(v)) !== null) return false;
  }
  return (indicator.check?.(record as Params) ?? null) === null;
}
