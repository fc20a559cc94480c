// GET /api/v3/exchangeInfo: Binance's spot market list with the filters ccxt reads for precision and limits.
// BTCUSDT carries today's NOTIONAL filter and ETHUSDT the older MIN_NOTIONAL, so clients meet both shapes.
import type { SymbolSpec } from './symbols.ts';

const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];

function symbolInfo(spec: SymbolSpec, legacyNotional: boolean): Record<string, unknown> {
  const notional = legacyNotional
    ? { filterType: 'MIN_NOTIONAL', minNotional: spec.minNotional, applyToMarket: true, avgPriceMins: 5 }
    : { filterType: 'NOTIONAL', minNotional: spec.minNotional, applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 };
  return {
    symbol: spec.id,
    status: 'TRADING',
    baseAsset: spec.base,
    baseAssetPrecision: 8,
    quoteAsset: spec.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ORDER_TYPES,
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: spec.tickText, maxPrice: '1000000.00000000', tickSize: spec.tickText },
      { filterType: 'LOT_SIZE', minQty: spec.minQty, maxQty: spec.maxQty, stepSize: spec.stepText },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
      notional,
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

export function exchangeInfo(specs: readonly SymbolSpec[], serverTime: number): Record<string, unknown> {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: specs.map((s, i) => symbolInfo(s, i % 2 === 1)),
  };
}
