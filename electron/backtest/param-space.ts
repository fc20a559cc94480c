// The parameter sets an optimization tries: a grid (every combination of each parameter's values) or
// random draws from the same ranges. Ranges come from the user ("fast=5:50:5,slow=20:200:10" or
// "fast=5|10|20"); parameters not named stay at their given or default value. Sets that break the
// strategy's own rules (fast ≥ slow) are dropped before anything runs. Beside the strategy's parameters,
// the run's exits may be searched too (stopLossPct, takeProfitPct; 0 is none): run-setup takes them out
// of each set and puts them on the run.
import { EXIT_PARAMS, isExitParam } from '../../shared/backtest/run-exits.ts';
import { decimalNumber } from '../../shared/domain/decimal-text.ts';
import { didYouMean } from '../../shared/domain/nearest-name.ts';
import { Random } from '../market/simulated/prng.ts';
import { ParamError, paramProblem, type ParamSpecs } from '../strategies/params.ts';
import { checkEach } from '../strategies/stand-in-definition.ts';
import type { AnyStrategyDefinition } from '../strategies/strategy.ts';

/** Per parameter: the values to try. */
export type ParamRanges = Record<string, number[]>;

/** Parses "fast=5:50:5,slow=20|30|50" against the strategy's parameter specs. */
export function parseRanges(def: AnyStrategyDefinition, text: string): ParamRanges {
  const out: ParamRanges = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ParamError(`range "${item}" is not name=from:to[:step] or name=a|b|c`);
    const name = item.slice(0, eq).trim();
    const spec = isExitParam(name) ? EXIT_PARAMS[name] : def.params[name];
    if (!spec) throw new ParamError(`${def.name} has no parameter "${name}"${didYouMean(name, [...Object.keys(def.params), ...Object.keys(EXIT_PARAMS)])}; its parameters: ${Object.keys(def.params).join(', ') || 'none'} (and the exits: stopLossPct, takeProfitPct, trailingStopPct)`);
    if (Object.hasOwn(out, name)) throw new ParamError(`range ${name} is given twice; give each parameter one range (a|b|c lists values)`);
    const body = item.slice(eq + 1).trim();
    let values: number[];
    if (body.includes(':')) {
      const parts = body.split(':');
      const [a, b, s] = parts.map(decimalNumber) as [number, number, number | undefined];
      const step = s ?? spec.step ?? (spec.type === 'int' ? 1 : (b - a) / 10);
      if (parts.length > 3 || ![a, b, step].every(Number.isFinite) || !(step > 0) || b < a) throw new ParamError(`range ${name}=${body}: write from:to[:step] with from ≤ to and step > 0`);
      values = [];
      for (let k = 0; ; k++) {
        const v = Number((a + k * step).toPrecision(12));
        if (v > b + 1e-9) break;
        values.push(v);
        if (values.length > 100_000) throw new ParamError(`range ${name}=${body} has more than 100,000 values`);
      }
    } else {
      const listed = body.split('|');
      values = listed.map(decimalNumber);
      const bad = values.findIndex(Number.isNaN);
      if (bad >= 0) throw new ParamError(`range ${name}=${body}: "${listed[bad]!.trim()}" is not a number; write from:to[:step] or a|b|c`);
    }
    for (const v of values) {
      const problem = paramProblem(def.name, name, spec, v);
      if (problem) throw new ParamError(problem);
    }
    out[name] = [...new Set(values)];
  }
  if (Object.keys(out).length === 0) throw new ParamError(`give the ranges to search, e.g. --grid ${exampleGrid(def)}`);
  return out;
}

/** A round step (1, 2, 2.5 or 5 times a power of ten) near `rough`. */
function roundStep(rough: number): number {
  const ten = 10 ** Math.floor(Math.log10(rough));
  const unit = [1, 2, 2.5, 5, 10].find((u) => u * ten >= rough) ?? 10;
  return Number((unit * ten).toPrecision(12));
}

/**
 * A --grid for this strategy's own parameters, to show in a message: each of its first two parameters
 * from half to twice its default, inside its range, in about five round steps. "--grid fast=5:30:5"
 * said to a donchian-breakout search named parameters it does not have.
 */
export function exampleGrid(def: { params: ParamSpecs }): string {
  const parts = Object.entries(def.params).slice(0, 2).map(([name, spec]) => {
    const whole = spec.type === 'int';
    const half = whole ? Math.round(spec.default / 2) : spec.default / 2;
    const from = Math.max(spec.min, spec.default > 0 ? half : spec.min);
    const to = Math.min(spec.max, spec.default > 0 ? spec.default * 2 : spec.max);
    if (!(to > from)) return `${name}=${spec.default}`;
    const step = Math.max(whole ? 1 : 0, roundStep((to - from) / 5), spec.step ?? 0);
    // Both ends on the step's multiples, inside the range.
    const start = Math.max(spec.min, Math.floor(from / step) * step);
    const end = Math.max(start + step, Math.floor(to / step) * step);
    const fmt = (x: number) => String(Number(x.toPrecision(12)));
    return end > spec.max ? `${name}=${fmt(start)}|${fmt(spec.max)}` : `${name}=${fmt(start)}:${fmt(end)}:${fmt(step)}`;
  });
  return parts.length > 0 ? parts.join(',') : 'stopLossPct=1:5:1';
}

