// The one shape every market source has, whether its data comes from an exchange (live), from the journal
// played forward (replay) or from a generator (simulated). The app and later the paper broker talk to this
// and never to ccxt or the replay clock directly, so a chart, an indicator or a strategy cannot tell, except
// through `kind`, which the UI shows so replayed or simulated data is never mistaken for live.
import { KeelError } from '../../shared/contract/index.ts';
import type { Candle, SeriesKey } from '../../shared/domain/candle.ts';
import type { Timeframe } from '../../shared/domain/timeframe.ts';
import { didYouMeanSymbol } from '../../shared/domain/symbol-guess.ts';

/** Matches the `source` field of the contract's market.candle event. */
export type SourceKind = 'live' | 'replay' | 'simulated';

/**
 * How trustworthy the stream is right now.
 * - live: connected and data arrives as often as the source promises.
 * - delayed: a request or the connection failed and the source is retrying (rate limit, 5xx, reconnect).
 * - stale: connected, but nothing arrived for several expected intervals.
 * - offline: retries keep failing (or the source was closed): nothing is coming.
 */
export type ConnectionStatus = 'live' | 'delayed' | 'stale' | 'offline';

export interface SourceStatus {
  status: ConnectionStatus;
  /** Human-readable why, e.g. "rate limited by binance (HTTP 429); retrying in 1.0s". */
  reason: string;
  /** Wall-clock epoch ms at which this status (and reason) began. */
  since: number;
}

export type MarketChannel = 'candles' | 'trades' | 'ticker' | 'book';
export const MARKET_CHANNELS: readonly MarketChannel[] = ['candles', 'trades', 'ticker', 'book'];

export interface MarketInfo {
  /** Keel/ccxt symbol: BTC/USDT. */
  symbol: string;
  base: string;
  quote: string;
  type: 'spot' | 'swap' | 'future' | 'option' | 'other';
  active: boolean;
  /** Smallest price increment, or null when the source does not say. */
  tickSize: number | null;
  /** Smallest amount increment, or null. */
  stepSize: number | null;
  /** Smallest order value in quote currency, or null. */
  minNotional: number | null;
}

export interface CandleUpdate {
  series: SeriesKey;
  candle: Candle;
  /** False while the candle is forming; true once, when it is final (and, for sources with a journal, stored). */
  closed: boolean;
}

export interface Trade {
  id: string;
  /** Epoch ms. */
  t: number;
  price: number;
  amount: number;
  /** The aggressor's side, when the source says. */
  side: 'buy' | 'sell' | null;
}

export interface Ticker {
  symbol: string;
  t: number;
  last: number | null;
  bid: number | null;
  ask: number | null;
  high24h: number | null;
  low24h: number | null;
  /** Base-asset volume over 24 h. */
  volume24h: number | null;
  change24hPct: number | null;
}

export type BookLevel = readonly [price: number, amount: number];

export interface BookSnapshot {
  symbol: string;
  t: number;
  /** Best first: bids high to low, asks low to high; at most the depth asked for. */
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface MarketListener {
  onCandle?(update: CandleUpdate): void;
  /** New trades only, oldest first; never the same trade twice. */
  onTrades?(symbol: string, trades: readonly Trade[]): void;
  onTicker?(ticker: Ticker): void;
  onBook?(book: BookSnapshot): void;
}

export interface WatchRequest {
  symbol: string;
  timeframe: Timeframe;
  /** Default: candles only. */
  channels?: readonly MarketChannel[];
}

export interface MarketWatch {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly channels: readonly MarketChannel[];
  /** Stops this listener; the source stops a stream once nobody listens to it. */
  stop(): Promise<void>;
}

export interface HistoryRequest {
  symbol: string;
  timeframe: Timeframe;
  /** Inclusive open-time bounds, epoch ms. */
  from?: number;
  to?: number;
  /** At most this many: the latest ones in the range. */
  limit?: number;
}

export interface MarketSource {
  readonly kind: SourceKind;
  /** The label series are stored under (SeriesKey.exchange). */
  readonly exchange: string;
  /** Every market the source serves. */
  markets(): Promise<readonly MarketInfo[]>;
  /** The timeframes the source serves (a subset of Keel's). */
  timeframes(): Promise<readonly Timeframe[]>;
  /** Closed candles, oldest first. Rejects with UnknownMarketError for a symbol or timeframe it does not serve. */
  history(request: HistoryRequest): Promise<Candle[]>;
  /** Starts streaming to `listener`. Rejects with UnknownMarketError for a symbol or timeframe it does not serve. */
  watch(request: WatchRequest, listener: MarketListener): Promise<MarketWatch>;
  status(): SourceStatus;
  /** Called on every change of status or reason; returns the unsubscribe. */
  onStatus(listener: (status: SourceStatus) => void): () => void;
  /** Stops every stream and releases connections. Safe to call twice. */
  close(): Promise<void>;
}

/** A symbol or timeframe the source does not serve; `valid` lists what it does. */
export class UnknownMarketError extends KeelError {
  readonly what: 'symbol' | 'timeframe';
  readonly value: string;
  readonly valid: readonly string[];
  constructor(exchange: string, what: 'symbol' | 'timeframe', value: string, valid: readonly string[]) {
    // The message carries the list (the UI shows it); a big exchange's thousands of symbols are cut short.
    const shown = valid.length > 40 ? `${valid.slice(0, 40).join(', ')} and ${valid.length - 40} more` : valid.join(', ');
    // BTCUSDT or btc_usdt for BTC/USDT, as every symbol refusal guesses it (symbol-guess.ts).
    const guess = what === 'symbol' ? didYouMeanSymbol(value, valid) : '';
    super('not_found', `unknown ${what} "${value}" on ${exchange}${guess}; valid ${what === 'symbol' ? 'symbols' : 'timeframes'}: ${shown}`);
    this.what = what;
    this.value = value;
    this.valid = valid;
  }
}
