// The markets the simulated source offers, at prices and sizes of the same order as the real ones on a
// large spot exchange, so that order sizes, fees and indicators look sensible on them.

export interface SimulatedSymbol {
  symbol: string;
  base: string;
  quote: string;
  /** Where the simulated price starts, at the origin of the simulation. */
  startPrice: number;
  /** Long-run volatility, annualized (0.6 = 60 %). */
  annualVol: number;
  tickSize: number;
  stepSize: number;
  minNotional: number;
  /** Typical base volume per minute. */
  volumePerMinute: number;
  /** Typical trades per minute (the live stream's rhythm; kept modest so history stays cheap to generate). */
  tradesPerMinute: number;
}

export const SIMULATED_SYMBOLS: readonly SimulatedSymbol[] = [
  { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', startPrice: 65_000, annualVol: 0.55, tickSize: 0.01, stepSize: 0.00001, minNotional: 5, volumePerMinute: 12, tradesPerMinute: 40 },
  { symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', startPrice: 3_400, annualVol: 0.7, tickSize: 0.01, stepSize: 0.0001, minNotional: 5, volumePerMinute: 150, tradesPerMinute: 32 },
  { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', startPrice: 150, annualVol: 0.95, tickSize: 0.01, stepSize: 0.001, minNotional: 5, volumePerMinute: 2_500, tradesPerMinute: 25 },
];
