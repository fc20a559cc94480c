// ccxt's structures → Keel's, checking every value: an exchange (or a broken response that ccxt parsed into
// undefined fields) must never put a NaN price on a chart or into the journal. Garbage raises BadDataError,
// which the source treats like any failed request: back off, say why, try again.
import { candleProblem, type Candle } from '../../../shared/domain/candle.ts';
import { isSymbol } from '../../../shared/domain/symbol.ts';
import type { BookLevel, BookSnapshot, MarketInfo, Ticker, Trade } from '../market-source.ts';
import { BadDataError } from './ccxt-errors.ts';
import { DECIMAL_PLACES, TICK_SIZE, type CcxtMarket, type CcxtOrderBook, type CcxtTicker, type CcxtTrade, type OhlcvRow } from './ccxt-exchange.ts';

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Every row must be a sound candle; one bad row means the whole answer is not to be trusted. */
export function toCandles(rows: unknown, what: string): Candle[] {
  if (!Array.isArray(rows)) throw new BadDataError(`${what}: expected a list of candles, got ${typeof rows}`);
  return rows.map((row: OhlcvRow, i) => {
    const [t, o, h, l, c, v] = Array.isArray(row) ? row : [];
    const candle: Candle = { t: t as number, o: o as number, h: h as number, l: l as number, c: c as number, v: v === undefined || v === null ? null : v };
    if (!Number.isSafeInteger(candle.t) || candle.t < 0) throw new BadDataError(`${what}: candle ${i} has no valid open time`);
    const problem = candleProblem(candle);
    if (problem) throw new BadDataError(`${what}: candle at ${new Date(candle.t).toISOString()} is unsound (${problem})`);
    return candle;
  });
}

export function toTrades(raw: unknown, what: string): Trade[] {
  if (!Array.isArray(raw)) throw new BadDataError(`${what}: expected a list of trades`);
  return (raw as CcxtTrade[]).map((tr, i) => {
    const t = finiteOrNull(tr?.timestamp);
    const price = finiteOrNull(tr?.price);
    const amount = finiteOrNull(tr?.amount);
    if (t === null || price === null || price <= 0 || amount === null || amount < 0) throw new BadDataError(`${what}: trade ${i} has no valid time, price or amount`);
    const side = tr.side === 'buy' || tr.side === 'sell' ? tr.side : null;
    return { id: tr.id !== undefined && tr.id !== null ? String(tr.id) : `${t}:${price}:${amount}`, t, price, amount, side };
  });
}

export function toTicker(symbol: string, raw: CcxtTicker | undefined, now: number, what: string): Ticker {
  if (!raw || typeof raw !== 'object') throw new BadDataError(`${what}: no ticker`);
  const ticker: Ticker = {
    symbol,
    t: finiteOrNull(raw.timestamp) ?? now,
    last: finiteOrNull(raw.last),
    bid: finiteOrNull(raw.bid),
    ask: finiteOrNull(raw.ask),
    high24h: finiteOrNull(raw.high),
    low24h: finiteOrNull(raw.low),
    volume24h: finiteOrNull(raw.baseVolume),
    change24hPct: finiteOrNull(raw.percentage),
  };
  if (ticker.last === null && ticker.bid === null && ticker.ask === null) throw new BadDataError(`${what}: ticker has no price`);
  return ticker;
}

export function toBook(symbol: string, raw: CcxtOrderBook | undefined, depth: number, now: number, what: string): BookSnapshot {
  if (!raw || !Array.isArray(raw.bids) || !Array.isArray(raw.asks)) throw new BadDataError(`${what}: no order book`);
  const side = (levels: CcxtOrderBook['bids']): BookLevel[] =>
    levels.slice(0, depth).map((lv, i) => {
      const price = finiteOrNull(lv?.[0]);
      const amount = finiteOrNull(lv?.[1]);
      if (price === null || price <= 0 || amount === null || amount < 0) throw new BadDataError(`${what}: book level ${i} is not a price and an amount`);
      return [price, amount] as const;
    });
  return { symbol, t: finiteOrNull(raw.timestamp) ?? now, bids: side(raw.bids), asks: side(raw.asks) };
}

function increment(value: number | undefined, precisionMode: number | undefined): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (precisionMode === TICK_SIZE) return value;
  if (precisionMode === DECIMAL_PLACES) return 10 ** -value;
  return null;
}

export function toMarketInfo(m: CcxtMarket, precisionMode: number | undefined): MarketInfo {
  const type = m.type === 'spot' || m.type === 'swap' || m.type === 'future' || m.type === 'option' ? m.type : 'other';
  return {
    symbol: m.symbol,
    base: m.base,
    quote: m.quote,
    type,
    active: m.active !== false,
    tickSize: increment(m.precision?.price, precisionMode),
    stepSize: increment(m.precision?.amount, precisionMode),
    minNotional: finiteOrNull(m.limits?.cost?.min),
  };
}

/** Markets Keel can name: ccxt symbols in Keel's BASE/QUOTE[:SETTLE] form (options and odd ids are left out). */
export function keelMarkets(markets: Record<string, CcxtMarket>, precisionMode: number | undefined): MarketInfo[] {
  return Object.values(markets)
    .filter((m) => isSymbol(m.symbol))
    .map((m) => toMarketInfo(m, precisionMode))
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}
