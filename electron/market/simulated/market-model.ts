// The simulated market's price and volume process, minute by minute:
// - volatility clusters: the variance follows GARCH(1,1), h' = ω + α·r²/s + β·h, so a large move makes the
//   next minutes more volatile and calm spells last (|r| is autocorrelated, the tails are fat);
// - jumps: a compound Poisson process adds a few large moves a day, which GARCH then feels as shocks;
// - intraday seasonality: variance and volume follow the UTC clock (Asia, Europe and the US open);
// - volume grows with the size of the move, with lognormal noise; the trade count follows the volume.
// Each minute's trades are a Brownian bridge from the minute's start to its end (a jump is a step at one
// trade), drawn from a generator seeded by (seed, symbol, minute), so a minute's trades are the same
// whether they are streamed live or generated later as history.
import { hashSeed, Random } from './prng.ts';
import type { SimulatedSymbol } from './simulated-symbols.ts';

export const MINUTE_MS = 60_000;
const MINUTES_PER_YEAR = 525_600;
/** The most trades one minute holds: the buffers are this big and never grow. */
export const MAX_TRADES_PER_MINUTE = 400;

const ALPHA = 0.07;
const BETA = 0.91;
/** Jumps per minute (about six a day) and their size in long-run minute standard deviations. */
const JUMP_RATE = 1 / 240;
const JUMP_SIZE = 5;
/** A ceiling on the variance (in long-run variances) so a run of jumps cannot blow the process up. */
const MAX_VARIANCE_RATIO = 60;

/** Variance (and volume) multiplier by minute of the UTC day; averages 1 over the day. */
export const SEASON: Float64Array = (() => {
  const s = new Float64Array(1440);
  const bump = (h: number, at: number, width: number) => Math.exp(-(((h - at) / width) ** 2));
  let sum = 0;
  for (let m = 0; m < 1440; m++) {
    const h = m / 60;
    s[m] = 0.65 + 0.55 * bump(h, 14.5, 2.2) + 0.25 * bump(h, 8.5, 1.8) + 0.15 * bump(h, 1, 1.5) + 0.15 * bump(h, 25, 1.5);
    sum += s[m]!;
  }
  for (let m = 0; m < 1440; m++) s[m] = s[m]! / (sum / 1440);
  return s;
})();

/** E[1/s] over the day: how much more a jump weighs in GARCH's r²/s than in r². */
const MEAN_INVERSE_SEASON = SEASON.reduce((sum, s) => sum + 1 / s, 0) / SEASON.length;

/** One minute's plan: enough to regenerate its trades exactly. */
export interface MinutePlan {
  /** Log price where the minute starts (the previous minute's end). */
  x0: number;
  /** Log price the diffusion reaches at the last trade (before the jump). */
  x1: number;
  /** Log jump, 0 for none. */
  jump: number;
  /** Standard deviation of the minute's diffusion (log units). */
  sigma: number;
  /** Base volume of the minute. */
  volume: number;
  trades: number;
  /** The trade (1-based) at which the jump happens; past `trades` when there is none. */
  jumpAt: number;
}

/** The sequential minute-level process for one symbol; `next()` plans minute after minute. */
export class MinuteProcess {
  readonly spec: SimulatedSymbol;
  readonly #rng: Random;
  readonly #barVar: number;
  readonly #omega: number;
  #h: number;
  #x: number;

  constructor(spec: SimulatedSymbol, seed: number, symbolIndex: number) {
    this.spec = spec;
    this.#rng = new Random(hashSeed(seed, symbolIndex, 0x5eed));
    const barSd = spec.annualVol / Math.sqrt(MINUTES_PER_YEAR);
    this.#barVar = barSd * barSd;
    // The long-run variance of a minute, jumps included, is the symbol's: jumps take their share, and since
    // they feed back into GARCH (r² includes them), ω is lowered by what they add to the GARCH level.
    const jumpVar = JUMP_RATE * JUMP_SIZE * JUMP_SIZE * this.#barVar;
    this.#omega = (this.#barVar - jumpVar) * (1 - ALPHA - BETA) - ALPHA * jumpVar * MEAN_INVERSE_SEASON;
    this.#h = this.#barVar - jumpVar;
    this.#x = Math.log(spec.startPrice);
  }

