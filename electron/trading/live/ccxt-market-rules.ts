// Market rules for live trading, from the exchange's own markets as ccxt loaded them: the price tick and
// quantity step (ccxt's TICK_SIZE precision, which Binance uses), the minimum quantity and the minimum
// order value. The engine checks every order against these before anything is journaled or sent, so an
// order off the tick or under the minimum is refused with a clear reason instead of being rounded by
// ccxt (priceToPrecision rounds) or refused by the exchange after the fact.
import { decFromNumber, type Dec } from '../../../shared/trading/decimal.ts';
import type { FeeRates } from '../broker.ts';
import type { MarketRules, MarketRulesProvider } from '../market-rules.ts';
import type { LiveMarket } from './live-exchange.ts';

/** ccxt's precision as an increment: TICK_SIZE mode gives it as is, DECIMAL_PLACES mode as a digit count. */
function increment(value: number | undefined, tickSizeMode: boolean): Dec | null {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return null;
  if (tickSizeMode) return decFromNumber(value);
  if (!Number.isInteger(value)) return null;
  return decFromNumber(10 ** -value);
}

export function rulesFromMarket(m: LiveMarket, tickSizeMode = true): MarketRules | null {
  const tick = increment(m.precision?.price, tickSizeMode);
  const step = increment(m.precision?.amount, tickSizeMode);
  if (tick === null || step === null) return null;
  const minQtyRaw = m.limits?.amount?.min;
  const minQty = minQtyRaw !== undefined && minQtyRaw > 0 ? decFromNumber(minQtyRaw) : step;
  const minCost = m.limits?.cost?.min;
  return { symbol: m.symbol, base: m.base, quote: m.quote, tickSize: tick, stepSize: step, minQty: minQty > step ? minQty : step, minNotional: minCost !== undefined && minCost > 0 ? decFromNumber(minCost) : 0n };
}

const DEFAULT_RATE: Dec = 10n ** 15n;

function rate(value: number | undefined): Dec {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? decFromNumber(value) : DEFAULT_RATE;
}

/** The rules of every active spot market the exchange listed; built once the markets are loaded. */
export class CcxtMarketRules implements MarketRulesProvider {
  readonly #rules = new Map<string, MarketRules>();
  readonly #fees = new Map<string, FeeRates>();

  constructor(markets: Readonly<Record<string, LiveMarket>>, options: { tickSizeMode?: boolean } = {}) {
    for (const m of Object.values(markets)) {
      if (m.spot === false || m.active === false) continue;
      const r = rulesFromMarket(m, options.tickSizeMode ?? true);
      if (r) this.#rules.set(m.symbol, r);
      this.#fees.set(m.symbol, { maker: rate(m.maker), taker: rate(m.taker) });
    }
  }

  /** The market's fee rates as ccxt lists them (0.1 % when it lists none). */
  fees(symbol: string): FeeRates {
    return this.#fees.get(symbol) ?? { maker: DEFAULT_RATE, taker: DEFAULT_RATE };
  }

  rules(symbol: string): MarketRules | null {
    return this.#rules.get(symbol) ?? null;
  }

  symbols(): readonly string[] {
    return [...this.#rules.keys()].sort();
  }
}
