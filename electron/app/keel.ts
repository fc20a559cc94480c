// The composition root: builds Keel's services for one data directory and wires them to the contract.
// Both shells use it: the Electron main process and `keel serve`. Nothing here imports electron.
import { openJournal } from '../journal/open-journal.ts';
import { CandleStore } from '../journal/candle-store.ts';
import { startControlServer } from '../risk/control/control-server.ts';
import { createDispatcher, type Dispatch } from './dispatch.ts';
import { EventBus } from './event-bus.ts';
import type { Handlers } from './handlers.ts';
import type { Logger } from './logger.ts';
import { journalPath } from './data-dir.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { appHandlers } from './handlers/app-handlers.ts';
import { backtestHandlers } from './handlers/backtest-handlers.ts';
import { BacktestService, runWorkersFrom } from '../backtest/backtest-service.ts';
import { backtestRunStore, searchStore } from '../backtest/run-store.ts';
import { OptimizeService } from '../backtest/optimize-service.ts';
import { marketHandlers } from './handlers/market-handlers.ts';
import { riskHandlers } from './handlers/risk-handlers.ts';
import { tradingHandlers } from './handlers/trading-handlers.ts';
import { journalHandlers } from './handlers/journal-handlers.ts';
import { createTradingServices } from './trading-services.ts';
import { AuditLog } from '../journal/audit-log.ts';
import type { RiskService } from '../risk/risk-service.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import { followActive } from './follow-active.ts';
import { killEverywhere } from './kill-everywhere.ts';
import { tradingModeHandlers } from './handlers/trading-mode-handlers.ts';
import { liveAccountOpener, type LiveOpenerOptions } from './live-account-opener.ts';
import { TradingModeService, type KeyAccess } from './trading-mode-service.ts';
import { createMarketServices, marketModeFrom, type MarketConfig } from './market-services.ts';
import { strategyHandlers } from './handlers/strategy-handlers.ts';
import { StrategyService } from '../strategies/strategy-service.ts';
import { sqliteSettings } from '../risk/settings-store.ts';
import { journalSignals } from '../backtest/journal-signals.ts';
import { TRIAL_BARS, type TrialRequest } from '../backtest/strategy-trial.ts';
import { CodeHost, hostExecArgv } from '../strategies/code-host.ts';
import { forkChild, type ChildStarter } from './child-line.ts';
import type { ClosableSecretBackend } from '../secrets/child-keychain.ts';
import { keychainTimeoutMs } from '../secrets/keychain-timeout.ts';
import { dec, decFromNumber, div, format, toNumber } from '../../shared/trading/decimal.ts';
import type { ProbeAnswer } from '../strategies/import-probe.ts';
import { loadOwnStrategies, ownStrategyDir, type StrategyProblem } from '../strategies/own-strategies.ts';

export interface KeelOptions {
  dataDir: string;
  shell: 'electron' | 'browser';
  log: Logger;
  /** Which market opens at start-up and how; default KEEL_MARKET, else auto (live if online, else simulated). */
  market?: MarketConfig;
  /** The local control channel `keel kill` reaches (default on). */
  control?: boolean;
  /** Live trading: where the exchange is (tests: the local Binance server) and the keys (default the OS keychain). */
  live?: { connection?: LiveOpenerOptions['connection']; broker?: LiveOpenerOptions['broker']; keys?: KeyAccess };
  /**
   * How the engine's child processes are started (the one for the trader's code, the one that reaches the OS
   * keychain): Node's fork by default; the desktop app's utilityProcess (its packaged binary is not Node).
   */
  startChild?: ChildStarter;
}

export interface Keel {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly dataDir: string;
  /** Resolves once the control channel listens (to its control file), or null without one. */
  readonly controlReady: Promise<string | null>;
  /** Resolves once the trader's own strategies are loaded and the saved running strategies started again. */
  readonly ready: Promise<void>;
  /** Says where this Keel's page is (keel serve's address): a second Keel refused on the data directory names it. */
  announce(url: string): void;
  /** Stops the market clocks and closes the journal cleanly (WAL checkpointed). Safe to call twice. */
  close(): Promise<void>;
}

