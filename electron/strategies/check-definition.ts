// A strategy definition that came from a trader's own file, checked before Keel trusts it: its name, its
// parameters (types, defaults inside their ranges), its declared indicators and its functions. Every
// problem names the file, what is wrong and what would be valid, because the person reading it is the
// one who wrote the file. What passes is a definition exactly like a built-in one (optional fields
// filled in), so the backtester, the optimizer and live trading run it through the same code.
import { basename } from 'node:path';
import { editDistance, nearestName } from '../../shared/domain/nearest-name.ts';
import { declaredWarmup, resolveUses } from './indicator-kinds.ts';
import { formatParams, ParamError, type ParamSpec, type ParamSpecs } from './params.ts';
import { atLineOf } from './strategy-line.ts';
import type { AnyStrategyDefinition, IndicatorUse, Strategy } from './strategy.ts';

/**
 * A strategy file Keel cannot use: the message says which file and what to change. A ParamError, as a bad
 * parameter is: what the trader gave is the problem, refused with what would be valid.
 */
export class StrategyFileError extends ParamError {
  constructor(message: string) {
    super(message);
    this.name = 'StrategyFileError';
  }
}

const STRATEGY_NAME_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const PARAM_NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const SHAPE = 'export default { name, description, params, indicators, create }';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Told before check() or indicators() is called with the defaults as the file is loaded (the import probe says so if it never returns). */
export type DefaultsCall = (strategy: string, fn: 'check' | 'indicators', params: Record<string, number>) => void;

/** The module's strategy (its default export), checked; throws a StrategyFileError naming `file`. */
export function checkDefinition(mod: unknown, file: string, beforeDefaultsCall?: DefaultsCall): AnyStrategyDefinition {
  const bad = (what: string): never => {
    throw new StrategyFileError(`${file}: ${what}`);
  };
  const value = isObject(mod) ? mod.default : undefined;
  // A .ts or .js file with no import or export at all is loaded as CommonJS, whose default is its empty
  // module.exports: that is a missing export too, not a strategy without a name.
  if (!isObject(value) || !('name' in value || 'create' in value)) bad(`has no strategy as its default export; write ${SHAPE} (see docs/strategies.md)`);
  const d = value as Record<string, unknown>;
  if (typeof d.name !== 'string' || !STRATEGY_NAME_RE.test(d.name)) {
    bad(`name must be 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit (like my-breakout), got ${JSON.stringify(d.name)}`);
  }
  const name = d.name as string;
  if (d.description !== undefined && typeof d.description !== 'string') bad(`${name}: description must be text`);
  const params = checkParams(d.params, (what) => bad(`${name}: ${what}`));
  if (d.indicators !== undefined && typeof d.indicators !== 'function') bad(`${name}: indicators must be a function of the parameters returning a list such as [{ name: 'sma', params: { period: p.fast } }]`);
  if (typeof d.create !== 'function') bad(`${name}: create(params, ctx) must be a function returning { onBar(bar) { ... } }`);
  if (d.check !== undefined && typeof d.check !== 'function') bad(`${name}: check must be a function of the parameters returning a problem (text) or null`);

  // Called as methods of the file's object, as written: `this` in them is the default export (its helpers).
  const declared = d.indicators === undefined ? () => [] : (p: Record<string, number>) => (d.indicators as (p: Record<string, number>) => unknown).call(d, p);
  const checks = d.check === undefined ? undefined : (p: Record<string, number>) => (d.check as (p: Record<string, number>) => unknown).call(d, p);
  const creates = d.create as (p: Record<string, number>, ctx: unknown) => unknown;
  // A use without a warm-up gets the one its indicator has with those parameters.
  // `given`: the parameters it was asked with, named in a refusal when they are not the defaults (a search's set).
  const usesOf = (uses: unknown, given: string | null): IndicatorUse[] => {
    const withGiven = given === null ? '' : ` with ${given}`;
    if (!Array.isArray(uses)) throw new StrategyFileError(`${file}: ${name}: indicators(params)${withGiven} must return a list, got ${typeof uses}`);
    for (const [k, u] of uses.entries()) if (isObject(u)) refuseUnknownKeys(Object.keys(u), USE_KEYS, (key, hint) => `${file}: ${name}: indicator ${k + 1} (${String(u.name)}) has no option "${key}"${hint}; a use's options are ${USE_KEYS.join(', ')}`);
    return uses.map((u: IndicatorUse, k) => (isObject(u) && u.warmup === undefined ? { ...u, warmup: warmupIn(file, name, `indicator ${k + 1}${withGiven}`, () => declaredWarmup(u, name)) } : u));
  };
  // What they throw with other parameters names the function, the parameters and the line, wherever it runs (a run's worker, a stand-in's thread, the CLI).
  const def: AnyStrategyDefinition = {
    name,
    description: (d.description as string | undefined) ?? '',
    params,
    indicators: (p) => usesOf(calledWith(file, name, 'indicators', p, () => declared(p)), formatParams(p)),
    ...(checks === undefined ? {} : { check: (p) => checkAnswer(file, name, calledWith(file, name, 'check', p, () => checks(p))) }),
    create: (p, ctx) => strategyFrom(file, asError('create(params, ctx)', () => creates.call(d, p, ctx))),
  };

  // The defaults must make a valid strategy: what the CLI and the app start from.
  const defaults = Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p.default]));
  if (checks) beforeDefaultsCall?.(name, 'check', defaults);
  const problem = callInFile(file, name, 'check', () => checkAnswer(file, name, checks?.(defaults)));
  if (problem !== null) bad(`${name}: its default parameters fail its own check: ${problem}`);
  if (d.indicators !== undefined) beforeDefaultsCall?.(name, 'indicators', defaults);
  const uses = callInFile(file, name, 'indicators', () => usesOf(declared(defaults), null));
  for (const [k, u] of uses.entries()) {
    if (!isObject(u) || typeof u.name !== 'string' || !isObject(u.params)) bad(`${name}: indicator ${k + 1} must look like { name: 'sma', params: { period: 20 } }`);
    if (!Number.isInteger(u.warmup) || u.warmup < 0) bad(`${name}: indicator ${k + 1} (${u.name}): warmup must be a whole number of bars from 0 (or left out), got ${String(u.warmup)}`);
    const levels: unknown = u.levels;
    if (levels !== undefined && (!Array.isArray(levels) || levels.length > MAX_LEVELS || !levels.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
      bad(`${name}: indicator ${k + 1} (${u.name}): levels must be a list of up to ${MAX_LEVELS} numbers (the values the strategy acts at, like [30, 70]), got ${shown(levels)}`);
    }
  }
  try {
    resolveUses(uses, name);
  } catch (err) {
    bad(err instanceof Error ? err.message : String(err));
  }
  return def;
}

