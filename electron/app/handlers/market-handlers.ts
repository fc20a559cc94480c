// The market domain's commands: the active market and what it streams, stored series and candles, gaps and
// backfill, and replay. Everything goes through the market service, which owns the sources, but the import
// of a file, which only writes to the journal (electron/market/import/app-import.ts).
import type { marketCommands } from '../../../shared/contract/commands/market.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import type { AppImport } from '../../market/import/app-import.ts';
import type { MarketService } from '../../market/market-service.ts';
import type { ReplayService } from '../../market/replay/replay-service.ts';
import type { HandlersFor } from '../handlers.ts';

export function marketHandlers(candles: CandleStore, market: MarketService, replay: ReplayService, importFile: AppImport): HandlersFor<typeof marketCommands> {
  return {
    'market.series': () => ({ series: candles.listSeries() }),
    'market.candles': async ({ series, from, to, limit }) => ({ candles: await market.candles(series, { from, to, limit }) }),
    'market.sources': () => market.sources(),
    'market.select': (request) => market.select(request),
    'market.status': () => market.status(),
    'market.markets': (request) => market.markets(request),
    'market.watchlist': ({ symbols }) => (symbols === undefined ? market.watchlist() : market.setWatchlist(symbols)),
    'market.ticker': () => market.ticker(),
    'market.book': () => market.book(),
    'market.trades': ({ limit }) => market.trades(limit),
    'market.gaps': ({ series, from, to }) => ({ gaps: market.gaps(series, { from, to }) }),
    'market.backfill': ({ series, from, to }) => market.backfill(series, { from, to }),
    'market.import': (request) => importFile(request),
    'replay.start': (p) => market.startReplay(p.series, { speed: p.speed, from: p.from, history: p.history }),
    'replay.pause': () => replay.pause(),
    'replay.resume': () => replay.resume(),
    'replay.stop': () => market.stopReplay(),
    'replay.setSpeed': ({ speed }) => replay.setSpeed(speed),
    'replay.state': () => replay.state(),
  };
}
