// How the paper broker turns prices into fills: fees, slippage, how much of a limit order the traded
// volume can fill, and how long an order takes to reach the venue. One object, configurable, so a
// backtest states its assumptions in one place.
import { ceilTo, decFromNumber, floorTo, mul, ONE, type Dec } from '../../../shared/trading/decimal.ts';
import type { Side } from '../../../shared/trading/orders.ts';
import type { FeeRates } from '../broker.ts';

/** Spot fees in percent (maker / taker) at each exchange's entry tier, as published in 2025. */
export const FEE_TABLE_PERCENT: Readonly<Record<string, { maker: number; taker: number }>> = {
  binance: { maker: 0.1, taker: 0.1 },
  bybit: { maker: 0.1, taker: 0.1 },
  okx: { maker: 0.08, taker: 0.1 },
  kraken: { maker: 0.25, taker: 0.4 },
  coinbase: { maker: 0.4, taker: 0.6 },
  default: { maker: 0.1, taker: 0.1 },
};

/**
 * Fees are charged in the quote asset and rounded UP to 1e-8 of it (the finest unit exchanges book
 * fees in): a fee is never under-counted, and every fee is a whole number of 1e-8 units, so sums of
 * fees stay exact.
 */
export const FEE_UNIT: Dec = 10n ** 10n; // 1e-8 in atoms of 1e-18

export interface FillModelOptions {
  /** Which row of FEE_TABLE_PERCENT (default "default"). */
  exchange?: string;
  /** Overrides the table: one fraction for both (0.001 = 0.1 %), or maker and taker apart. */
  feeRate?: number | { maker: number; taker: number };
  /** Market executions without an order book move this many basis points against the order (default 1; 0 allowed). */
  slippageBps?: number;
  /** Share of the volume traded at a limit price that a resting order may take (default 1.0). */
  participation?: number;
  /** Market ms between sending an order and it being live at the venue (default 0). */
  latencyMs?: number;
}

export class FillModel {
  readonly rates: FeeRates;
  readonly slippageBps: number;
  readonly participation: number;
  readonly latencyMs: number;
  readonly #up: Dec;
  readonly #down: Dec;

  constructor(options: FillModelOptions = {}) {
    const row = FEE_TABLE_PERCENT[options.exchange ?? 'default'] ?? FEE_TABLE_PERCENT.default!;
    const fr = options.feeRate;
    const maker = fr === undefined ? row.maker / 100 : typeof fr === 'number' ? fr : fr.maker;
    const taker = fr === undefined ? row.taker / 100 : typeof fr === 'number' ? fr : fr.taker;
    for (const [name, v] of [['maker fee', maker], ['taker fee', taker]] as const) {
      if (!(v >= 0 && v < 1)) throw new RangeError(`${name} rate must be a fraction from 0 to below 1 (0.001 is 0.1%), got ${v}`);
    }
    this.rates = { maker: decFromNumber(maker), taker: decFromNumber(taker) };
    this.slippageBps = options.slippageBps ?? 1;
    if (!(this.slippageBps >= 0 && this.slippageBps < 10_000)) throw new RangeError(`slippageBps must be 0 or more and below 10,000, got ${this.slippageBps}`);
    this.participation = options.participation ?? 1;
    if (!(this.participation > 0 && this.participation <= 1)) throw new RangeError(`participation must be above 0 and at most 1, got ${this.participation}`);
    this.latencyMs = options.latencyMs ?? 0;
    if (!(this.latencyMs >= 0) || !Number.isFinite(this.latencyMs)) throw new RangeError(`latencyMs must be 0 or more, got ${this.latencyMs}`);
    const bps = decFromNumber(this.slippageBps) / 10_000n;
    this.#up = ONE + bps;
    this.#down = ONE - bps;
  }

  /** The fee on `notional` (quote asset), rounded up to 1e-8. */
  fee(notional: Dec, liquidity: 'maker' | 'taker'): Dec {
    const rate = liquidity === 'maker' ? this.rates.maker : this.rates.taker;
    return rate === 0n ? 0n : ceilTo(mul(notional, rate), FEE_UNIT);
  }

  /** The fee on a fill of `qty` at `price`: fee(qty × price). At a zero rate it is 0 without working out the notional. */
  feeOn(qty: Dec, price: Dec, liquidity: 'maker' | 'taker'): Dec {
    const rate = liquidity === 'maker' ? this.rates.maker : this.rates.taker;
    return rate === 0n ? 0n : ceilTo(mul(mul(qty, price), rate), FEE_UNIT);
  }

  /** A market execution's price without a book: `price` moved by the slippage, onto the tick grid against the order. */
  slipped(price: Dec, side: Side, tick: Dec): Dec {
    if (this.slippageBps === 0) return price;
    if (side === 'buy') return ceilTo(mul(price, this.#up), tick);
    const p = floorTo(mul(price, this.#down), tick);
    return p > 0n ? p : tick;
  }

  /**
   * How much a resting order may fill from `volume` traded at its price: volume × participation, down to the
   * step. The product is taken to 12 significant digits first: a volume that is a quarter of a bar's worked
   * out two ways (a backtest's v / 4, the app's difference of running totals, 0.005049999999999999 for
   * 0.0202) must give the same fill, not one a step smaller; no volume is known to 12 digits anyway.
   */
  fillable(volume: number, step: Dec): Dec {
    if (!(volume > 0)) return 0n;
    return floorTo(decFromNumber(Number((volume * this.participation).toPrecision(12))), step);
  }
}