/**
 * What check(params) returned, as the problem or null. Nothing (undefined, '', a check that forgot its
 * `return null`) is no problem; anything else but text is the file's mistake, said, rather than read one
 * way by a run (no problem) and the other by a search (every set invalid).
 */
function checkAnswer(file: string, name: string, answer: unknown): string | null {
  if (answer === undefined || answer === null || answer === '') return null;
  if (typeof answer === 'string') return answer;
  throw new StrategyFileError(`${file}: ${name}: check(params) must return the problem as text, or null when the parameters are fine; got ${typeof answer} ${shown(answer)}`);
}

const STRATEGY_SHAPE = '{ onBar(bar) { ... } } (onTick(ts, price) and onFill(fill) optional)';

/**
 * What create(params, ctx) returned, checked before the first bar: without this a missing `return` or an
 * `async create` failed at bar 0 as "Cannot read properties of undefined (reading 'onBar')", and an async
 * onBar ran its orders after later bars (or after the run) and its errors as unhandled rejections.
 */
function strategyFrom(file: string, made: unknown): Strategy {
  const bad = (what: string): never => {
    throw new StrategyFileError(`create(params, ctx) in ${basename(file)} ${what}`);
  };
  if (made === undefined || made === null) bad(`returned ${String(made)} (a missing return?); it must return the strategy, ${STRATEGY_SHAPE}`);
  if (typeof (made as { then?: unknown }).then === 'function') {
    // Refused either way; its failure, if it fails, must not end the process as an unhandled rejection.
    (made as PromiseLike<unknown>).then(undefined, () => {});
    bad(`returned a Promise (is create async?); it must return the strategy itself, not a promise of it: ${STRATEGY_SHAPE}`);
  }
  if (typeof made === 'function') bad(`returned a function; it must return the strategy, an object such as { onBar: thatFunction }: ${STRATEGY_SHAPE}`);
  if (typeof made !== 'object') bad(`returned ${typeof made} ${JSON.stringify(made)}; it must return the strategy, ${STRATEGY_SHAPE}`);
  const s = made as Record<string, unknown>;
  if (typeof s.onBar !== 'function') {
    const has = Object.keys(s);
    bad(`returned an object without an onBar(bar) function${has.length === 0 ? '' : ` (it has ${has.join(', ')})`}; it must return the strategy, ${STRATEGY_SHAPE}`);
  }
  // A hook misspelt (onfill, onTik) is a function Keel never calls: the strategy would run without it and
  // say nothing, as a misspelt stop would be no stop. Other methods (helpers) are the strategy's own.
  for (const name of methodNames(s)) {
    if ((HOOKS as readonly string[]).includes(name)) continue;
    const meant = nearestName(name, HOOKS);
    if (meant !== null) bad(`returned a strategy with ${name}, which Keel never calls (did you mean ${meant}?); its hooks are onBar, onTick and onFill`);
  }
  for (const hook of HOOKS) {
    const fn = s[hook];
    if (fn === undefined && hook !== 'onBar') continue;
    if (typeof fn !== 'function') bad(`returned a strategy whose ${hook} is ${typeof fn}, not a function`);
    const kind = Object.prototype.toString.call(fn);
    if (kind === '[object AsyncFunction]' || kind === '[object AsyncGeneratorFunction]') {
      bad(`returned a strategy whose ${hook} is async: Keel calls it and goes on without waiting, so what it does after an await would happen bars later, or after the run; make it a plain function (ctx's calls answer at once, with no await)`);
    }
    if (kind === '[object GeneratorFunction]') bad(`returned a strategy whose ${hook} is a generator (function*), whose body a call does not run; make it a plain function`);
  }
  return hostSide(made as Strategy);
}

