// The words of the journal alert (the trading screen's, and the desktop notification's when the window is
// out of sight): what failed, when, what Keel did, and what the trader can do.
import type { JournalHealth } from '../contract/journal-health.ts';

/** "14:05" on the trader's own clock (the failure is wall time, unlike the tables' market times). */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** What Keel did about the failed write. */
export function whatKeelDid(h: JournalHealth): string {
  if (h.reload === 'reloaded') return "Keel reloaded the account's orders, positions and cash from the journal, so the screen shows what is saved; the change that could not be saved was not made.";
  return `Keel could not reload the account from the journal either (${h.reloadError ?? 'no reason given'}); it tries again when the account next places, fills or cancels an order. Until then what is on screen may be ahead of the journal.`;
}

/** What the trader should do while it fails. */
export const WHAT_TO_DO = "Check free disk space and Keel's data folder (the journal file may be locked by another program or on a failing drive). Orders placed meanwhile may be refused, and fills may be saved late.";

/** The short line once writes go through again. */
export function savingAgainText(h: JournalHealth): string {
  return `${h.account} journal saving again since ${clockTime(h.recoveredAt ?? h.changedAt)} (it failed at ${clockTime(h.failedAt)}).`;
}
