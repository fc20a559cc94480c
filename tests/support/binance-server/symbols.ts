// The symbols the server lists, with Binance's filter values and the bars behind each.
import { barsEnd, loadBtcUsdt, loadEthUsdt, type MinuteBars } from './market-data.ts';

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

/** Binance prints prices and quantities as strings with eight decimals. */
export function fmt(value: number): string {
  return value.toFixed(8);
}