  /** Plans the minute opening at `minuteOfDay` (0..1439 UTC) into `out`. */
  next(minuteOfDay: number, out: MinutePlan): MinutePlan {
    const rng = this.#rng;
    const s = SEASON[minuteOfDay]!;
    const variance = s * this.#h;
    const sigma = Math.sqrt(variance);
    // -σ²/2 keeps the price (not its log) without drift.
    const diffusion = sigma * rng.normal() - variance / 2;
    const jumps = rng.poisson(JUMP_RATE);
    let jump = 0;
    for (let k = 0; k < jumps; k++) jump += JUMP_SIZE * Math.sqrt(this.#barVar) * rng.normal();
    const r = diffusion + jump;
    this.#h = Math.min(this.#omega + (ALPHA * r * r) / s + BETA * this.#h, MAX_VARIANCE_RATIO * this.#barVar);
    // Volume: seasonal, larger with the move (|r| in units of its expected size), lognormal noise.
    const size = Math.abs(r) / (0.7979 * Math.sqrt(s * this.#barVar));
    const volume = this.spec.volumePerMinute * s * (0.3 + 0.7 * size) * Math.exp(0.35 * rng.normal() - 0.06);
    const trades = Math.max(1, Math.min(MAX_TRADES_PER_MINUTE, Math.round((this.spec.tradesPerMinute * volume) / this.spec.volumePerMinute)));
    out.x0 = this.#x;
    out.x1 = this.#x + diffusion;
    out.jump = jump;
    out.sigma = sigma;
    out.volume = volume;
    out.trades = trades;
    out.jumpAt = jump === 0 ? trades + 1 : 1 + Math.floor(rng.uniform() * trades);
    this.#x = out.x1 + jump;
    return out;
  }
}

/** Where one minute's trades are written: preallocated, reused for every minute. */
export class TradeBuffer {
  readonly time = new Float64Array(MAX_TRADES_PER_MINUTE);
  readonly price = new Float64Array(MAX_TRADES_PER_MINUTE);
  readonly amount = new Float64Array(MAX_TRADES_PER_MINUTE);
  /** +1 buy (the aggressor lifted the offer), -1 sell. */
  readonly side = new Int8Array(MAX_TRADES_PER_MINUTE);
  length = 0;
  readonly #u = new Float64Array(MAX_TRADES_PER_MINUTE + 1);
  readonly #rng = new Random(0);

  /**
   * Writes the trades of the minute opening at `start` (epoch ms) from its plan; the result depends only
   * on (seed, symbolIndex, start, plan).
   */
  fill(plan: MinutePlan, spec: SimulatedSymbol, seed: number, symbolIndex: number, start: number): this {
    const rng = this.#rng;
    rng.reseed(hashSeed(seed, symbolIndex, start / MINUTE_MS));
    const n = plan.trades;
    const u = this.#u;
    const { time, price, amount, side } = this;
    // Arrival times: n points in the minute with exponential spacings (a Poisson process, conditioned).
    let total = 0;
    for (let k = 0; k <= n; k++) {
      total += rng.exponential();
      u[k] = total;
    }
    const inv = 1 / total;
    for (let k = 0; k <= n; k++) u[k] = u[k]! * inv;
    // Amounts: the minute's volume split by heavy-tailed weights (Pareto, α = 2: a few big prints among
    // many small ones, as on a real tape), on the market's step size.
    let weights = 0;
    for (let k = 0; k < n; k++) {
      const w = 1 / Math.sqrt(rng.uniform()) - 0.9;
      amount[k] = w;
      weights += w;
    }
    const perWeight = plan.volume / weights;
    const stepsPerUnit = Math.round(1 / spec.stepSize);
    const ticksPerUnit = Math.round(1 / spec.tickSize);
    const { x0, x1, jump, jumpAt, sigma } = plan;
    const end = u[n - 1]!;
    let x = x0;
    let prevU = 0;
    let prevPrice = Math.round(Math.exp(x0) * ticksPerUnit) / ticksPerUnit;
    for (let k = 0; k < n; k++) {
      const uk = u[k]!;
      if (k === n - 1) x = x1;
      else {
        // Brownian bridge from (prevU, x) to (end, x1), variance σ² per minute.
        const span = end - prevU;
        const dt = uk - prevU;
        x += ((x1 - x) * dt) / span + sigma * Math.sqrt((dt * (end - uk)) / span) * rng.normal();
      }
      prevU = uk;
      // Whole ticks divided by ticks per unit: the float nearest the decimal (see roundTo).
      const p = Math.round(Math.exp(k + 1 >= jumpAt ? x + jump : x) * ticksPerUnit) / ticksPerUnit;
      time[k] = start + Math.floor(uk * MINUTE_MS);
      price[k] = p;
      amount[k] = Math.max(1, Math.round(amount[k]! * perWeight * stepsPerUnit)) / stepsPerUnit;
      side[k] = p > prevPrice ? 1 : p < prevPrice ? -1 : rng.uniform() < 0.5 ? 1 : -1;
      prevPrice = p;
    }
    this.length = n;
    return this;
  }
}

/**
 * `value` on a grid of `step` (a power of ten at most 1). Dividing the whole count by the inverse step, not
 * multiplying by the step, gives the float nearest the decimal, which prints as the decimal (no 0.30000000000000004).
 */
export function roundTo(value: number, step: number): number {
  const inverse = Math.round(1 / step);
  return Math.round(value * inverse) / inverse;
}