const HOOKS = ['onBar', 'onTick', 'onFill'] as const satisfies readonly (keyof Strategy)[];

/** The names of the functions on a strategy object, its class's methods too. */
function methodNames(s: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (let o: object | null = s; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (d !== undefined && typeof d.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/**
 * The strategy as the host calls it: its own hooks, called as its methods, but each fill handed over as a
 * copy of the five fields StrategyFill has. A backtest's fill is the report's own row: a strategy writing
 * to it (fill.qty = …) rewrote the run's fills and trades; and live trading hands over only those five, so
 * a strategy reading more (fill.exit) worked in a backtest and not on an account. Each bar is its own
 * object too, as in its thread on an account: a backtest rewrites one object bar after bar, so a strategy
 * keeping the last one (`prev = bar`) read the current bar there as the previous one, and never saw a change.
 */
function hostSide(s: Strategy): Strategy {
  const out: Strategy = {
    onBar: (bar) => {
      try {
        return s.onBar({ t: bar.t, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, index: bar.index });
      } catch (err) {
        throw err instanceof Error ? err : notAnError('onBar(bar)', err);
      }
    },
  };
  if (s.onTick !== undefined) out.onTick = (ts, price) => asError('onTick(ts, price)', () => s.onTick!(ts, price));
  if (s.onFill !== undefined) out.onFill = (f) => asError('onFill(fill)', () => s.onFill!({ ts: f.ts, side: f.side, price: f.price, qty: f.qty, fee: f.fee }));
  return out;
}

/** What `fn` returns; a value it throws that is not an Error (`throw 'oops'`) thrown as one that says so (notAnError). */
function asError<T>(who: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof Error ? err : notAnError(who, err);
  }
}

/**
 * An Error for a thrown value that is not one (`throw 'oops'`, `throw 42`, `throw { code: 1 }`): it was
 * printed as it came ("oops", "42", "[object Object]"), which read as Keel's own words, or as nothing, and
 * without a line, as it has no stack. Said as what it is, with the value, and how to get the line.
 */
function notAnError(who: string, value: unknown): Error {
  return new Error(`${who} threw ${notAnErrorText(value)}`);
}

/** 'a string, not an Error: "oops" (…)': what a thrown value that is not an Error is, its value (shortened), and why there is no line. */
export function notAnErrorText(v: unknown): string {
  const kind = v === undefined || v === null ? String(v) : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
  let text: string;
  try {
    text = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : typeof v === 'object' && v !== null ? (JSON.stringify(v) ?? String(v)) : String(v);
  } catch {
    text = Object.prototype.toString.call(v);
  }
  const value = v === undefined || v === null ? '' : `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  return `${kind}, not an Error${value} (a thrown value that is not an Error has no stack, so no line of the file to show; throw new Error('…') says where)`;
}

/**
 * The fields a parameter's spec and an indicator use may have. Anything else is refused, as an order's
 * unknown option is: a misspelt one was ignored, so `outupt: 'upper'` read the middle band, `timeFrame: '1d'`
 * the strategy's own bars and `setp: 5` searched every whole number, each without a word.
 */
const PARAM_KEYS = ['type', 'default', 'min', 'max', 'step', 'description'];
const USE_KEYS = ['name', 'params', 'output', 'source', 'warmup', 'levels', 'timeframe'];

/** Throws what `refusal` words for the first key not in `known`, with the known one it is probably a slip of. */
function refuseUnknownKeys(keys: readonly string[], known: readonly string[], refusal: (key: string, hint: string) => string): void {
  for (const key of keys) {
    if (known.includes(key)) continue;
    const meant = known.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[^a-z]/g, '')) ?? known.find((k) => editDistance(k, key.toLowerCase()) <= 2);
    throw new StrategyFileError(refusal(key, meant === undefined ? '' : ` (${meant}?)`));
  }
}

/** A value as the file wrote it: JSON would say null for Infinity and NaN. */
function shown(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(shown).join(',')}]`;
  return JSON.stringify(v) ?? String(v);
}

/** Levels an indicator may carry: a few thresholds, not a grid. */
const MAX_LEVELS = 8;

function checkParams(raw: unknown, bad: (what: string) => never): ParamSpecs {
  if (raw === undefined) return {};
  if (!isObject(raw)) return bad('params must be an object of parameters, like { fast: { type: "int", default: 10, min: 1, max: 200 } }');
  const out: Record<string, ParamSpec> = {};
  for (const [key, spec] of Object.entries(raw)) {
    if (!PARAM_NAME_RE.test(key)) bad(`parameter name "${key}" must start with a letter and hold only letters, digits and _ (it is written name=value on the command line)`);
    if (!isObject(spec)) bad(`parameter ${key} must be { type, default, min, max }`);
    const s = spec as Record<string, unknown>;
    refuseUnknownKeys(Object.keys(s), PARAM_KEYS, (k, hint) => bad(`parameter ${key} has no field "${k}"${hint}; a parameter's fields are ${PARAM_KEYS.join(', ')}`));
    if (s.type !== 'int' && s.type !== 'number') bad(`parameter ${key}: type must be "int" or "number", got ${JSON.stringify(s.type)}`);
    for (const f of ['default', 'min', 'max'] as const) {
      if (typeof s[f] !== 'number' || !Number.isFinite(s[f])) bad(`parameter ${key}: ${f} must be a finite number, got ${shown(s[f])}`);
      if (s.type === 'int' && !Number.isInteger(s[f])) bad(`parameter ${key} is an int, so ${f} must be a whole number, got ${String(s[f])}`);
    }
    const [def, min, max] = [s.default as number, s.min as number, s.max as number];
    if (min > max) bad(`parameter ${key}: min (${min}) is above max (${max})`);
    if (def < min || def > max) bad(`parameter ${key}: default ${def} is outside its range ${min}..${max}`);
    if (s.step !== undefined && (typeof s.step !== 'number' || !(s.step > 0) || !Number.isFinite(s.step))) bad(`parameter ${key}: step must be a number above 0 (the optimizer's grid step), got ${shown(s.step)}`);
    if (s.type === 'int' && s.step !== undefined && !Number.isInteger(s.step)) bad(`parameter ${key} is an int, so its step must be a whole number, got ${String(s.step)}`);
    if (s.description !== undefined && typeof s.description !== 'string') bad(`parameter ${key}: description must be text`);
    out[key] = { type: s.type as ParamSpec['type'], default: def, min, max, ...(s.step === undefined ? {} : { step: s.step as number }), description: (s.description as string | undefined) ?? '' };
  }
  return out;
}

/** A declared use's warm-up; a use Keel cannot compute is the file's problem, worded by resolveUses. */
/**
 * The use's warm-up, or a refusal naming the file, the strategy and `use` (which one, with which parameters):
 * the declaration's checks say the strategy and the use themselves, the indicator's own ("sma: period must
 * be …", a period the parameters made, such as trend - 150) said neither.
 */
function warmupIn(file: string, name: string, use: string, find: () => number): number {
  try {
    return find();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new StrategyFileError(`${file}: ${message.startsWith(`${name}: `) ? message : `${name}: ${use}: ${message}`}`);
  }
}

/** Runs one of the file's functions with its defaults as it is loaded; what it throws becomes a problem with the file. */
function callInFile<T>(file: string, name: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StrategyFileError) throw err;
    throw new StrategyFileError(`${file}: ${name}: ${what}() with the default parameters threw: ${thrown(err, file)}`);
  }
}

/** Runs one of the file's functions with `params`; what it throws says so, with the parameters and its line. */
function calledWith<T>(file: string, name: string, what: string, params: Record<string, number>, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new StrategyFileError(`${file}: ${name}: ${what}() with ${formatParams(params)} threw: ${thrown(err, file)}`);
  }
}

const thrown = (err: unknown, file: string) => (err instanceof Error ? `${err.message}${atLineOf(err, file)}` : notAnErrorText(err));
