// Market rules as the account the commands act on trades them (trading.rules): the quantity step and the
// taker fee the ticket's risk sizing uses, and whether the account is spot (no shorts, so no Reverse); the
// account snapshot's kind (trading.account) brings a switched paper account's kind here too.
// Asked once per account and symbol, kept by the account the answer names; emptied when the account on
// screen changes (trading-feed.ts), so a re-armed account is asked afresh.
import { useEffect } from 'react';
import type { Api } from '../../../../shared/contract/index.ts';
import type { MarketRulesInfo } from '../../../../shared/contract/commands/trading.ts';
import { create } from 'zustand';
import { toErrorData } from '../../state/error-data.ts';
import { activeAccount, useTradingModeState } from '../ticket/live/trading-mode-store.ts';
import { currentAccount } from './account-scope.ts';

export type { MarketRulesInfo };

interface MarketRulesState {
  /** By rulesKey(account, symbol). */
  rules: ReadonlyMap<string, MarketRulesInfo>;
  /** Spot or margin per account, from any of its markets' rules. */
  kinds: ReadonlyMap<string, MarketRulesInfo['kind']>;
}

export const useMarketRules = create<MarketRulesState>()(() => ({ rules: new Map(), kinds: new Map() }));

/** Questions asked (or answered "no such market") per rulesKey: each is asked once. */
const asked = new Set<string>();

export function rulesKey(account: string, symbol: string): string {
  return `${account}|${symbol}`;
}

export function clearMarketRules(): void {
  asked.clear();
  useMarketRules.setState({ rules: new Map(), kinds: new Map() });
}

/** Takes in an answer, under the account it names. */
export function applyMarketRules(r: MarketRulesInfo): void {
  useMarketRules.setState((s) => ({ rules: new Map(s.rules).set(rulesKey(r.account, r.symbol), r), kinds: s.kinds.get(r.account) === r.kind ? s.kinds : new Map(s.kinds).set(r.account, r.kind) }));
}

/**
 * The account's kind as its snapshot says it (trading.account, an answer or an event: after the paper
 * account is switched between spot and margin too). The rules already known of that account follow it,
 * so Reverse and the ticket see the new kind at once.
 */
export function applyAccountKind(account: string, kind: MarketRulesInfo['kind']): void {
  const s = useMarketRules.getState();
  if (s.kinds.get(account) === kind) return;
  const rules = new Map(s.rules);
  for (const [key, r] of rules) if (r.account === account && r.kind !== kind) rules.set(key, { ...r, kind });
  useMarketRules.setState({ rules, kinds: new Map(s.kinds).set(account, kind) });
}

/**
 * Asks the engine for a symbol's rules on the account on screen, unless asked already. A market the
 * account cannot trade (not_found) is not asked again; another failure may be asked again later.
 */
export function requestMarketRules(api: Api, symbol: string): void {
  const key = rulesKey(currentAccount(), symbol);
  if (asked.has(key)) return;
  asked.add(key);
  api.commands['trading.rules']({ symbol }).then(applyMarketRules, (err: unknown) => {
    if (toErrorData(err).code !== 'not_found') asked.delete(key);
  });
}

/** The rules of `symbol` on the account on screen (asked for when missing), or null until known. */
export function useMarketRulesFor(api: Api, symbol: string | null): MarketRulesInfo | null {
  const account = useTradingModeState((s) => activeAccount(s.state));
  useEffect(() => {
    if (symbol !== null) requestMarketRules(api, symbol);
  }, [api, symbol, account]);
  return useMarketRules((s) => (symbol === null ? null : (s.rules.get(rulesKey(account, symbol)) ?? null)));
}

/** The rules of `symbol` on the account on screen as known now (no question asked): for key presses. */
export function marketRulesNow(symbol: string | null): MarketRulesInfo | null {
  return symbol === null ? null : (useMarketRules.getState().rules.get(rulesKey(currentAccount(), symbol)) ?? null);
}

/** Spot or margin for the account on screen, once any of `symbols` has its rules (they are asked for); null until then. */
export function useAccountKind(api: Api, symbols: readonly string[]): MarketRulesInfo['kind'] | null {
  const account = useTradingModeState((s) => activeAccount(s.state));
  const wanted = symbols.join('\n');
  useEffect(() => {
    if (useMarketRules.getState().kinds.has(account)) return;
    for (const symbol of wanted ? wanted.split('\n') : []) requestMarketRules(api, symbol);
  }, [api, wanted, account]);
  return useMarketRules((s) => s.kinds.get(account) ?? null);
}
