// "Did you mean BTC/USDT?" for a symbol typed as exchanges and file names write it (BTCUSDT, btc_usdt,
// BTC-USDT) or not stored: one guess for keel import, keel backtest, keel export and the app's chart.
import { describe, expect, it } from 'vitest';
import { UnknownMarketError } from '../../../electron/market/market-source.ts';
import { parseSymbol } from '../../../shared/domain/symbol.ts';
import { didYouMeanSymbol, nearestSymbol, symbolKey } from '../../../shared/domain/symbol-guess.ts';

const STORED = ['BTC/USDT', 'ETH/USDT', '1000PEPE/USDT'];

describe('nearestSymbol', () => {
  it('matches a stored symbol whatever the case and separators', () => {
    expect(symbolKey('btc_usdt')).toBe('BTCUSDT');
    for (const typed of ['BTCUSDT', 'btcusdt', 'BTC-USDT', 'btc_usdt', 'Btc/Usdt', 'BTC USDT']) expect(nearestSymbol(typed, STORED)).toBe('BTC/USDT');
    expect(nearestSymbol('1000pepe-usdt', STORED)).toBe('1000PEPE/USDT');
  });

  it('offers the one stored symbol a name starts, and guesses no slip: ETC/USDT is a market of its own', () => {
    expect(nearestSymbol('ETC/USDT', STORED)).toBeNull();
    expect(nearestSymbol('BTC', STORED)).toBe('BTC/USDT');
    expect(nearestSymbol('ETH/USD', STORED)).toBe('ETH/USDT');
    expect(nearestSymbol('1000PEPE', STORED)).toBe('1000PEPE/USDT');
  });

  it('reads a pair written as one word by its quote asset when nothing is stored, and guesses nothing wild', () => {
    expect(nearestSymbol('SOLUSDT', [])).toBe('SOL/USDT');
    expect(nearestSymbol('sol-eur', [])).toBe('SOL/EUR');
    expect(nearestSymbol('SOL/EUR', STORED)).toBeNull();
    expect(nearestSymbol('XYZ', STORED)).toBeNull();
  });

  it('words it after the symbol a refusal quotes', () => {
    expect(didYouMeanSymbol('BTC/USD', STORED)).toBe(' (did you mean BTC/USDT?)');
    expect(didYouMeanSymbol('SOL/EUR', STORED)).toBe('');
  });
});

describe('parseSymbol', () => {
  it('still takes BASE/QUOTE in any case', () => {
    expect(parseSymbol('btc/usdt')).toBe('BTC/USDT');
  });

  it('refuses BTCUSDT and btc_usdt offering BTC/USDT, from the symbols known or else the quote asset', () => {
    expect(() => parseSymbol('BTCUSDT')).toThrow('invalid symbol "BTCUSDT" (did you mean BTC/USDT?); a symbol is BASE/QUOTE such as BTC/USDT (or BASE/QUOTE:SETTLE for derivatives)');
    expect(() => parseSymbol('btcusd', ['BTC/USDT'])).toThrow('invalid symbol "btcusd" (did you mean BTC/USDT?)');
    expect(() => parseSymbol('nonsense!')).toThrow('invalid symbol "nonsense!"; a symbol is BASE/QUOTE');
    // Nothing close: the stored ones, so the trader can pick.
    expect(() => parseSymbol('sol-eur!', ['ETH/USDT', 'BTC/USDT'])).toThrow('invalid symbol "sol-eur!" (did you mean SOL/EUR?)');
    expect(() => parseSymbol('nonsense!', ['ETH/USDT', 'BTC/USDT'])).toThrow('(or BASE/QUOTE:SETTLE for derivatives); stored symbols: BTC/USDT, ETH/USDT');
  });
});

describe('UnknownMarketError', () => {
  it('offers the symbol a chart request most likely meant, before the list', () => {
    expect(new UnknownMarketError('the journal', 'symbol', 'BTCUSDT', STORED).message).toBe('unknown symbol "BTCUSDT" on the journal (did you mean BTC/USDT?); valid symbols: BTC/USDT, ETH/USDT, 1000PEPE/USDT');
    expect(new UnknownMarketError('the journal', 'symbol', 'SOL/EUR', STORED).message).toBe('unknown symbol "SOL/EUR" on the journal; valid symbols: BTC/USDT, ETH/USDT, 1000PEPE/USDT');
  });
});
