// The indicators a strategy may declare and have the host compute for it (ctx.indicators), each in its
// two forms from shared/indicators: the batch kernel over whole columns (a backtest, where every bar is
// known up front) and the streaming class fed one closed bar at a time (live and paper trading). The two
// forms do the same floating-point operations in the same order, so a strategy sees the same numbers in
// a backtest as it would have live (tests/unit/strategies/indicator-series.test.ts holds them to that).
import { atr, AtrStream } from '../../shared/indicators/atr.ts';
import { bollinger, BollingerStream } from '../../shared/indicators/bollinger.ts';
import { donchian, DonchianStream } from '../../shared/indicators/donchian.ts';
import { ema, EmaStream } from '../../shared/indicators/ema.ts';
import { rsi, RsiStream } from '../../shared/indicators/rsi.ts';
import { sma, SmaStream } from '../../shared/indicators/sma.ts';
import { wma, WmaStream } from '../../shared/indicators/wma.ts';
import { isTimeframe, TIMEFRAME_NAMES, type Timeframe } from '../../shared/domain/timeframe.ts';
import { checkLongerTimeframe, rollUp, RollingUp } from './longer-timeframe.ts';
import type { IndicatorUse } from './strategy.ts';

/** A bar field by its column: t, o, h, l, c, v. */
export type BarField = 't' | 'o' | 'h' | 'l' | 'c' | 'v';
export const BAR_FIELDS: readonly BarField[] = ['t', 'o', 'h', 'l', 'c', 'v'];

/** One indicator's live form: add() a closed bar's inputs, then read each output. */
interface Stream {
  add(inputs: Float64Array): void;
  readonly outputs: Float64Array;
}

interface Kind {
  /** Its short name on a chart's legend: "SMA", "BB" (the trading chart's names). */
  readonly short: string;
  /** Drawn over the price, on its scale (a moving average, a band), when it reads prices; false: a pane of its own (RSI 0..100, ATR). */
  readonly overlay: boolean;
  /** Parameter names and defaults (undefined: required). */
  readonly params: Readonly<Record<string, number | undefined>>;
  /** Its outputs; the first is the one a use without `output` gets. */
  readonly outputs: readonly string[];
  /** The bar fields it reads, given the use's source (single-input indicators only). */
  inputs(source: BarField): BarField[];
  /** Whole columns in, one column per output out. */
  batch(inputs: Float64Array[], p: Record<string, number>): Float64Array[];
  stream(p: Record<string, number>): Stream;
}

/** A single-input, single-output indicator (period only): sma, ema, wma, rsi. */
function oneLine(short: string, overlay: boolean, batch: (x: Float64Array, period: number) => Float64Array, make: (period: number) => { add(x: number): number }): Kind {
  return {
    short,
    overlay,
    params: { period: undefined },
    outputs: ['value'],
    inputs: (source) => [source],
    batch: (inputs, p) => [batch(inputs[0]!, p.period!)],
    stream(p) {
      const s = make(p.period!);
      const outputs = new Float64Array(1);
      return {
        outputs,
        add(x) {
          outputs[0] = s.add(x[0]!);
        },
      };
    },
  };
}

