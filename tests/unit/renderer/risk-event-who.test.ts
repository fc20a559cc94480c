// The risk log names an event's account only when it holds more than one account's events: a refusal on
// a live account beside paper's is not read as paper's, and one account's log reads as it always has.
import { describe, expect, it } from 'vitest';
import { eventWho, spansAccounts } from '../../../renderer/src/features/risk/risk-event-who.ts';

describe("the risk log's actor column", () => {
  it('names the account only when the log spans accounts', () => {
    const paper = { actor: 'user', account: 'paper' };
    const live = { actor: 'system', account: 'binance:main' };
    const old = { actor: 'system', account: null };
    expect(spansAccounts([paper, old, paper])).toBe(false);
    expect(spansAccounts([paper, live])).toBe(true);
    expect(eventWho(live, false)).toBe('system');
    expect(eventWho(live, true)).toBe('system · binance:main');
    expect(eventWho(old, true)).toBe('system');
  });
});
