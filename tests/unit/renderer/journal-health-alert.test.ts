// The trading screen's alert for an account whose journal cannot save: a page opened after the failure
// learns it by asking, events change it, and it names the account, what failed, when, what Keel did and
// what the trader should do; once writes go through again it says since when, until dismissed.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JournalHealth } from '../../../shared/contract/index.ts';
import { JournalHealthAlerts } from '../../../renderer/src/features/journal-health/JournalHealthAlerts.tsx';
import { clockTime } from '../../../shared/domain/journal-health-text.ts';
import { dismissJournalHealth, followJournalHealth, useJournalHealth } from '../../../renderer/src/features/journal-health/journal-health-store.ts';
import { fakeApi } from './fake-api.ts';

const FAILED_AT = Date.UTC(2026, 10, 24, 14, 5, 30);
const RECOVERED_AT = FAILED_AT + 7 * 60_000;

const failing: JournalHealth = {
  account: 'binance:main',
  status: 'failing',
  changedAt: FAILED_AT,
  failedAt: FAILED_AT,
  error: 'database or disk is full',
  reload: 'reloaded',
  reloadError: null,
  recoveredAt: null,
};
const saving: JournalHealth = { ...failing, status: 'saving', changedAt: RECOVERED_AT, recoveredAt: RECOVERED_AT };

/** The alerts as the screen draws them from the store now. */
const screen = () => renderToStaticMarkup(createElement(JournalHealthAlerts, { alerts: Object.values(useJournalHealth.getState().byAccount), onDismiss: () => {} }));
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  useJournalHealth.setState({ byAccount: {}, dismissed: {} });
});

describe("the trading screen's journal alert", () => {
  it('shows nothing while every journal saves', async () => {
    const api = fakeApi({ 'trading.journalHealth': () => ({ accounts: [] }) });
    const off = followJournalHealth(api);
    await settle();
    expect(screen()).toBe('');
    off();
  });

  it('shows a failure that happened before the page opened, then its recovery from the event', async () => {
    const api = fakeApi({ 'trading.journalHealth': () => ({ accounts: [failing] }) });
    const off = followJournalHealth(api);
    await settle();
    const html = screen();
    expect(html).toContain('data-testid="journal-health"');
    expect(html).toContain('data-status="failing"');
    expect(html).toContain('binance:main');
    expect(html).toContain('database or disk is full');
    expect(html).toContain(clockTime(FAILED_AT));
    expect(html).toMatch(/reloaded .*orders, positions and cash.* from the journal/);
    expect(html).toMatch(/free disk space/);
    expect(html).toMatch(/may be refused/);
    // A failure cannot be dismissed: it stays until the journal saves again.
    expect(html).not.toContain('aria-label="Dismiss"');

    api.emit('trading.journalHealth', saving);
    const after = screen();
    expect(after).toContain('data-status="saving"');
    expect(after).toContain(`binance:main journal saving again since ${clockTime(RECOVERED_AT)}`);
    expect(after).not.toContain('database or disk is full');
    expect(after).toContain('aria-label="Dismiss"');

    dismissJournalHealth('binance:main');
    expect(screen()).toBe('');
    off();
    expect(api.listenerCount('trading.journalHealth')).toBe(0);
  });

  it('says when the reload failed too, and keeps the newer state when an old answer arrives late', async () => {
    let answer!: (r: { accounts: JournalHealth[] }) => void;
    const api = fakeApi({ 'trading.journalHealth': () => new Promise((resolve) => (answer = resolve)) });
    const off = followJournalHealth(api);
    api.emit('trading.journalHealth', { ...failing, account: 'paper', reload: 'failed', reloadError: 'database disk image is malformed' });
    let html = screen();
    expect(html).toContain('paper');
    expect(html).toContain('database disk image is malformed');
    expect(html).toMatch(/may be ahead of the journal/);
    api.emit('trading.journalHealth', { ...saving, account: 'paper' });
    // The answer was asked before the recovery: it does not bring the failure back.
    answer({ accounts: [{ ...failing, account: 'paper' }] });
    await settle();
    html = screen();
    expect(html).toContain('data-status="saving"');
    expect(html).not.toContain('data-status="failing"');
    off();
  });

  it('cannot dismiss a failure', () => {
    useJournalHealth.setState({ byAccount: { paper: { ...failing, account: 'paper' } } });
    dismissJournalHealth('paper');
    expect(screen()).toContain('data-status="failing"');
  });
});
