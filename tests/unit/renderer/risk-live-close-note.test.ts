// What closing positions at a loss limit says while a live account is armed, and the question before it is
// turned on there: the account named, market orders to the exchange said; nothing on paper.
import { describe, expect, it } from 'vitest';
import { liveCloseNote, liveCloseQuestion } from '../../../renderer/src/features/risk/live-close-note.ts';

describe('closing positions at a loss limit on a live account', () => {
  it('says nothing on paper', () => {
    expect(liveCloseNote(null, true)).toBeNull();
    expect(liveCloseNote(null, false)).toBeNull();
  });

  it('names the account and the market orders, on or off', () => {
    expect(liveCloseNote('binance:main', true)).toBe('On binance:main, a daily-loss or drawdown breach sends market orders to the exchange that close every open position.');
    expect(liveCloseNote('binance:main', false)).toBe('Ticked, a daily-loss or drawdown breach on binance:main would send market orders to the exchange that close every open position.');
  });

  it('asks with the account named before turning it on', () => {
    expect(liveCloseQuestion('kraken:alt')).toMatch(/^Close every open position on kraken:alt with market orders when a daily-loss or drawdown limit is breached\? /);
  });
});