const KINDS: Readonly<Record<string, Kind>> = {
  sma: oneLine('SMA', true, sma, (n) => new SmaStream(n)),
  ema: oneLine('EMA', true, ema, (n) => new EmaStream(n)),
  wma: oneLine('WMA', true, wma, (n) => new WmaStream(n)),
  rsi: oneLine('RSI', false, rsi, (n) => new RsiStream(n)),
  bollinger: {
    short: 'BB',
    overlay: true,
    params: { period: undefined, mult: 2 },
    outputs: ['middle', 'upper', 'lower'],
    inputs: (source) => [source],
    batch(inputs, p) {
      const b = bollinger(inputs[0]!, p.period, p.mult);
      return [b.middle, b.upper, b.lower];
    },
    stream(p) {
      const s = new BollingerStream(p.period, p.mult);
      const outputs = new Float64Array(3);
      return {
        outputs,
        add(x) {
          outputs[0] = s.add(x[0]!);
          outputs[1] = s.upper;
          outputs[2] = s.lower;
        },
      };
    },
  },
  donchian: {
    short: 'DC',
    overlay: true,
    params: { period: undefined },
    outputs: ['upper', 'middle', 'lower'],
    inputs: () => ['h', 'l'],
    batch(inputs, p) {
      const d = donchian(inputs[0]!, inputs[1]!, p.period);
      return [d.upper, d.middle, d.lower];
    },
    stream(p) {
      const s = new DonchianStream(p.period);
      const outputs = new Float64Array(3);
      return {
        outputs,
        add(x) {
          outputs[1] = s.add(x[0]!, x[1]!);
          outputs[0] = s.upper;
          outputs[2] = s.lower;
        },
      };
    },
  },
  atr: {
    short: 'ATR',
    overlay: false,
    params: { period: undefined },
    outputs: ['value'],
    inputs: () => ['h', 'l', 'c'],
    batch: (inputs, p) => [atr(inputs[0]!, inputs[1]!, inputs[2]!, p.period)],
    stream(p) {
      const s = new AtrStream(p.period);
      const outputs = new Float64Array(1);
      return {
        outputs,
        add(x) {
          outputs[0] = s.add(x[0]!, x[1]!, x[2]!);
        },
      };
    },
  },
};

export const INDICATOR_NAMES: readonly string[] = Object.keys(KINDS);

/**
 * A declared use, checked and resolved: which indicator computation it needs (`key`: name, parameters
 * and inputs, so two uses of one Bollinger band share one computation) and which of its outputs.
 */
export interface ResolvedUse {
  readonly key: string;
  readonly kind: Kind;
  readonly params: Record<string, number>;
  readonly inputs: readonly number[];
  readonly output: number;
  /** The longer timeframe it is computed on (longer-timeframe.ts), or null: the strategy's own bars. */
  readonly timeframe: Timeframe | null;
}

/** The keys of an indicator use beside its params (IndicatorUse). */
const ENTRY_OPTIONS: readonly string[] = ['output', 'source', 'warmup', 'levels', 'timeframe'];

/** Checks a strategy's declared indicators; the error names what is wrong and what is valid. */
export function resolveUses(uses: readonly IndicatorUse[], strategy: string): ResolvedUse[] {
  return uses.map((u, k) => {
    const where = `${strategy}: indicator ${k + 1} (${u.name})`;
    const kind = KINDS[u.name];
    if (!kind) throw new RangeError(`${strategy}: indicator ${k + 1} is "${u.name}", which Keel does not compute for strategies; known: ${INDICATOR_NAMES.join(', ')}`);
    const params: Record<string, number> = {};
    for (const name of Object.keys(u.params)) {
      if (name in kind.params) continue;
      // The use's own options (source, output, timeframe …) put inside params: say where they go.
      const beside = ENTRY_OPTIONS.includes(name) ? `; ${name} is an option of the indicator itself, beside params: { name: '${u.name}', params: { ${Object.keys(kind.params).map((p) => `${p}: …`).join(', ')} }, ${name}: … }` : '';
      throw new RangeError(`${where} has no parameter "${name}"; it takes ${Object.keys(kind.params).join(', ')}${beside}`);
    }
    for (const [name, fallback] of Object.entries(kind.params)) {
      const v = u.params[name] ?? fallback;
      if (v === undefined || !Number.isFinite(v)) throw new RangeError(`${where} needs a number for "${name}"`);
      params[name] = v;
    }
    const output = kind.outputs.indexOf(u.output ?? kind.outputs[0]!);
    if (output < 0) throw new RangeError(`${where} has no output "${u.output}"; it has ${kind.outputs.join(', ')}`);
    const source = u.source ?? 'c';
    if (!BAR_FIELDS.includes(source)) throw new RangeError(`${where}: source "${String(source)}" is not a bar field; use one of ${BAR_FIELDS.join(', ')}`);
    const fields = kind.inputs(source);
    const inputs = fields.map((f) => BAR_FIELDS.indexOf(f));
    const timeframe = u.timeframe ?? null;
    if (timeframe !== null && (typeof timeframe !== 'string' || !isTimeframe(timeframe))) throw new RangeError(`${where}: timeframe "${String(timeframe)}" is not one Keel knows; use one of ${TIMEFRAME_NAMES.join(', ')} (longer than the strategy's bars), or leave it out for the strategy's own`);
    const on = timeframe === null ? '' : `@${timeframe}`;
    return { key: `${u.name}(${Object.values(params).join(',')})[${fields.join('')}]${on}`, kind, params, inputs, output, timeframe };
  });
}

