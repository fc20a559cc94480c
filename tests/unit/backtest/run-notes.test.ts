// A run's notes: one per kind of refusal, saying how many were like it and when the first and the last
// were, and, past the list's twenty, a line saying how many were left out, so a strategy's own notes cannot
// hide the engine's after them without a word.
import { describe, expect, it } from 'vitest';
import { RunNotes } from '../../../electron/backtest/run-notes.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe('RunNotes', () => {
  it('lists one refusal of each kind and counts them all', () => {
    const n = new RunNotes();
    n.refused('buy 1 refused: cash');
    n.refused('buy 2 refused: cash');
    n.refused('buy 3 refused: kill switch');
    n.finish();
    expect(n.notes).toEqual(['buy 1 refused: cash (2 refusals of this kind)', 'buy 3 refused: kill switch']);
  });

  it('summarises an entry retried at every bar while the kill switch is engaged: one note, its reason, the count, the first and the last', () => {
    let now = T0;
    const n = new RunNotes(() => now);
    n.note('kill switch at 2024-01-01T04:00:00Z: a drawdown of 20.1% from the equity peak reached the 20% limit');
    // The strategy tries to buy at each of 500 closes, a little more each time as its cash is re-read.
    for (let i = 0; i < 500; i++) {
      now = T0 + (5 + i) * HOUR;
      n.refused(`retry: buy ${(0.2 + i / 1000).toFixed(3)} BTC/USDT refused: risk: kill-switch: the kill switch is engaged (a drawdown of 20.1% from the equity peak reached the 20% limit); new entries are blocked until you re-arm it`);
    }
    n.finish();
    expect(n.notes).toEqual([
      'kill switch at 2024-01-01T04:00:00Z: a drawdown of 20.1% from the equity peak reached the 20% limit',
      'retry: buy 0.200 BTC/USDT refused: risk: kill-switch: the kill switch is engaged (a drawdown of 20.1% from the equity peak reached the 20% limit); new entries are blocked until you re-arm it (500 refusals of this kind, the first at 2024-01-01T05:00:00Z, the last at 2024-01-22T00:00:00Z)',
    ]);
    expect(n.refusals).toBe(500);
  });

  it('says how many notes were left out past the first twenty, and the refusals of kinds it could not list', () => {
    const n = new RunNotes();
    for (let i = 0; i < 20; i++) n.note(`warming up ${i}`);
    n.note('kill switch at 2023-03-03: daily loss');
    n.refused('buy 1 refused: kill switch');
    n.refused('buy 2 refused: kill switch');
    n.finish();
    expect(n.notes.slice(20)).toEqual(['2 more notes were left out: a run lists its first 20', '2 orders were refused in all, 2 of them of kinds not listed (the list of notes was full)']);
  });

  it('lists the first five kinds and counts the others', () => {
    const n = new RunNotes();
    for (const why of ['a', 'b', 'c', 'd', 'e', 'f', 'f']) n.refused(`buy 1 refused: ${why}`);
    n.finish();
    expect(n.notes).toEqual(['buy 1 refused: a', 'buy 1 refused: b', 'buy 1 refused: c', 'buy 1 refused: d', 'buy 1 refused: e', '7 orders were refused in all, 2 of them of kinds not listed (a run lists the first 5 kinds)']);
  });
});
