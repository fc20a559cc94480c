// The part of a ccxt exchange the live broker uses (orders, trades, balances, markets, a ticker) and how one
// is built with an account's API keys. ccxt's own rate limiter is on (enableRateLimit), requests time out after
// `timeoutMs`, and `endpoints` rebases every URL (how tests reach the local Binance-speaking server).
// ccxt gives amounts as floats; the broker turns them into exact decimals with decFromNumber, which reads
// a float as the shortest decimal that prints it (0.001 stays 0.001).
import type { ExchangeCredentials } from '../../secrets/credentials.ts';
import { rebaseUrls } from '../../market/live/ccxt-exchange.ts';
import { loadExchangeClass } from '../../market/live/load-ccxt.ts';

export interface LiveMarket {
  symbol: string;
  id: string;
  base: string;
  quote: string;
  spot?: boolean;
  active?: boolean | undefined;
  /** In ccxt's TICK_SIZE mode (Binance): the price tick and the quantity step themselves. */
  precision?: { price?: number | undefined; amount?: number | undefined };
  limits?: { amount?: { min?: number | undefined; max?: number | undefined }; cost?: { min?: number | undefined } };
  maker?: number | undefined;
  taker?: number | undefined;
  info?: { orderTypes?: string[] } & Record<string, unknown>;
}

export type LiveOrderStatus = 'open' | 'closed' | 'canceled' | 'expired' | 'rejected' | string;

export interface LiveOrder {
  id: string;
  clientOrderId?: string | undefined;
  timestamp?: number | undefined;
  status?: LiveOrderStatus | undefined;
  symbol: string;
  type?: string | undefined;
  side?: string | undefined;
  price?: number | undefined;
  amount?: number | undefined;
  filled?: number | undefined;
  info?: Record<string, unknown>;
}

export interface LiveTrade {
  id: string;
  order?: string | undefined;
  timestamp?: number | undefined;
  symbol: string;
  side?: string | undefined;
  price: number;
  amount: number;
  fee?: { cost?: number | undefined; currency?: string | undefined } | undefined;
  takerOrMaker?: 'maker' | 'taker' | undefined;
}

/** ccxt's ticker, the part the broker reads: the last trade price (fees paid in a third asset are valued at it). */
export interface LiveTicker {
  symbol: string;
  last?: number | undefined;
}

export interface LiveBalance {
  [asset: string]: unknown;
  free?: Record<string, number | undefined>;
  used?: Record<string, number | undefined>;
  total?: Record<string, number | undefined>;
}

/** What the live broker calls. A real ccxt instance satisfies it; a test may pass anything that does. */
export interface LiveExchange {
  readonly id: string;
  markets?: Record<string, LiveMarket> | undefined;
  last_response_headers?: Record<string, string | undefined> | undefined;
  loadMarkets(reload?: boolean): Promise<Record<string, LiveMarket>>;
  createOrder(symbol: string, type: string, side: string, amount: number, price?: number, params?: Record<string, unknown>): Promise<LiveOrder>;
  fetchOrder(id: string | undefined, symbol: string, params?: Record<string, unknown>): Promise<LiveOrder>;
  cancelOrder(id: string | undefined, symbol: string, params?: Record<string, unknown>): Promise<LiveOrder>;
  fetchOpenOrders(symbol?: string, since?: number, limit?: number, params?: Record<string, unknown>): Promise<LiveOrder[]>;
  fetchMyTrades(symbol: string, since?: number, limit?: number, params?: Record<string, unknown>): Promise<LiveTrade[]>;
  fetchBalance(params?: Record<string, unknown>): Promise<LiveBalance>;
  fetchTicker(symbol: string, params?: Record<string, unknown>): Promise<LiveTicker>;
  close(): Promise<void>;
}

export interface LiveExchangeConfig {
  /** ccxt id: binance. */
  exchange: string;
  credentials: ExchangeCredentials;
  /** Replace the scheme and host of every URL (tests: the local server). */
  endpoints?: { rest: string; ws: string };
  /** Per request; default 10 s. A timed-out order request is looked up by client id before anything is resent. */
  timeoutMs?: number;
  /** ccxt's rateLimit (ms per unit of request cost); default the exchange's own. */
  rateLimitMs?: number;
  /** Binance's recvWindow for signed requests; default ccxt's (5000 ms). */
  recvWindowMs?: number;
}

export async function createLiveExchange(config: LiveExchangeConfig): Promise<LiveExchange> {
  const { cls } = await loadExchangeClass(config.exchange);
  const { apiKey, secret, password } = config.credentials;
  const instance = new cls({
    apiKey,
    secret,
    ...(password !== undefined ? { password } : {}),
    enableRateLimit: true,
    ...(config.rateLimitMs !== undefined ? { rateLimit: config.rateLimitMs } : {}),
    timeout: config.timeoutMs ?? 10_000,
    options: {
      defaultType: 'spot',
      fetchMarkets: { types: ['spot'] },
      // Both are extra private calls at start-up that the broker does not need.
      fetchCurrencies: false,
      fetchMargins: false,
      // The broker reads every symbol's open orders once per reconciliation, knowing it costs more weight.
      warnOnFetchOpenOrdersWithoutSymbol: false,
      ...(config.recvWindowMs !== undefined ? { recvWindow: config.recvWindowMs } : {}),
    },
  }) as unknown as LiveExchange & { urls: Record<string, unknown> };
  if (config.endpoints) instance.urls.api = rebaseUrls(instance.urls.api, config.endpoints);
  return instance;
}
