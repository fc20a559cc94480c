// The part of a ccxt exchange the live source uses, and how one is built: public data only (no keys),
// spot markets only, ccxt's own rate limiter on, and optionally every URL rebased onto other origins, which
// is how tests point ccxt at a local Binance-speaking server (and how a user could go through a proxy).
import { loadExchangeClass } from './load-ccxt.ts';

/** ccxt's OHLCV row: [open time, open, high, low, close, volume]; garbage from an exchange can leave holes. */
export type OhlcvRow = ReadonlyArray<number | undefined | null>;

export interface CcxtMarket {
  symbol: string;
  base: string;
  quote: string;
  type?: string;
  spot?: boolean;
  active?: boolean | undefined;
  precision?: { price?: number | undefined; amount?: number | undefined };
  limits?: { cost?: { min?: number | undefined } };
}

export interface CcxtTrade {
  id?: string | undefined;
  timestamp?: number | undefined;
  price?: number | undefined;
  amount?: number | undefined;
  side?: string | undefined;
}

export interface CcxtTicker {
  symbol?: string;
  timestamp?: number | undefined;
  last?: number | undefined;
  bid?: number | undefined;
  ask?: number | undefined;
  high?: number | undefined;
  low?: number | undefined;
  baseVolume?: number | undefined;
  percentage?: number | undefined;
}

export interface CcxtOrderBook {
  timestamp?: number | undefined;
  bids: ReadonlyArray<ReadonlyArray<number | undefined>>;
  asks: ReadonlyArray<ReadonlyArray<number | undefined>>;
}

/** What the live source calls. A real ccxt instance satisfies it; a test may pass anything that does. */
export interface CcxtExchange {
  readonly id: string;
  has: Record<string, boolean | 'emulated' | undefined>;
  timeframes: Record<string, string | number>;
  markets?: Record<string, CcxtMarket> | undefined;
  precisionMode?: number;
  last_response_headers?: Record<string, string | undefined> | undefined;
  loadMarkets(reload?: boolean): Promise<Record<string, CcxtMarket>>;
  fetchTime(): Promise<number | undefined>;
  fetchOHLCV(symbol: string, timeframe?: string, since?: number, limit?: number): Promise<OhlcvRow[]>;
  fetchTrades(symbol: string, since?: number, limit?: number): Promise<CcxtTrade[]>;
  fetchTicker(symbol: string): Promise<CcxtTicker>;
  fetchOrderBook(symbol: string, limit?: number): Promise<CcxtOrderBook>;
  watchOHLCV?(symbol: string, timeframe?: string): Promise<OhlcvRow[]>;
  watchTrades?(symbol: string): Promise<CcxtTrade[]>;
  watchTicker?(symbol: string): Promise<CcxtTicker>;
  watchOrderBook?(symbol: string, limit?: number): Promise<CcxtOrderBook>;
  close(): Promise<void>;
}

export type ExchangeFactory = (id: string) => Promise<CcxtExchange>;

export interface ExchangeConfig {
  /** Per-request timeout; ccxt's default is 10 s. */
  timeoutMs?: number;
  /** Market types to load (ccxt's options.fetchMarkets.types); default spot only, so Binance is not asked for futures. */
  marketTypes?: readonly string[];
  /** Replace the scheme and host of every REST URL with `rest` and of every websocket URL with `ws`. */
  endpoints?: { rest: string; ws: string };
  /** Where ccxt's own diagnostics go (it prints to stdout otherwise, e.g. on an unparsable websocket frame). */
  log?: (line: string) => void;
}

/** ccxt's TICK_SIZE precision mode: precision values are increments, not digit counts. */
export const TICK_SIZE = 4;
export const DECIMAL_PLACES = 2;

export function ccxtFactory(config: ExchangeConfig = {}): ExchangeFactory {
  return async (id) => {
    const { cls } = await loadExchangeClass(id);
    const instance = new cls({
      enableRateLimit: true,
      timeout: config.timeoutMs ?? 10_000,
      ...(config.log ? { log: (...args: unknown[]) => config.log!(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')) } : {}),
      options: {
        fetchMarkets: { types: [...(config.marketTypes ?? ['spot'])] },
        // Both are private-key calls on Binance; without keys ccxt would skip them anyway, this says so.
        fetchCurrencies: false,
        fetchMargins: false,
        // Binance's watchTicker defaults to the miniTicker stream, which has no bid/ask; the full one has.
        ...(id.startsWith('binance') ? { watchTickers: { name: 'ticker' } } : {}),
      },
    }) as unknown as CcxtExchange & { urls: Record<string, unknown>; loadHttpProxyAgent(): Promise<unknown> };
    if (config.endpoints) {
      instance.urls.api = rebaseUrls(instance.urls.api, config.endpoints);
      // ccxt opens plain ws:// only through an http agent it must be told to load first.
      if (config.endpoints.ws.startsWith('ws://')) await instance.loadHttpProxyAgent();
    }
    return instance;
  };
}

/**
 * Walks ccxt's `urls.api` (strings, nested objects such as `ws: { spot, future }`) and moves each URL onto
 * the given origins, keeping its path: https://api.binance.com/api/v3 → http://127.0.0.1:PORT/api/v3 and
 * wss://stream.binance.com:9443/ws → ws://127.0.0.1:PORT/ws.
 */
export function rebaseUrls(value: unknown, endpoints: { rest: string; ws: string }): unknown {
  if (typeof value === 'string') {
    const m = /^(https?|wss?):\/\/[^/]+(.*)$/.exec(value);
    if (!m) return value;
    const base = m[1]!.startsWith('ws') ? endpoints.ws : endpoints.rest;
    return base.replace(/\/$/, '') + m[2]!;
  }
  if (Array.isArray(value)) return value.map((v) => rebaseUrls(v, endpoints));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebaseUrls(v, endpoints)]));
  }
  return value;
}
