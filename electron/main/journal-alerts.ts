// An account's journal failing to save, told outside the window too (a desktop notification), as the kill
// switch's problems are: the engine says it once per change of state (trading.journalHealth), often while
// nobody looks at the window (a strategy trading, a fill arriving overnight), and a trader who goes on
// trading on a journal that drops what it cannot save must hear of it where they are looking. The trading
// screen's alert says the same in the same words (shared/domain/journal-health-text.ts).
import type { JournalHealth } from '../../shared/contract/journal-health.ts';
import { clockTime, savingAgainText, WHAT_TO_DO, whatKeelDid } from '../../shared/domain/journal-health-text.ts';
import type { Logger } from '../app/logger.ts';

export interface JournalAlertDeps {
  /** Subscribes to the engine's trading.journalHealth; returns the unsubscribe. */
  onHealth: (listener: (h: JournalHealth) => void) => () => void;
  /** A desktop notification (may throw where the desktop has none). */
  alert: (title: string, body: string) => void;
  log: Logger;
}

/** The notification for a state the engine told: a failure in full, a recovery in a line. */
export function journalAlert(h: JournalHealth): { title: string; body: string } {
  if (h.status === 'saving') return { title: `Keel: the ${h.account} journal is saving again`, body: savingAgainText(h) };
  return {
    title: `Keel: the ${h.account} journal could not save a change`,
    body: `${h.error} (at ${clockTime(h.failedAt)}). ${whatKeelDid(h)} ${WHAT_TO_DO}`,
  };
}

/** Shows each state change as a notification; returns the uninstall. */
export function installJournalAlerts(deps: JournalAlertDeps): () => void {
  return deps.onHealth((h) => {
    const { title, body } = journalAlert(h);
    try {
      deps.alert(title, body);
    } catch (err) {
      deps.log.warn('trading', `could not show a desktop notification of the ${h.account} journal (${err instanceof Error ? err.message : String(err)})`);
    }
  });
}
