// The desktop notification of a journal that cannot save: one per state the engine tells, in the trading
// screen's words, and a desktop without notifications is a line in the log, not a crash of the listener.
import { describe, expect, it } from 'vitest';
import type { JournalHealth } from '../../../shared/contract/journal-health.ts';
import { clockTime } from '../../../shared/domain/journal-health-text.ts';
import { memoryLogger } from '../../../electron/app/logger.ts';
import { installJournalAlerts, journalAlert } from '../../../electron/main/journal-alerts.ts';

const failedAt = Date.UTC(2026, 10, 24, 13, 5);
const failing: JournalHealth = { account: 'binance:main', status: 'failing', changedAt: failedAt, failedAt, error: 'database or disk is full', reload: 'reloaded', reloadError: null, recoveredAt: null };

function bus() {
  const listeners: ((h: JournalHealth) => void)[] = [];
  return {
    onHealth: (l: (h: JournalHealth) => void) => {
      listeners.push(l);
      return () => void listeners.splice(listeners.indexOf(l), 1);
    },
    tell: (h: JournalHealth) => listeners.forEach((l) => l(h)),
    get count() {
      return listeners.length;
    },
  };
}

describe('journal alerts on the desktop', () => {
  it('names the account, the error, when, what Keel did and what to check', () => {
    const a = journalAlert(failing);
    expect(a.title).toBe('Keel: the binance:main journal could not save a change');
    expect(a.body).toContain(`database or disk is full (at ${clockTime(failedAt)})`);
    expect(a.body).toContain("Keel reloaded the account's orders, positions and cash from the journal");
    expect(a.body).toContain('Check free disk space');
  });

  it('says when the reload failed too, and when the journal saves again', () => {
    expect(journalAlert({ ...failing, reload: 'failed', reloadError: 'no such table: orders' }).body).toContain('could not reload the account from the journal either (no such table: orders)');
    const back = journalAlert({ ...failing, status: 'saving', changedAt: failedAt + 600_000, recoveredAt: failedAt + 600_000 });
    expect(back.title).toBe('Keel: the binance:main journal is saving again');
    expect(back.body).toBe(`binance:main journal saving again since ${clockTime(failedAt + 600_000)} (it failed at ${clockTime(failedAt)}).`);
  });

  it('shows one notification per state told, logs a desktop that has none, and stops when uninstalled', () => {
    const b = bus();
    const shown: string[] = [];
    const log = memoryLogger();
    let supported = true;
    const uninstall = installJournalAlerts({
      onHealth: b.onHealth,
      alert: (title) => {
        if (!supported) throw new Error('no notification service');
        shown.push(title);
      },
      log,
    });
    b.tell(failing);
    b.tell({ ...failing, status: 'saving', recoveredAt: failedAt + 1 });
    expect(shown).toEqual(['Keel: the binance:main journal could not save a change', 'Keel: the binance:main journal is saving again']);
    supported = false;
    expect(() => b.tell(failing)).not.toThrow();
    expect(log.lines.join('\n')).toContain('could not show a desktop notification of the binance:main journal (no notification service)');
    uninstall();
    expect(b.count).toBe(0);
  });
});
