import { describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import { bridgeUrl, readToken } from '../../../renderer/src/api/bridge-url.ts';
import { toErrorData } from '../../../renderer/src/state/error-data.ts';
import { formatMarketTime, formatPrice, formatPriceLike, priceDecimals } from '../../../renderer/src/lib/format.ts';

describe('bridge URL', () => {
  it('reads the token from the page URL', () => {
    expect(readToken('?token=abc-_123')).toBe('abc-_123');
    expect(readToken('?x=1&token=t')).toBe('t');
    expect(readToken('')).toBeNull();
    expect(readToken('?token=')).toBeNull();
  });

  it('puts the bridge on the page origin with the token, ws for http and wss for https', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4747' }, 'a+b')).toBe('ws://127.0.0.1:4747/bridge?token=a%2Bb');
    expect(bridgeUrl({ protocol: 'https:', host: 'keel.local' }, 't')).toBe('wss://keel.local/bridge?token=t');
  });
});

describe('toErrorData', () => {
  it('keeps a KeelError code and message', () => {
    expect(toErrorData(new KeelError('conflict', 'replay is idle'))).toEqual({ code: 'conflict', message: 'replay is idle' });
  });

  it('reads the plain object the Electron preload rejects with', () => {
    expect(toErrorData({ name: 'KeelError', code: 'not_found', message: 'no candles' })).toEqual({ code: 'not_found', message: 'no candles' });
  });

  it('calls anything else internal, keeping its message', () => {
    expect(toErrorData(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toErrorData({ code: 'made_up', message: 'x' })).toEqual({ code: 'internal', message: 'x' });
    expect(toErrorData('text')).toEqual({ code: 'internal', message: 'text' });
  });
});

describe('format', () => {
  it('shows prices with decimals that suit their size', () => {
    expect(formatPrice(46377)).toBe('46,377.00');
    expect(formatPrice(0.5412)).toBe('0.541200');
    expect(formatPrice(2.5)).toBe('2.5000');
    expect(formatPrice(null)).toBe('—');
  });

  it('prints exactly what toLocaleString printed before the formatters were cached, but no minus on a zero', () => {
    // -0 and a loss too small for the decimals shown read "0.00…", not "-0.00…" (en-number.ts).
    const slow = (p: number) => {
      const d = priceDecimals(p);
      return p.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d, signDisplay: 'negative' });
    };
    const prices = [0, -0, 1, -1, 0.5, 999.995, 1000, 1234.5678, 46_216.93, 1e9 + 0.005, 0.00001234, 0.0099999, 0.01, 123.456789, -2_500.125, 5e-9, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i++) prices.push((Math.sin(i) * 10 ** ((i % 14) - 6)) * (i % 3 === 0 ? -1 : 1));
    for (const p of prices) expect(formatPrice(p), String(p)).toBe(slow(p));
    for (const p of [NaN, Infinity, -Infinity]) expect(formatPrice(p)).toBe('—');
    expect(formatPrice(-0)).toBe('0.00000000');
    expect(formatPrice(-1e-9)).toBe('0.00000000');
    // A value written with its reference's decimals (a spread beside its price, a change beside its close).
    expect(formatPriceLike(0.5, 46_000)).toBe('0.50');
    expect(formatPriceLike(12_345.6, 0.5)).toBe('12,345.600000');
  });

  it('shows market times in UTC', () => {
    expect(formatMarketTime(Date.UTC(2022, 0, 1, 12, 34, 56))).toBe('2022-01-01 12:34:56 UTC');
    expect(formatMarketTime(null)).toBe('—');
  });
});
