// A small, fast, seedable random number generator: xoshiro128** (Blackman and Vigna), 32-bit state
// words in Math.imul arithmetic, seeded through splitmix32 so nearby seeds give unrelated streams. The
// simulated market draws everything from these, never from Math.random, so a seed replays the same market.

/** splitmix32: turns any 32-bit value into a well-mixed one; also the seed expander. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** One 32-bit seed from several numbers (a seed, a symbol index, a minute number...). */
export function hashSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) {
    // Numbers past 32 bits (minute numbers are fine, epoch ms are not) are folded in two halves.
    h = mix32(h ^ (p >>> 0));
    h = mix32(h ^ Math.floor(p / 4294967296));
  }
  return h;
}

const TWO_POW_32 = 4294967296;

export class Random {
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;
  /** The second normal of the last polar draw, waiting to be used. */
  #spare = 0;
  #hasSpare = false;

  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Starts the stream again from `seed`; reusing one Random this way allocates nothing. */
  reseed(seed: number): void {
    let s = seed >>> 0;
    this.#a = s = mix32(s);
    this.#b = s = mix32(s);
    this.#c = s = mix32(s);
    this.#d = mix32(s) | 1; // never the all-zero state
    this.#hasSpare = false;
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const b = this.#b;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    this.#c ^= this.#a;
    this.#d ^= b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result;
  }

  /** Uniform in (0, 1): never 0, so log() of it is finite. */
  uniform(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32;
  }

  /** Standard normal, Marsaglia's polar method (two per round; the second is kept for the next call). */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * m;
    this.#hasSpare = true;
    return u * m;
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -Math.log(this.uniform());
  }

  /** Poisson with mean `lambda` (Knuth's product method: fine for the small means used here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
