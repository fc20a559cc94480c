// The market engine's commands and events that the watchlist, order book, tape and status badge use.
// They are looked up by name, so the panels work against an engine that does not serve them yet: each
// returns undefined when the contract has no such command or event, and the panel falls back to what
// the journal and the candle events can tell.
import type { Api } from '../../../../shared/contract/index.ts';
import type { Book, MarketSourceKind, MarketStatus, Trade, WatchlistItem } from './market-types.ts';

type Listener<T> = (payload: T) => void;
type Subscribe<T> = (listener: Listener<T>) => () => void;

export interface Watchlist {
  source: MarketSourceKind | null;
  exchange: string | null;
  symbols: string[];
  items: WatchlistItem[];
}

export interface MarketApi {
  status?: () => Promise<MarketStatus>;
  onStatus?: Subscribe<MarketStatus>;
  watchlist?: (r: { symbols?: string[] }) => Promise<Watchlist>;
  onWatchlist?: Subscribe<Watchlist>;
  book?: () => Promise<{ source: MarketSourceKind | null; exchange: string | null; book: Book | null }>;
  onBook?: Subscribe<{ source: MarketSourceKind; exchange: string; book: Book }>;
  trades?: (r: { limit: number }) => Promise<{ source: MarketSourceKind | null; exchange: string | null; symbol: string | null; trades: Trade[] }>;
  onTrades?: Subscribe<{ source: MarketSourceKind; exchange: string; symbol: string; trades: Trade[] }>;
}

export function marketApi(api: Api): MarketApi {
  const commands = api.commands as unknown as Record<string, ((r: unknown) => Promise<unknown>) | undefined>;
  const events = api.events as unknown as Record<string, Subscribe<unknown> | undefined>;
  const command = <T>(name: string) => {
    const fn = commands[name];
    return fn ? (((r: unknown = {}) => fn(r)) as T) : undefined;
  };
  return {
    status: command<MarketApi['status']>('market.status'),
    onStatus: events['market.status'] as MarketApi['onStatus'],
    watchlist: command<MarketApi['watchlist']>('market.watchlist'),
    onWatchlist: events['market.watchlist'] as MarketApi['onWatchlist'],
    book: command<MarketApi['book']>('market.book'),
    onBook: events['market.book'] as MarketApi['onBook'],
    trades: command<MarketApi['trades']>('market.trades'),
    onTrades: events['market.trades'] as MarketApi['onTrades'],
  };
}
