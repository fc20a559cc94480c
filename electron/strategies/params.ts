// Strategy parameters: each declares its type, default and range, so the CLI, the UI and the optimizer
// can validate a value, say what is valid, and walk a grid without knowing the strategy.
import { decimalNumber } from '../../shared/domain/decimal-text.ts';
import { didYouMean } from '../../shared/domain/nearest-name.ts';

export interface ParamSpec {
  readonly type: 'int' | 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** The grid step the optimizer uses by default (ints: 1 unless given). */
  readonly step?: number;
  readonly description: string;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValues<S extends ParamSpecs = ParamSpecs> = { readonly [K in keyof S]: number };

/** A parameter problem the user can fix: names what is wrong and what is valid. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamError';
  }
}

export function describeParam(name: string, p: ParamSpec): string {
  return `${name} (${p.type === 'int' ? 'whole number' : 'number'} ${p.min}..${p.max}, default ${p.default})`;
}

export function describeParams(specs: ParamSpecs): string {
  const names = Object.keys(specs);
  return names.length === 0 ? 'none' : names.map((n) => describeParam(n, specs[n]!)).join(', ');
}

/** Checks one value against its spec; returns the problem or null. */
export function paramProblem(strategy: string, name: string, spec: ParamSpec, value: number): string | null {
  if (!Number.isFinite(value)) return `${strategy}: ${name} must be a number; valid: ${describeParam(name, spec)}`;
  if (spec.type === 'int' && !Number.isInteger(value)) return `${strategy}: ${name} must be a whole number, got ${value}; valid: ${describeParam(name, spec)}`;
  if (value < spec.min || value > spec.max) return `${strategy}: ${name} = ${value} is outside its range ${spec.min}..${spec.max}`;
  return null;
}

/**
 * The full parameter set: defaults, overridden by `given`. Unknown names and values outside their
 * range throw a ParamError that lists the valid parameters.
 */
export function resolveParams(strategy: string, specs: ParamSpecs, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  for (const [name, value] of Object.entries(given)) {
    const spec = specs[name];
    if (!spec) throw new ParamError(noSuchParam(strategy, name, specs));
    const problem = paramProblem(strategy, name, spec, value);
    if (problem) throw new ParamError(problem);
    out[name] = value;
  }
  return out;
}

/**
 * Parses "fast=10,slow=30" (spaces allowed) into numbers; throws a ParamError on a malformed pair or a name
 * given twice. Read for a strategy (`known`), a value that is no number is said with the parameter's type and
 * range, as resolveParams says one outside it, and a name it does not have as that.
 */
export function parseParamText(text: string, known?: { strategy: string; specs: ParamSpecs }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ParamError(`parameter "${item}" is not name=value; write e.g. --params fast=10,slow=30`);
    const name = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    const value = decimalNumber(raw);
    if (!Number.isFinite(value)) throw new ParamError(notANumber(name, raw, known));
    if (Object.hasOwn(out, name)) throw new ParamError(`parameter ${name} is given twice (${out[name]} and ${value}); give each parameter once`);
    out[name] = value;
  }
  return out;
}

function notANumber(name: string, raw: string, known: { strategy: string; specs: ParamSpecs } | undefined): string {
  if (known === undefined) return `parameter ${name}: "${raw}" is not a number`;
  const spec = known.specs[name];
  if (!spec) return noSuchParam(known.strategy, name, known.specs);
  return `${known.strategy}: ${name} "${raw}" is not a number; valid: ${describeParam(name, spec)}`;
}

/** A name the strategy has no parameter of, with the one it was probably meant to be (`rsiperiod`: rsiPeriod). */
function noSuchParam(strategy: string, name: string, specs: ParamSpecs): string {
  return `${strategy} has no parameter "${name}"${didYouMean(name, Object.keys(specs))}; its parameters: ${describeParams(specs)}`;
}

/** "fast=10,slow=30": the parameters as the CLI takes them, in the spec's order. */
export function formatParams(values: Readonly<Record<string, number>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
