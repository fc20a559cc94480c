// Paper or live: which engine the trading.* commands act on, and the arming step that switches to live.
//
// Going live takes a stored API key (KeyStore.has) and an explicit arming that names the account: the user
// sees the exchange's balance (preview) and types the account name to confirm. Arming connects to the
// exchange, reconciles the account's orders and fills, and only then switches; every arming and disarming
// is written to the audit log. Keel never starts armed: the mode lives in memory only, so a restart comes
// back in paper (a crash or a reboot must not leave a live account trading unattended). The live account's
// orders are journaled under its own account name, so paper and live histories never mix.
//
// While live, the mode carries `findings`: what reconciliation found that Keel did not do (orders open on
// the exchange that Keel did not place, balances that differ from the journal's) and the cancels the
// exchange keeps refusing. They are in the arming answer, and a trading.mode event goes out whenever they
// change, so the trader sees them rather than the server log alone.
import { KeelError } from '../../shared/contract/errors.ts';
import type { LiveFindings, TradingMode } from '../../shared/contract/commands/trading-mode.ts';
import type { Balance } from '../../shared/trading/orders.ts';
import type { AuditActor } from '../journal/audit-log.ts';
import type { RiskService } from '../risk/risk-service.ts';
import { parseAccountId } from '../secrets/exchange-account.ts';
import type { ExchangeCredentials } from '../secrets/credentials.ts';
import type { ExecutionEngine } from '../trading/execution-engine.ts';
import { describeExchangeError } from '../trading/live/order-errors.ts';
import type { MarketRulesProvider } from '../trading/market-rules.ts';
import type { EventBus } from './event-bus.ts';
import type { Logger } from './logger.ts';

/** The part of KeyStore arming uses (the app passes the OS keychain's; tests a map). */
export interface KeyAccess {
  has(account: { exchange: string; name: string }): Promise<boolean>;
  get(account: { exchange: string; name: string }): Promise<ExchangeCredentials | null>;
  list(): Promise<{ exchange: string; name: string }[]>;
}

/** A live account opened and reconciled (live-account-opener.ts). */
export interface OpenedLive {
  readonly engine: ExecutionEngine;
  /** The exchange's balances at opening. */
  readonly balances: Record<string, { free: string; locked: string }>;
  /** The live engine's own risk service (kill switch, circuit breaker), when the opener made one. */
  readonly risk?: RiskService;
  /** The exchange's market rules, when the opener has them (strategies on the live account need them). */
  readonly rules?: MarketRulesProvider;
  /** What the trader must hear of (foreign open orders, balance drift, refused cancels), when the opener knows. */
  findings?(): LiveFindings;
  /** Takes the exchange's balances as right for the drift now found (the trader's deposit, say); returns what was taken. */
  acknowledgeDrift?(seen: readonly { asset: string; exchange: string }[]): LiveFindings['balanceDrift'];
  /** Called when the findings may have changed (a reconciliation, a cancel refused again); returns the unsubscribe. */
  onFindings?(listener: () => void): () => void;
  close(): void;
}

export interface TradingModeServiceOptions {
  paper: ExecutionEngine;
  keys: () => Promise<KeyAccess>;
  /** Reads the balances with the account's key (the preview). */
  balances: (account: string, credentials: ExchangeCredentials) => Promise<Record<string, { free: string; locked: string }>>;
  /** Connects, builds the live engine and reconciles; throws with a readable reason. */
  open: (account: string, credentials: () => Promise<ExchangeCredentials | null>) => Promise<OpenedLive>;
  audit: { append(entry: { actor: AuditActor; action: string; details: Record<string, unknown> }): unknown } | null;
  events?: Pick<EventBus, 'emit'> | null;
  log: Logger;
  now?: () => number;
}

export class TradingModeService {
  readonly #o: TradingModeServiceOptions;
  #live: { account: string; opened: OpenedLive; armedAt: number; stopFindings: () => void } | null = null;
  /** The keychain's accounts as last listed: a findings event reuses them instead of asking the keychain again. */
  #accounts: { accounts: string[]; keychainError: string | null } = { accounts: [], keychainError: null };
  #arming: Promise<unknown> | null = null;

