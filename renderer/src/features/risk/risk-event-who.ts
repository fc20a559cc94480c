// Who an event in the risk log is from: its actor (user, system, strategy:<id>) and, when the log holds more
// than one account's events (a live account beside paper: every account's risk room writes to one audit
// log), the account it is about, so a refusal on binance:main is not read as paper's. One account's log
// reads as it always has.
import type { RiskEvent } from './risk-store.ts';

/** Whether the events are about more than one account (events recorded before they named one count as none). */
export function spansAccounts(events: readonly Pick<RiskEvent, 'account'>[]): boolean {
  let first: string | null = null;
  for (const e of events) {
    if (e.account === null) continue;
    if (first === null) first = e.account;
    else if (e.account !== first) return true;
  }
  return false;
}

/** "system", or "system · binance:main" when the log spans accounts. */
export function eventWho(e: Pick<RiskEvent, 'actor' | 'account'>, spans: boolean): string {
  return spans && e.account !== null ? `${e.actor} · ${e.account}` : e.actor;
}
