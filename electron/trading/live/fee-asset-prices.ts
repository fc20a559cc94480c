// What one unit of a fee asset is worth in a quote asset, read from the exchange, for fees paid in a third
// asset (Binance users often pay in BNB for the discount; the engine keeps every fee in the quote asset).
//
// The price is the last trade of the market ASSET/QUOTE (BNB/USDT), or 1 ÷ the last trade of QUOTE/ASSET
// when only that one is listed. A price is reused while it is younger than `maxAgeMs` (a minute by
// default), and fills that ask while it is being read share the one request: a burst of fills costs one
// ticker. A failed read is not kept, so the next fill tries again. Nothing here ever rejects: an answer
// says either the price or why there is none, and the broker decides what to record.
import { decFromNumber, div, format, ONE, type Dec } from '../../../shared/trading/decimal.ts';
import type { Clock } from '../clock.ts';
import type { LiveExchange } from './live-exchange.ts';
import { classifyOrderError } from './order-errors.ts';

/** The price of one unit of the asset in the quote asset, and the market it was read from; or why there is none. */
export type FeeAssetPrice = { ok: true; price: Dec; market: string } | { ok: false; why: string };

/** The part of the exchange this needs: its loaded markets and one ticker. */
export type FeePriceSource = Pick<LiveExchange, 'id' | 'markets' | 'fetchTicker'>;

export interface FeeAssetPricesOptions {
  /** The exchange, markets loaded (the broker's own instance: one rate limiter). */
  exchange: () => Promise<FeePriceSource>;
  /** Ages cached prices. */
  clock: Clock;
  /** How long a price is reused; default 60 s. */
  maxAgeMs?: number;
}

const DEFAULT_MAX_AGE_MS = 60_000;

interface CachedPrice {
  /** When the read started. */
  at: number;
  answer: Promise<FeeAssetPrice>;
}

export class FeeAssetPrices {
  readonly #exchange: () => Promise<FeePriceSource>;
  readonly #clock: Clock;
  readonly #maxAgeMs: number;
  readonly #cache = new Map<string, CachedPrice>();

  constructor(options: FeeAssetPricesOptions) {
    if (options.maxAgeMs !== undefined && !(options.maxAgeMs >= 0)) throw new RangeError(`maxAgeMs must be 0 or more, got ${options.maxAgeMs}`);
    this.#exchange = options.exchange;
    this.#clock = options.clock;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /** One `asset` in `quote` (BNB in USDT): a recent enough price, the read already under way, or a new read. */
  priceIn(asset: string, quote: string): Promise<FeeAssetPrice> {
    const key = `${asset}/${quote}`;
    const now = this.#clock.now();
    const cached = this.#cache.get(key);
    if (cached && now - cached.at < this.#maxAgeMs) return cached.answer;
    const entry: CachedPrice = { at: now, answer: this.#read(asset, quote) };
    this.#cache.set(key, entry);
    void entry.answer.then((answer) => {
      if (!answer.ok && this.#cache.get(key) === entry) this.#cache.delete(key);
    });
    return entry.answer;
  }

  async #read(asset: string, quote: string): Promise<FeeAssetPrice> {
    let ex: FeePriceSource;
    try {
      ex = await this.#exchange();
    } catch (err) {
      return { ok: false, why: `the exchange is not available (${err instanceof Error ? err.message : String(err)})` };
    }
    const direct = `${asset}/${quote}`;
    const inverse = `${quote}/${asset}`;
    if (ex.markets?.[direct]) return lastPriceOf(ex, direct, (last) => last);
    // Only QUOTE/ASSET is listed: one ASSET is 1 ÷ (ASSET per QUOTE) quote, cut at 10^-18.
    if (ex.markets?.[inverse]) return lastPriceOf(ex, inverse, (last) => div(ONE, last));
    return { ok: false, why: `${ex.id} lists neither ${direct} nor ${inverse}` };
  }
}

/** The ticker's last price of `market`, turned into the fee asset's price by `toPrice`. */
async function lastPriceOf(ex: FeePriceSource, market: string, toPrice: (last: Dec) => Dec): Promise<FeeAssetPrice> {
  let last: number | undefined;
  try {
    last = (await ex.fetchTicker(market)).last;
  } catch (err) {
    return { ok: false, why: `reading the ${market} ticker from ${ex.id} failed (${classifyOrderError(ex.id, err).reason})` };
  }
  if (typeof last !== 'number' || !Number.isFinite(last) || last <= 0) {
    return { ok: false, why: `${ex.id}'s ${market} ticker has no usable last price (${String(last)})` };
  }
  const price = toPrice(decFromNumber(last));
  if (price <= 0n) return { ok: false, why: `${ex.id}'s ${market} last price ${format(decFromNumber(last))} gives no price at 18 decimals` };
  return { ok: true, price, market };
}