/** Whether a set has at most one stop: a fixed stop-loss or a trailing stop. */
const oneStop = (p: Record<string, number>) => !((p.stopLossPct ?? 0) > 0 && (p.trailingStopPct ?? 0) > 0);

/** The sets the strategy's rules allow, with at most one stop; the strategy's check asked once for them all (checkEach). */
function validSets(def: AnyStrategyDefinition, sets: Record<string, number>[]): Record<string, number>[] {
  const stops = sets.filter(oneStop);
  const problems = checkEach(def, stops);
  return stops.filter((_, i) => problems[i] === null);
}

/**
 * Why none of `sets` is valid, with the first one's reason: "no valid sets" alone left the user to guess
 * which rule the ranges broke (fast ≥ slow, or a stop-loss beside a trailing stop).
 */
function noValidSet(def: AnyStrategyDefinition, sets: Record<string, number>[], what = 'no parameter set the ranges make can run'): ParamError {
  const first = sets.find(oneStop);
  const set = first ?? sets[0]!;
  const reason = first ? (checkEach(def, [first])[0] ?? `it breaks ${def.name}'s rules`) : 'a set takes a stop-loss or a trailing stop, not both';
  const text = Object.entries(set).map(([k, v]) => `${k}=${v}`).join(',');
  return new ParamError(`${what} (the first, ${text}: ${reason}); change the ranges so that some sets keep to that rule`);
}

/** Every combination, `base` filling the parameters the ranges leave out. Invalid sets are dropped. */
export function gridSets(def: AnyStrategyDefinition, base: Record<string, number>, ranges: ParamRanges, limit = 1_000_000): Record<string, number>[] {
  const names = Object.keys(ranges);
  // Counted before any set is made: a grid of a hundred million (a step of 0.1 where 1 was meant) once
  // filled the memory for a minute and crashed the process before this refusal was reached.
  const space = names.reduce((n, name) => n * ranges[name]!.length, 1);
  if (space > limit) {
    const sizes = names.map((name) => `${name} ${ranges[name]!.length.toLocaleString('en-US')}`).join(' × ');
    throw new ParamError(`the grid has ${space.toLocaleString('en-US')} parameter sets (${sizes}), more than ${limit.toLocaleString('en-US')}; narrow the ranges or use --optimize random`);
  }
  let sets: Record<string, number>[] = [{ ...base }];
  for (const name of names) {
    const next: Record<string, number>[] = [];
    for (const s of sets) for (const v of ranges[name]!) next.push({ ...s, [name]: v });
    sets = next;
  }
  const valid = validSets(def, sets);
  if (valid.length === 0) throw noValidSet(def, sets);
  return valid;
}

/** `trials` distinct random sets drawn from the ranges (fewer if the ranges hold fewer valid sets). */
export function randomSets(def: AnyStrategyDefinition, base: Record<string, number>, ranges: ParamRanges, trials: number, seed = 1): Record<string, number>[] {
  const names = Object.keys(ranges);
  // Asked for as many sets as the ranges hold, or more: every valid set, without drawing. Drawing them
  // took 50 draws per trial asked for (50 million for --trials 1000000 over three values, 20 s).
  const space = names.reduce((n, name) => n * ranges[name]!.length, 1);
  if (space <= trials) return gridSets(def, base, ranges);
  const rnd = new Random(seed);
  const seen = new Set<string>();
  const out: Record<string, number>[] = [];
  // Sets are drawn in batches and the new ones checked together (a stand-in's check is a crossing to its
  // thread); walked in the order drawn, they give the sets one draw at a time would.
  const validKeys = new Map<string, boolean>();
  let firstDrawn: Record<string, number> | undefined;
  const attempts = trials * 50;
  for (let attempt = 0; attempt < attempts && out.length < trials; ) {
    const batch: { p: Record<string, number>; key: string }[] = [];
    for (let n = Math.min(attempts - attempt, Math.max(64, 2 * (trials - out.length))); n > 0; n--) {
      const p = { ...base };
      for (const name of names) {
        const vs = ranges[name]!;
        p[name] = vs[Math.floor(rnd.uniform() * vs.length)]!;
      }
      batch.push({ p, key: names.map((n) => p[n]).join(',') });
      firstDrawn ??= p;
    }
    const fresh = [...new Map(batch.filter((b) => !validKeys.has(b.key)).map((b) => [b.key, b.p]))];
    const fine = new Set(validSets(def, fresh.map(([, p]) => p)));
    for (const [key, p] of fresh) validKeys.set(key, fine.has(p));
    for (const b of batch) {
      if (out.length >= trials) break;
      attempt++;
      if (seen.has(b.key) || !validKeys.get(b.key)) continue;
      seen.add(b.key);
      out.push(b.p);
    }
  }
  // Every draw broke a rule (a space larger than --trials with no valid set in it): say which, as the grid does.
  if (out.length === 0 && firstDrawn) throw noValidSet(def, [firstDrawn], `none of the ${attempts.toLocaleString('en-US')} parameter sets drawn from the ranges can run`);
  return out;
}

export type { ParamSpecs };