export function createKeel(options: KeelOptions): Keel {
  // Before the journal opens: a second Keel on this data directory stops here, having touched nothing.
  const lock = lockDataDir(options.dataDir, options.shell);
  try {
    return buildKeel(options, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function buildKeel(options: KeelOptions, lock: DataDirLock): Keel {
  const { dataDir, shell, log } = options;
  const startedAt = Date.now();
  // Read before the journal opens: a bad KEEL_MARKET stops start-up with nothing to clean up.
  const marketConfig: MarketConfig = { ...options.market, mode: options.market?.mode ?? marketModeFrom(process.env) };
  const backtestWorkers = runWorkersFrom(process.env);
  // The cap on strategies' code, checked now: a bad one stops start-up, not the first run, with what is valid.
  hostExecArgv(process.env);
  // And the keychain's time limit (KEEL_KEYCHAIN_TIMEOUT_S), as `keel keys` reads it.
  const keychainLimitMs = keychainTimeoutMs(process.env);
  const startChild = options.startChild ?? forkChild;
  const journal = openJournal(journalPath(dataDir));
  const candles = new CandleStore(journal.db);
  // An import the app was writing when it stopped left a staging series no read lists: it goes now.
  const unfinished = candles.dropUnfinishedImports();
  if (unfinished > 0) log.warn('market', `${unfinished} import(s) unfinished when Keel last stopped were discarded; import those files again`);
  const bus = new EventBus();
  const trading = createTradingServices({ db: journal.db, candles, bus, log });
  const market = createMarketServices({ candles, bus, log, config: marketConfig });
  // The trader's own strategy files, looked at again whenever a page lists the strategies (an edited file
  // is imported afresh); a broken one is reported there and in the log, never fatal.
  const ownDir = ownStrategyDir(dataDir);
  // The trader's code (backtests, searches, a new file's import, a trial run) runs in a process of its own:
  // one that runs out of memory ends that process, not this one with the engine and the kill switch.
  const codeHost = new CodeHost(startChild);
  const told = new Set<string>();
  const refreshOwn = async (): Promise<StrategyProblem[]> => {
    // Each new or changed file is imported in a worker first: a file that never finishes loading cannot hold the engine.
    // It is imported there only: the engine holds a stand-in, whose check() and indicators() are asked of a thread there.
    const { loaded, problems } = await loadOwnStrategies(ownDir, { probe: (file) => codeHost.call<ProbeAnswer>('probe', file), host: () => codeHost.line() });
    for (const p of problems) if (!told.has(p.message)) log.warn('strategy', p.message);
    for (const l of loaded) if (!told.has(`${l.name}@${l.file}`)) log.info('strategy', `your strategy ${l.name} loaded from ${l.file}`);
    told.clear();
    for (const p of problems) told.add(p.message);
    for (const l of loaded) told.add(`${l.name}@${l.file}`);
    return problems;
  };
  const backtests = new BacktestService({ journalFile: journalPath(dataDir), candles, bus, log, concurrency: backtestWorkers, store: backtestRunStore(journal.db), ownStrategies: refreshOwn, codeHost });
  const searches = new OptimizeService({ journalFile: journalPath(dataDir), candles, bus, log, store: searchStore(journal.db), ownStrategies: refreshOwn, codeHost });
  // Paper until the user arms a live account; a restart is always paper again (trading-mode-service.ts).
  const opener = liveAccountOpener({ db: journal.db, candles, feed: trading.feed, bus, log, connection: options.live?.connection, broker: options.live?.broker });
  let keyStore: Promise<KeyAccess> | undefined;
  let keychain: ClosableSecretBackend | undefined;
  // The OS keychain, in a process of its own: on Linux the keychain library waits on D-Bus on the thread
  // that calls it, without a limit, and a bus that never answers would freeze this thread, every command and
  // the kill switch with it. Out there, KeyStore's limit holds: a call that outlives it has its process
  // killed, says so, and the next call starts a new one (secrets/child-keychain.ts).
  const openKeyStore = async (): Promise<KeyAccess> => {
    const [{ KeyStore }, { childKeychain }] = await Promise.all([import('../secrets/key-store.ts'), import('../secrets/child-keychain.ts')]);
    keychain = childKeychain({ start: startChild });
    return new KeyStore(keychain, { timeoutMs: keychainLimitMs });
  };
  const modes = new TradingModeService({
    paper: trading.engine,
    // The OS keychain is reached only when live trading is first asked about: paper never touches it.
    keys: () => (keyStore ??= options.live?.keys ? Promise.resolve(options.live.keys) : openKeyStore()),
    balances: (account, credentials) => opener.balances(account, credentials),
    open: (account, credentials) => opener.open(account, credentials),
    audit: new AuditLog(journal.db),
    events: bus,
    log,
  });
  // The trading and risk commands act on the armed account while armed, on paper otherwise.
  const activeEngine = followActive<ExecutionEngine>(() => modes.engine);
  const activeRisk = followActive<RiskService>(() => modes.liveRisk ?? trading.risk);
  // Every account's risk room, the active one first: what the panic controls stop (kill-everywhere.ts).
  const everyRisk = () => {
    const live = modes.liveRisk;
    const paper = { account: trading.engine.account, risk: trading.risk };
    return live ? [{ account: modes.engine.account, risk: live }, paper] : [paper];
  };
  // Strategies run on the active engine (paper, or the armed account); the saved paper ones start again now.
  const strategies = new StrategyService({
    bus,
    market: market.service,
    active: () => ({ engine: modes.engine, risk: activeRisk, rules: modes.liveRules ?? trading.rules }),
    settings: sqliteSettings(journal.db),
    audit: new AuditLog(journal.db),
    log,
    sizing: { takerFee: toNumber(trading.fillModel.rates.taker), slippage: trading.fillModel.slippageBps / 10_000 },
    signals: journalSignals(journal.db),
    ownStrategies: refreshOwn,
    // On an account, a file of the trader's own runs its thread in the process for the trader's code too.
    strategyLine: () => codeHost.line(),
    // A file of the trader's own runs over the market's last bars in a worker before it starts (strategy-trial.ts).
    trial: async (t) => {
      const bars = await market.service.strategyHistory(t.series, TRIAL_BARS).catch(() => null);
      const request: TrialRequest = { ...t, symbol: t.series.symbol, timeframe: t.series.timeframe, bars: bars ?? [] };
      // The trial's process ending (the strategy ran out of memory there) is a reason not to start it.
      return codeHost.call<string | null>('trial', request).catch((err: unknown) => `${t.strategy} was not started: its trial run could not finish: ${err instanceof Error ? err.message : String(err)}`);
    },
  });
  // A saved strategy may be one of the trader's own: their files first.
  const ready = refreshOwn()
    .catch((err: unknown) => log.warn('strategy', `your strategies in ${ownDir} could not be read: ${err instanceof Error ? err.message : String(err)}`))
    .then(() => strategies.restore());

  const paperSlippage = format(div(decFromNumber(trading.fillModel.slippageBps), dec('10000')));
  const handlers: Handlers = {
    ...appHandlers({ shell, dataDir, startedAt, tradingMode: () => modes.mode }),
    ...marketHandlers(candles, market.service, market.replay, market.importFile),
    ...tradingHandlers(activeEngine, {
      mayShortOn: (account) => strategies.mayShortOn(account),
      // The paper venue's slippage, for the ticket's Max; a live account's fills are the exchange's.
      slippage: (account) => (account === trading.engine.account ? paperSlippage : undefined),
      // A journal failing on paper matters while live is armed (a strategy may trade there), and the other way round.
      journalHealth: () => [...new Set([modes.engine, trading.engine])].flatMap((e) => (e.journalHealth === null ? [] : [e.journalHealth])),
    }),
    ...tradingModeHandlers(modes),
    ...riskHandlers(activeRisk, trading.projector, (request) => killEverywhere(everyRisk(), request)),
    ...backtestHandlers(backtests, searches),
    ...strategyHandlers(strategies),
    ...journalHandlers({ journalFile: journalPath(dataDir), activeAccount: () => modes.engine.account }),
  };

  // `keel kill` from a terminal: served by this process whatever the UI is doing.
  const control =
    options.control === false
      ? null
      : startControlServer({
          dataDir,
          shell,
          log,
          handle: async (c) => {
            if (c.command === 'state') return activeRisk.state();
            // Both accounts: a kill from the terminal stops live orders and paper strategies alike.
            const r = await killEverywhere(everyRisk(), { flatten: c.flatten, actor: 'user', via: 'cli', reason: c.reason });
            return { cancelled: r.cancelled, flattened: r.flattened, failures: r.failures, ms: r.ms, status: r.state.status, before: r.before };
          },
        });

  let closed: Promise<void> | undefined;
  return {
    dispatch: createDispatcher(handlers, log),
    bus,
    dataDir,
    controlReady: control ? control.ready.catch(() => null) : Promise.resolve(null),
    ready,
    announce: (url) => lock.announce(url),
    close() {
      closed ??= (async () => {
        // Start-up finished first, so no saved strategy starts on a closing engine.
        await ready;
        await control?.close();
        // Runners before anything they trade on: no strategy acts on a closing engine.
        strategies.close();
        // Sources first: a live stream must not write a candle into a closing journal.
        await market.close();
        await backtests.close();
        await searches.close();
        codeHost.close();
        modes.close();
        keychain?.close();
        trading.close();
        journal.close();
        lock.release();
        log.info('app', 'journal closed');
      })();
      return closed;
    },
  };
}
