// Every account's journal health as the engine last told it (trading.journalHealth): listen first, then
// ask, so a page opened after a failure shows it and nothing told while the answer travels is lost. All
// accounts, not only the one the trading commands act on: a paper strategy's journal failing while live
// is armed (or the other way round) is as much the trader's business. Returns the unsubscribe.
import { create } from 'zustand';
import type { Api, JournalHealth } from '../../../../shared/contract/index.ts';
import { toErrorData } from '../../state/error-data.ts';
import { reportError } from '../../state/notices-store.ts';

interface JournalHealthStore {
  /** The last state of each account whose journal failed, by account. */
  byAccount: Record<string, JournalHealth>;
  /** A "saving again" line the trader dismissed, by account: the time of the state dismissed. */
  dismissed: Record<string, number>;
}

export const useJournalHealth = create<JournalHealthStore>()(() => ({ byAccount: {}, dismissed: {} }));

/** Takes in a state (an event or an answer); one older than what the store holds for the account is dropped. */
export function applyJournalHealth(health: JournalHealth): void {
  const { byAccount, dismissed } = useJournalHealth.getState();
  const was = byAccount[health.account];
  if (was && was.changedAt > health.changedAt) return;
  if ((dismissed[health.account] ?? -1) >= health.changedAt) return;
  useJournalHealth.setState({ byAccount: { ...byAccount, [health.account]: health } });
}

/** Hides an account's "saving again" line. A failure cannot be hidden: it stays until the journal saves. */
export function dismissJournalHealth(account: string): void {
  const { byAccount, dismissed } = useJournalHealth.getState();
  const was = byAccount[account];
  if (was?.status !== 'saving') return;
  const rest = { ...byAccount };
  delete rest[account];
  useJournalHealth.setState({ byAccount: rest, dismissed: { ...dismissed, [account]: was.changedAt } });
}

export function followJournalHealth(api: Api): () => void {
  const off = api.events['trading.journalHealth'](applyJournalHealth);
  api.commands['trading.journalHealth']({}).then(
    (r) => r.accounts.forEach(applyJournalHealth),
    // An engine without the command has nothing to tell; any other failure is shown.
    (err: unknown) => {
      if (toErrorData(err).code !== 'unknown_command') reportError('Read the journal health', err);
    },
  );
  return off;
}
