// The browser tab says paper or live, and which live account.
import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../../renderer/src/app/use-window-title.ts';

describe('window title', () => {
  it('names the symbol and the trading mode', () => {
    expect(windowTitle('BTC/USDT', 'paper', 'paper')).toBe('BTC/USDT · Keel · PAPER');
    expect(windowTitle('BTC/USDT', 'live', 'binance:main')).toBe('BTC/USDT · Keel · LIVE binance:main');
    expect(windowTitle(null, 'paper', 'paper')).toBe('Keel · PAPER');
    expect(windowTitle('BTC/USDT', 'live', 'binance:main', true)).toBe('BTC/USDT · Keel · LIVE binance:main · HALTED');
  });
});
