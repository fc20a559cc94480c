import { describe, expect, it } from 'vitest';
import { parseTime, timeEncoding } from '../../../electron/market/import/parse-time.ts';

const T = Date.UTC(2023, 2, 1, 0, 0, 0); // 2023-03-01 00:00:00 UTC

describe('parseTime', () => {
  it.each([
    ['2023-03-01 00:00:00+00:00', T],
    ['2023-03-01T00:00:00Z', T],
    ['2023-03-01T00:00:00.000Z', T],
    ['2023-03-01 00:00:00', T], // no offset means UTC
    ['2023-03-01 00:00', T],
    ['2023-03-01', T],
    ['2023/03/01 00:00:00', T],
    ['2023-03-01 01:00:00+01:00', T],
    ['2023-02-28 19:00:00-0500', T],
    ['2023-03-01 05:30:00+05:30', T],
    ['2023-03-01 00:00:00 UTC', T],
    ['2021-12-31 23:01:00.000000', Date.UTC(2021, 11, 31, 23, 1)],
    ['2021-12-31 23:01:00.250', Date.UTC(2021, 11, 31, 23, 1, 0, 250)],
    ['2021-12-31 23:01:00.123456789', Date.UTC(2021, 11, 31, 23, 1, 0, 123)],
    ['  2023-03-01T00:00:00Z  ', T],
  ])('reads %j', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
    expect(timeEncoding(text)).toBe('ISO time');
  });

  it.each([
    ['1677628800', 'epoch s'],
    ['1677628800.0', 'epoch s'],
    ['1677628800000', 'epoch ms'],
    ['1677628800000000', 'epoch µs'],
    ['1677628800000000000', 'epoch ns'],
  ] as const)('reads epoch %s by its magnitude', (text, encoding) => {
    expect(parseTime(text)).toBe(T);
    expect(timeEncoding(text)).toBe(encoding);
  });

  it.each(['', 'yesterday', '2023-02-30 00:00:00', '2023-13-01', '2023-03-01 24:00:00', '2023-03-01 00:60:00', '2023-3-1', '-1677628800', '1.6e12', '2023-03-01T00:00:00+5'])(
    'refuses %j',
    (text) => {
      expect(parseTime(text)).toBeNull();
      expect(timeEncoding(text)).toBeNull();
    },
  );

  it('knows leap years', () => {
    expect(parseTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTime('2023-02-29')).toBeNull();
  });
});
