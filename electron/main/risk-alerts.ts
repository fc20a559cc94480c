// A kill switch the system pulled (a daily-loss or drawdown breach, a margin call, the exchange's circuit
// breaker), told outside the window too (a desktop notification), as the journal's failures are: it comes
// while nobody looks at the window (a strategy trading overnight), it stops every new entry, and with
// closeOnLossLimit or a margin call it closes the positions. The trader's own pulls are not told back (they
// pulled it); the tray's and the shortcut's failures are told by kill-switch-shell.ts.
import type { EventPayload } from '../../shared/contract/index.ts';
import type { Logger } from '../app/logger.ts';

type RiskEvent = EventPayload<'risk.event'>;

export interface RiskAlertDeps {
  /** Subscribes to the engine's risk.event; returns the unsubscribe. */
  onEvent: (listener: (e: RiskEvent) => void) => () => void;
  /** A desktop notification (may throw where the desktop has none). */
  alert: (title: string, body: string) => void;
  log: Logger;
}

/** What pulled it, as the title names it (the risk room's `via`). */
const PULLED_BY: Readonly<Record<string, string>> = {
  'daily-loss': 'the daily loss limit',
  drawdown: 'the drawdown limit',
  'margin-call': 'a margin call',
  'circuit-breaker': "the exchange's circuit breaker",
};

/** The risk room's kill event: "kill switch engaged via VIA: REASON; WHAT WAS DONE in N ms[; could not: ...]". */
const ENGAGED = /^kill switch engaged via ([\w-]+): (.*); ((?:no|\d+) orders? cancelled.*?) in [\d.]+ ms(.*)$/s;

/** The notification for a risk event, or null for one the trader does not need told outside the window. */
export function riskAlert(e: RiskEvent): { title: string; body: string } | null {
  if (e.kind !== 'kill' || e.actor !== 'system') return null;
  const m = ENGAGED.exec(e.message);
  // Another system kill event (a hold for another reason, a live kill's cancels the exchange did not confirm): its words as they are.
  const on = e.account === null ? '' : ` on ${e.account}`;
  if (!m) return { title: `Keel: kill switch${on}`, body: sentence(e.message) };
  const [, via, reason, done, rest] = m as unknown as [string, string, string, string, string];
  const by = PULLED_BY[via] ?? via;
  return {
    title: `Keel: kill switch${on} pulled by ${by}`,
    body: `${sentence(reason)} ${sentence(`${done}${rest}`)} New entries are blocked until you re-arm it in Keel.`,
  };
}

/** Shows each kill the system made as a notification; returns the uninstall. */
export function installRiskAlerts(deps: RiskAlertDeps): () => void {
  return deps.onEvent((e) => {
    const shown = riskAlert(e);
    if (!shown) return;
    try {
      deps.alert(shown.title, shown.body);
    } catch (err) {
      deps.log.warn('risk', `could not show a desktop notification of the kill switch (${err instanceof Error ? err.message : String(err)})`);
    }
  });
}

/** "today's loss of 5.2% reached …" as a sentence: capitalised, with its full stop. */
function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  return `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}