  constructor(options: TradingModeServiceOptions) {
    this.#o = options;
  }

  get mode(): 'paper' | 'live' {
    return this.#live ? 'live' : 'paper';
  }

  /** The live account's risk service while armed (the kill switch must reach live orders too). */
  get liveRisk(): RiskService | null {
    return this.#live?.opened.risk ?? null;
  }

  /** The armed account's market rules, or null in paper. */
  get liveRules(): MarketRulesProvider | null {
    return this.#live?.opened.rules ?? null;
  }

  /** The engine the trading.* commands act on now. */
  get engine(): ExecutionEngine {
    return this.#live?.opened.engine ?? this.#o.paper;
  }

  async state(): Promise<TradingMode> {
    let accounts: string[] = [];
    let keychainError: string | null = null;
    try {
      accounts = (await (await this.#o.keys()).list()).map((a) => `${a.exchange}:${a.name}`);
    } catch (err) {
      // No keychain (a headless machine), or a locked one: nothing can be armed, paper still works. Said to
      // the arming dialog, which otherwise told the trader no key was stored.
      keychainError = err instanceof Error ? err.message : String(err);
      this.#o.log.warn('trading', `cannot list stored API keys: ${keychainError}`);
    }
    this.#accounts = { accounts, keychainError };
    return this.#snapshot();
  }

  #snapshot(): TradingMode {
    const live = this.#live;
    const state: TradingMode = { mode: this.mode, account: live?.account ?? null, armedAt: live?.armedAt ?? null, ...this.#accounts };
    // Only while live: paper has nothing to reconcile.
    if (live) state.findings = findingsOf(live.opened);
    return state;
  }

  async preview(account: string): Promise<{ account: string; balances: Balance[]; fetchedAt: number; confirmText: string }> {
    const credentials = await this.#credentials(account);
    let rows: Record<string, { free: string; locked: string }>;
    try {
      rows = await this.#o.balances(account, credentials);
    } catch (err) {
      throw new KeelError('conflict', `could not read the balance of ${account} from the exchange: ${describeExchangeError(parseAccountId(account).exchange, err)}`);
    }
    return { account, balances: toBalances(rows), fetchedAt: this.#now(), confirmText: account };
  }

  async arm(account: string, confirm: string, actor: AuditActor = 'user'): Promise<TradingMode & { balances: Balance[] }> {
    if (confirm.trim() !== account) {
      throw new KeelError('invalid_request', `to arm live trading, type the account name ${account} exactly`, [{ path: 'confirm', message: `must be ${account}` }]);
    }
    if (this.#live) {
      if (this.#live.account === account) return { ...(await this.state()), balances: [] };
      throw new KeelError('conflict', `${this.#live.account} is armed; disarm it before arming ${account}`);
    }
    if (this.#arming) throw new KeelError('conflict', 'live trading is being armed already; wait for it to finish');
    const run = this.#doArm(account, actor);
    this.#arming = run;
    try {
      return await run;
    } finally {
      this.#arming = null;
    }
  }

  /**
   * The trader says the armed account's drift is theirs: the journal takes the exchange's balances as right
   * (audit `mode.acknowledge-drift`), so neither these findings nor the next arming list it again.
   */
  async acknowledgeDrift(account: string, seen: readonly { asset: string; exchange: string }[], actor: AuditActor = 'user'): Promise<TradingMode> {
    const live = this.#live;
    if (!live) throw new KeelError('conflict', `no live account is armed; arm ${account} to acknowledge its drift`);
    if (live.account !== account) throw new KeelError('conflict', `${live.account} is armed, not ${account}; only the armed account's drift can be acknowledged`);
    if (!live.opened.acknowledgeDrift) throw new KeelError('conflict', `this engine cannot acknowledge balance drift for ${account}`);
    const acknowledged = live.opened.acknowledgeDrift(seen);
    // Nothing differed: nothing written, nothing to audit.
    if (acknowledged.length === 0) return this.#snapshot();
    this.#o.audit?.append({ actor, action: 'mode.acknowledge-drift', details: { account, acknowledged: acknowledged.map((d) => ({ ...d })) } });
    this.#o.log.info('trading', `${account}: drift acknowledged; took the exchange's balances as right: ${acknowledged.map((d) => `${d.asset} ${d.difference}`).join(', ')}`);
    const state = this.#snapshot();
    this.#o.events?.emit('trading.mode', state);
    return state;
  }

  async disarm(actor: AuditActor = 'user'): Promise<TradingMode> {
    const live = this.#live;
    if (live) {
      this.#live = null;
      live.stopFindings();
      live.opened.close();
      this.#o.audit?.append({ actor, action: 'mode.disarm', details: { account: live.account, armedAt: live.armedAt, openOrders: live.opened.engine.openOrders().length } });
      this.#o.log.info('trading', `live trading disarmed (${live.account}); back to paper`);
    }
    const state = await this.state();
    if (live) this.#o.events?.emit('trading.mode', state);
    return state;
  }

  /** Closes the live account if armed (the app is quitting); no audit row: the next start is paper anyway. */
  close(): void {
    this.#live?.stopFindings();
    this.#live?.opened.close();
    this.#live = null;
  }

  async #doArm(account: string, actor: AuditActor): Promise<TradingMode & { balances: Balance[] }> {
    const id = parseAccountId(account);
    const keys = await this.#o.keys();
    if (!(await keys.has(id))) {
      throw new KeelError('conflict', `no API key is stored for ${account}; add one with \`keel keys set --exchange ${id.exchange} --name ${id.name}\`, then arm again`);
    }
    let opened: OpenedLive;
    try {
      opened = await this.#o.open(account, () => keys.get(id));
    } catch (err) {
      // ccxt's text carries the signed URL and the edge's HTML page: neither belongs on screen or in the audit log.
      const reason = describeExchangeError(id.exchange, err);
      this.#o.audit?.append({ actor, action: 'mode.arm-failed', details: { account, reason } });
      throw new KeelError('conflict', `live trading was not armed: ${reason}`);
    }
    const armedAt = this.#now();
    const live = { account, opened, armedAt, stopFindings: () => {} };
    this.#live = live;
    // A later reconciliation (after a reconnect) or a cancel refused again: told as it happens.
    live.stopFindings =
      opened.onFindings?.(() => {
        if (this.#live === live) this.#o.events?.emit('trading.mode', this.#snapshot());
      }) ?? (() => {});
    const balances = toBalances(opened.balances);
    const found = findingsOf(opened);
    this.#o.audit?.append({
      actor,
      action: 'mode.arm',
      details: { account, balances: balances.map((b) => ({ ...b })), openOrders: opened.engine.openOrders().length, foreignOpenOrders: found?.foreignOpenOrders.length ?? 0, balanceDrift: found?.balanceDrift.map((d) => ({ ...d })) ?? [] },
    });
    this.#o.log.warn('trading', `LIVE trading armed on ${account}`);
    const state = await this.state();
    this.#o.events?.emit('trading.mode', state);
    return { ...state, balances };
  }

  async #credentials(account: string): Promise<ExchangeCredentials> {
    const id = parseAccountId(account);
    const credentials = await (await this.#o.keys()).get(id);
    if (!credentials) throw new KeelError('conflict', `no API key is stored for ${account}; add one with \`keel keys set --exchange ${id.exchange} --name ${id.name}\``);
    return credentials;
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }
}

/** The opened account's findings, times made whole for the contract; null when the opener does not say. */
function findingsOf(opened: OpenedLive): LiveFindings | null {
  const f = opened.findings?.();
  if (!f) return null;
  return { ...f, reconciledAt: f.reconciledAt === null ? null : Math.max(0, Math.floor(f.reconciledAt)) };
}

function toBalances(rows: Record<string, { free: string; locked: string }>): Balance[] {
  return Object.entries(rows).map(([asset, b]) => ({ asset, free: b.free, locked: b.locked }));
}