/** The price fields: an overlay that reads only these is drawn on the price's scale. */
const PRICE_FIELDS: ReadonlySet<number> = new Set(['o', 'h', 'l', 'c'].map((f) => BAR_FIELDS.indexOf(f as BarField)));

/**
 * How a chart names and places a use: "SMA 10", "BB 20 2 upper", "SMA 20 of v" (a source other than the
 * close named), "SMA 50 4h" (a longer timeframe named), on the price's scale or in a pane of its own (an
 * oscillator, or any indicator of the volume).
 */
export function useLegend(u: ResolvedUse): { label: string; overlay: boolean } {
  const words = [u.kind.short, ...Object.values(u.params).map(String)];
  if (u.kind.outputs.length > 1) words.push(u.kind.outputs[u.output]!);
  if (u.inputs.length === 1 && BAR_FIELDS[u.inputs[0]!] !== 'c') words.push(`of ${BAR_FIELDS[u.inputs[0]!]}`);
  if (u.timeframe !== null) words.push(u.timeframe);
  return { label: words.join(' '), overlay: u.kind.overlay && u.inputs.every((f) => PRICE_FIELDS.has(f)) };
}

/**
 * Every use's column over whole bar columns (a backtest): each distinct computation once. A use on a longer
 * timeframe is computed over the bars rolled up into it and read, at each bar, from the last longer bar
 * closed by then (longer-timeframe.ts); `barMs` is the bars' length, which those need.
 */
export function batchColumns(uses: readonly ResolvedUse[], bars: readonly Float64Array[], barMs = Number.NaN, strategy = ''): Float64Array[] {
  const done = new Map<string, Float64Array[]>();
  const rolled = new Map<Timeframe, { cols: Float64Array[]; at: Int32Array }>();
  const n = bars[0]?.length ?? 0;
  return uses.map((u, k) => {
    let outs = done.get(u.key);
    if (!outs) {
      if (u.timeframe === null) outs = u.kind.batch(u.inputs.map((f) => bars[f]!), u.params);
      else {
        let r = rolled.get(u.timeframe);
        if (!r) {
          checkLongerTimeframe(u.timeframe, barMs, `${strategy}: indicator ${k + 1}`);
          r = rollUp(bars, n, barMs, u.timeframe);
          rolled.set(u.timeframe, r);
        }
        outs = u.kind.batch(u.inputs.map((f) => r.cols[f]!), u.params).map((longer) => atBars(longer, r.at));
      }
      done.set(u.key, outs);
    }
    return outs[u.output]!;
  });
}

/** A longer timeframe's column read at each bar: the value of the last longer bar closed by then, NaN before one. */
function atBars(longer: Float64Array, at: Int32Array): Float64Array {
  const out = new Float64Array(at.length);
  for (let i = 0; i < at.length; i++) out[i] = at[i]! < 0 ? Number.NaN : longer[at[i]!]!;
  return out;
}

/** One computation of the live form: its stream, the bar fields it reads and a buffer for them. */
interface Computation {
  stream: Stream;
  fields: readonly number[];
  x: Float64Array;
  /** Its longer timeframe's roll-up, or null: the strategy's own bars. */
  roll: RollingUp | null;
  /** A longer bar has closed since it started: its outputs hold a value. */
  seen: boolean;
}

