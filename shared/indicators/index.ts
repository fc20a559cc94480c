// Keel's technical indicators: pure TypeScript over Float64Array, no Node or DOM APIs, so the engine
// and the renderer share them. Each indicator has a batch function (whole series in, same-length
// arrays out, NaN for warm-up) and a streaming class (add() a closed bar, replace() the forming one)
// that gives identical numbers. Conventions per indicator: docs/indicators.md.
export { adx, AdxStream, type AdxOutput } from './adx.ts';
export { atr, AtrStream } from './atr.ts';
export { bollinger, BollingerStream, type BollingerOutput } from './bollinger.ts';
export { donchian, DonchianStream, type DonchianOutput } from './donchian.ts';
export { ema, EmaStream } from './ema.ts';
export { keltner, KeltnerStream, type KeltnerOutput } from './keltner.ts';
export { macd, MacdStream, type MacdOutput } from './macd.ts';
export { obv, ObvStream } from './obv.ts';
export { rsi, RsiStream } from './rsi.ts';
export { sma, SmaStream } from './sma.ts';
export { stochastic, StochasticStream, type StochasticOutput } from './stochastic.ts';
export { supertrend, SuperTrendStream, type SuperTrendOutput } from './supertrend.ts';
export { MAX_PERIOD } from './validate.ts';
export { vwap, VwapStream, type VwapOptions, type VwapReset } from './vwap.ts';
export { rollingMax, rollingMin, WindowExtremeStream } from './window-extremes.ts';
export { wma, WmaStream } from './wma.ts';
