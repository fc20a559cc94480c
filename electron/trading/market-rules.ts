// What an exchange allows per market: the price grid (tick size), the quantity grid (step size) and
// the smallest order. Orders are checked against these before anything is sent (validate-order.ts).
// Paper trading has a table of the common markets and derives the rest from the candles it has seen;
// live trading will fill the same shape from ccxt's markets.
import { splitSymbol } from '../../shared/domain/symbol.ts';
import { dec, decFromNumber, format, type Dec } from '../../shared/trading/decimal.ts';

export interface MarketRules {
  symbol: string;
  base: string;
  quote: string;
  /** Smallest price increment: every limit, trigger and bracket price is a multiple of it. */
  tickSize: Dec;
  /** Smallest quantity increment: every quantity is a multiple of it. */
  stepSize: Dec;
  minQty: Dec;
  /** Smallest qty × price, in the quote asset. */
  minNotional: Dec;
}

export interface MarketRulesProvider {
  /** The rules for a symbol, or null when the market is unknown. */
  rules(symbol: string): MarketRules | null;
  /** Every symbol the provider knows now (for "unknown symbol; valid ones are ..."). */
  symbols(): readonly string[];
}


function entry(symbol: string, tick: string, step: string, minNotional: string): MarketRules {
  return { symbol, ...splitSymbol(symbol), tickSize: dec(tick), stepSize: dec(step), minQty: dec(step), minNotional: dec(minNotional) };
}

/** Binance spot's filters for the markets people paper-trade most (tick, step, min notional), as of 2025. */
export const DEFAULT_PAPER_RULES: readonly MarketRules[] = [
  entry('BTC/USDT', '0.01', '0.00001', '5'),
  entry('ETH/USDT', '0.01', '0.0001', '5'),
  entry('BNB/USDT', '0.01', '0.001', '5'),
  entry('SOL/USDT', '0.01', '0.001', '5'),
  entry('XRP/USDT', '0.0001', '0.1', '5'),
  entry('ADA/USDT', '0.0001', '0.1', '5'),
  entry('DOGE/USDT', '0.00001', '1', '1'),
  entry('LTC/USDT', '0.01', '0.001', '5'),
  entry('BTC/USDC', '0.01', '0.00001', '5'),
  entry('ETH/USDC', '0.01', '0.0001', '5'),
  entry('ETH/BTC', '0.00001', '0.0001', '0.0001'),
];

const STABLE_QUOTES = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USD', 'EUR']);
const MAX_PRICE_DECIMALS = 10;

/** How many decimals a float price prints with (46216.93 → 2). */
export function decimalsOf(price: number): number {
  const text = format(decFromNumber(price));
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Rules for a market the table does not list, from prices seen in its candles: the tick is the finest
 * decimal the prices use (an exchange prints prices on its tick grid), the step gives about one
 * quote unit or less per step at the typical price, and the minimum order is one step.
 */
export function inferRules(symbol: string, prices: ArrayLike<number>): MarketRules | null {
  let decimals = 0;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i]!;
    if (!(p > 0) || !Number.isFinite(p)) continue;
    decimals = Math.max(decimals, decimalsOf(p));
    sum += p;
    n++;
  }
  if (n === 0) return null;
  decimals = Math.min(decimals, MAX_PRICE_DECIMALS);
  const typical = sum / n;
  // 10^floor(log10(1/price)), capped to [1e-8, 1]: BTC at 60,000 → 0.00001, ETH at 3,000 → 0.0001.
  const stepExp = Math.max(-8, Math.min(0, Math.floor(Math.log10(1 / typical))));
  const { base, quote } = splitSymbol(symbol);
  const step = stepExp === 0 ? '1' : '0.' + '0'.repeat(-stepExp - 1) + '1';
  const tick = decimals === 0 ? '1' : '0.' + '0'.repeat(decimals - 1) + '1';
  return { symbol, base, quote, tickSize: dec(tick), stepSize: dec(step), minQty: dec(step), minNotional: STABLE_QUOTES.has(quote) ? dec('5') : 0n };
}

export interface PaperMarketRulesOptions {
  table?: readonly MarketRules[];
  /** Prices from stored candles for a symbol the table lacks (a sample is enough), or null if none are stored. */
  samplePrices?: (symbol: string) => ArrayLike<number> | null;
  /** Every symbol with stored candles, for the list of valid symbols. */
  storedSymbols?: () => readonly string[];
}

/** Paper trading's rules: the table first, then rules inferred from stored candles (cached per symbol). */
export class PaperMarketRules implements MarketRulesProvider {
  readonly #table = new Map<string, MarketRules>();
  readonly #derived = new Map<string, MarketRules>();
  readonly #sample: PaperMarketRulesOptions['samplePrices'];
  readonly #stored: PaperMarketRulesOptions['storedSymbols'];

  constructor(options: PaperMarketRulesOptions = {}) {
    for (const r of options.table ?? DEFAULT_PAPER_RULES) this.#table.set(r.symbol, r);
    this.#sample = options.samplePrices;
    this.#stored = options.storedSymbols;
  }

  rules(symbol: string): MarketRules | null {
    const known = this.#table.get(symbol) ?? this.#derived.get(symbol);
    if (known) return known;
    const prices = this.#sample?.(symbol);
    const inferred = prices ? inferRules(symbol, prices) : null;
    if (inferred) this.#derived.set(symbol, inferred);
    return inferred;
  }

  symbols(): readonly string[] {
    return [...new Set([...this.#table.keys(), ...this.#derived.keys(), ...(this.#stored?.() ?? [])])].sort();
  }

  /** Adds or replaces a market's rules (tests, and symbols a feed announces). */
  set(rules: MarketRules): void {
    this.#table.set(rules.symbol, rules);
  }
}