/**
 * The live form: push(cols, i) computes bar i's value of every use from the bar columns and writes it.
 * A use on a longer timeframe is fed each longer bar as it closes and keeps its value in between, the
 * numbers batchColumns gives.
 */
export class StreamColumns {
  readonly #uses: readonly ResolvedUse[];
  readonly #streams: Computation[] = [];
  /** The longer timeframes' roll-ups, one per timeframe, each with the computations it feeds. */
  readonly #rolls: { roll: RollingUp; feeds: Computation[] }[] = [];
  /** For each use, the index of its computation in #streams. */
  readonly #of: number[];

  constructor(uses: readonly ResolvedUse[], barMs = Number.NaN, strategy = '') {
    this.#uses = uses;
    const keys: string[] = [];
    this.#of = uses.map((u, k) => {
      let s = keys.indexOf(u.key);
      if (s < 0) {
        s = keys.push(u.key) - 1;
        this.#streams.push({ stream: u.kind.stream(u.params), fields: u.inputs, x: new Float64Array(u.inputs.length), roll: this.#rollFor(u, barMs, `${strategy}: indicator ${k + 1}`), seen: false });
        const c = this.#streams[s]!;
        if (c.roll) this.#rolls.find((r) => r.roll === c.roll)!.feeds.push(c);
      }
      return s;
    });
  }

  #rollFor(u: ResolvedUse, barMs: number, where: string): RollingUp | null {
    if (u.timeframe === null) return null;
    checkLongerTimeframe(u.timeframe, barMs, where);
    const same = this.#rolls.find((r) => r.roll.timeframe === u.timeframe);
    if (same) return same.roll;
    const roll = new RollingUp(u.timeframe, barMs);
    this.#rolls.push({ roll, feeds: [] });
    return roll;
  }

  /** Bar i's fields are in cols[0..5]; use k's value goes to cols[6 + k][i]. */
  push(cols: readonly Float64Array[], i: number): void {
    for (const c of this.#streams) {
      if (c.roll !== null) continue;
      for (let j = 0; j < c.fields.length; j++) c.x[j] = cols[c.fields[j]!]![i]!;
      c.stream.add(c.x);
    }
    for (const { roll, feeds } of this.#rolls) {
      roll.push(cols[0]![i]!, cols[1]![i]!, cols[2]![i]!, cols[3]![i]!, cols[4]![i]!, cols[5]![i]!, () => {
        for (const c of feeds) {
          for (let j = 0; j < c.fields.length; j++) c.x[j] = roll.bar[c.fields[j]!]!;
          c.stream.add(c.x);
          c.seen = true;
        }
      });
    }
    for (let k = 0; k < this.#uses.length; k++) {
      const c = this.#streams[this.#of[k]!]!;
      cols[BAR_FIELDS.length + k]![i] = c.roll !== null && !c.seen ? Number.NaN : c.stream.outputs[this.#uses[k]!.output]!;
    }
  }
}

/**
 * The warm-up of a declared use that gives none (a trader's own strategy file): the index of its first
 * value, found by running its batch kernel over a made-up series long enough for the parameters. The
 * kernels put NaN before their first value whatever the prices, so the prices need only vary.
 */
export function declaredWarmup(use: IndicatorUse | Omit<IndicatorUse, 'warmup'>, strategy: string): number {
  const [u] = resolveUses([{ ...use, warmup: 0 }], strategy);
  const n = 3 * Math.max(1, ...Object.values(u!.params).filter(Number.isInteger)) + 10;
  const wave = (k: number) => Float64Array.from({ length: n }, (_, i) => 100 + k + Math.sin(i * 0.7) * (1 + (i % 3)));
  // Columns t, o, h, l, c, v with h above and l below the rest.
  const bars = [Float64Array.from({ length: n }, (_, i) => i * 60_000), wave(0), wave(5), wave(-5), wave(0.5), wave(1000)];
  const out = u!.kind.batch(
    u!.inputs.map((f) => bars[f]!),
    u!.params,
  )[u!.output]!;
  const first = out.findIndex((x) => !Number.isNaN(x));
  return first < 0 ? n : first;
}
