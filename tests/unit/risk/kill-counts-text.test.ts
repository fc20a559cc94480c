// Counts in the kill switch's words read as English: "no orders cancelled", "1 order cancelled",
// "3 orders cancelled", where they read "0 order(s) cancelled".
import { describe, expect, it } from 'vitest';
import { capitalized, countOf } from '../../../shared/domain/plural.ts';
import { pullProblems } from '../../../electron/main/kill-switch-shell.ts';

describe('countOf', () => {
  it('says none, one and many as English does', () => {
    expect(countOf(0, 'order')).toBe('no orders');
    expect(countOf(1, 'order')).toBe('1 order');
    expect(countOf(3, 'order')).toBe('3 orders');
    expect(countOf(1200, 'open order')).toBe('1,200 open orders');
    expect(countOf(2, 'losing trade')).toBe('2 losing trades');
    expect(countOf(0, 'entry', { plural: 'entries', zero: 'zero' })).toBe('zero entries');
    expect(capitalized(countOf(0, 'order'))).toBe('No orders');
  });
});

describe('the kill switch\'s desktop notice', () => {
  it('counts what it cancelled and closed in words', () => {
    expect(pullProblems({ cancelled: 0, flattened: 0, failures: ['x'] })).toBe('No orders cancelled; could not: x. Check the exchange for orders still open.');
    expect(pullProblems({ cancelled: 1, flattened: 2, failures: ['x'] })).toMatch(/^1 order cancelled, 2 positions closing; /);
  });
});
