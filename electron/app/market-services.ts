// The composition root of market data: the replay, the simulated market and live exchanges behind one
// MarketService, and how the start-up market is chosen (KEEL_MARKET=auto|live|simulated|none, or the
// `market` option of createKeel, which wins). See electron/market/market-service.ts for what each mode does.
import type { CandleStore } from '../journal/candle-store.ts';
import { appImport, type AppImport } from '../market/import/app-import.ts';
import { CcxtLiveSource, type CcxtLiveSourceOptions } from '../market/live/ccxt-live-source.ts';
import { MARKET_MODES, MarketService, type MarketMode } from '../market/market-service.ts';
import type { ThrottleOptions } from '../market/market-throttle.ts';
import { BINANCE_API_HOST, tcpProbe, type NetworkProbe } from '../market/network-probe.ts';
import { ReplayService } from '../market/replay/replay-service.ts';
import { SimulatedSource, type SimulatedSourceOptions } from '../market/simulated/simulated-source.ts';
import { settingsWatchlist } from '../market/watchlist-settings.ts';
import type { EventBus } from './event-bus.ts';
import type { Logger } from './logger.ts';

export interface MarketConfig {
  /** Default: KEEL_MARKET, else auto. */
  mode?: MarketMode;
  /** auto mode's network check; default DNS + TCP to api.binance.com:443 within 1.5 s. */
  probe?: NetworkProbe;
  simulated?: SimulatedSourceOptions;
  /** Options for every live source (tests point `endpoints` at a local server). */
  live?: Omit<CcxtLiveSourceOptions, 'exchange' | 'store' | 'log'>;
  throttle?: ThrottleOptions;
}

export interface MarketServices {
  readonly service: MarketService;
  readonly replay: ReplayService;
  /** A candle or trades file into the journal (market.import), told as it goes on the bus. */
  readonly importFile: AppImport;
  /** Stops every stream and closes every source; call before the journal closes. */
  close(): Promise<void>;
}

/** KEEL_MARKET, read strictly: a typo must not quietly open the live exchange. */
export function marketModeFrom(env: NodeJS.ProcessEnv): MarketMode {
  const raw = env.KEEL_MARKET?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'auto';
  if ((MARKET_MODES as readonly string[]).includes(raw)) return raw as MarketMode;
  throw new Error(`KEEL_MARKET must be one of ${MARKET_MODES.join(', ')}; got "${env.KEEL_MARKET}"`);
}

export function createMarketServices(options: { candles: CandleStore; bus: EventBus; log: Logger; config?: MarketConfig; env?: NodeJS.ProcessEnv }): MarketServices {
  const { candles, bus, log } = options;
  const config = options.config ?? {};
  const mode = config.mode ?? marketModeFrom(options.env ?? process.env);
  const replay = new ReplayService(candles, bus);
  const service = new MarketService({
    bus,
    store: candles,
    replay,
    log,
    mode,
    createSimulated: () => new SimulatedSource({ log, ...config.simulated }),
    // Live sources keep their closed candles in the journal, so charts and backtests can use them later.
    createLive: (exchange) => new CcxtLiveSource({ ...config.live, exchange, store: candles, log }),
    probe: config.probe ?? tcpProbe(BINANCE_API_HOST, 443, 1_500),
    watchlist: settingsWatchlist(candles.db),
    throttle: config.throttle,
  });
  log.info('market', `market source at start-up: ${mode}${mode === 'auto' ? ' (live if the network answers, else simulated)' : ''}`);
  void service.start();
  return { service, replay, importFile: appImport({ candles, bus, log }), close: () => service.close() };
}
