// The symbols the server lists, with Binance's filter values and the bars behind each.
import { barsEnd, flatBars, loadBtcUsdt, loadEthUsdt, type MinuteBars } from './market-data.ts';

export interface SymbolSpec {
  /** Binance's id: BTCUSDT. */
  id: string;
  base: string;
  quote: string;
  /** PRICE_FILTER tickSize and LOT_SIZE stepSize, as numbers and as Binance prints them. */
  tick: number;
  step: number;
  tickText: string;
  stepText: string;
  minQty: string;
  maxQty: string;
  minNotional: string;
  /** Trade ids start here, so the two symbols' ids never look alike. */
  tradeIdBase: number;
  bars: MinuteBars;
}

let cached: SymbolSpec[] | undefined;

/** BTCUSDT from real Binance.US minutes; ETHUSDT from real hourly mark prices walked to minutes. Loaded once per process. */
export function loadSymbols(): SymbolSpec[] {
  if (cached) return cached;
  const btc = loadBtcUsdt();
  const eth = loadEthUsdt(btc.start, barsEnd(btc), 0.01, 0.0001);
  cached = [
    {
      id: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      tick: 0.01,
      step: 0.000001,
      tickText: '0.01000000',
      stepText: '0.00000100',
      minQty: '0.00000100',
      maxQty: '9000.00000000',
      minNotional: '5.00000000',
      tradeIdBase: 3_000_000_000,
      bars: btc,
    },
    {
      id: 'ETHUSDT',
      base: 'ETH',
      quote: 'USDT',
      tick: 0.01,
      step: 0.0001,
      tickText: '0.01000000',
      stepText: '0.00010000',
      minQty: '0.00010000',
      maxQty: '9000.00000000',
      minNotional: '5.00000000',
      tradeIdBase: 1_200_000_000,
      bars: eth,
    },
  ];
  return cached;
}

/**
 * A market a test adds beside the real two (BNBUSDT, so fees paid in BNB can be valued): its price never
 * moves, so a test knows what its ticker says at any time.
 */
export interface FlatMarket {
  base: string;
  quote: string;
  /** Decimal text on the 0.01 tick: "312.45". */
  price: string;
}

const FLAT_TICK = 0.01;
const FLAT_STEP = 0.001;
/** Trade ids of the added markets start here, 100 million apart, below ETHUSDT's. */
const FLAT_TRADE_ID_BASE = 100_000_000;

/** The `index`-th added market, over the same minutes as the real data (`span`), trading 10 units a minute. */
export function flatSymbol(market: FlatMarket, index: number, span: MinuteBars): SymbolSpec {
  const price = Number(market.price);
  // At most two decimals is what being on the 0.01 tick means.
  if (!/^\d+(\.\d{1,2})?$/.test(market.price) || !(price > 0)) {
    throw new RangeError(`the ${market.base}${market.quote} test market needs a price above 0 on the 0.01 tick, like "312.45"; got "${market.price}"`);
  }
  if (!/^[A-Z0-9]{2,10}$/.test(market.base) || !/^[A-Z0-9]{2,10}$/.test(market.quote)) {
    throw new RangeError(`a test market's assets are 2 to 10 capitals or digits, like BNB and USDT; got "${market.base}" and "${market.quote}"`);
  }
  return {
    id: `${market.base}${market.quote}`,
    base: market.base,
    quote: market.quote,
    tick: FLAT_TICK,
    step: FLAT_STEP,
    tickText: '0.01000000',
    stepText: '0.00100000',
    minQty: '0.00100000',
    maxQty: '9000000.00000000',
    minNotional: '5.00000000',
    tradeIdBase: FLAT_TRADE_ID_BASE * (index + 1),
    bars: flatBars(span.start, span.length, price, 10),
  };
}

/** Binance prints prices and quantities as strings with eight decimals. */
export function fmt(value: number): string {
  return value.toFixed(8);
}
