import { describe, expect, it } from 'vitest';
import { KeelError } from '../../../shared/contract/index.ts';
import { bridgeUrl, readToken } from '../../../renderer/src/api/bridge-url.ts';
import { toErrorData } from '../../../renderer/src/state/error-data.ts';
import { formatMarketTime, formatPrice } from '../../../renderer/src/lib/format.ts';

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

  it('shows market times in UTC', () => {
    expect(formatMarketTime(Date.UTC(2022, 0, 1, 12, 34, 56))).toBe('2022-01-01 12:34:56 UTC');
    expect(formatMarketTime(null)).toBe('—');
  });
});
