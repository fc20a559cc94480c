// A run's notes: one per kind of refusal, saying how many were like it and when the first and the last
// were, and, past the list's twenty, a line saying how many were left out, so a strategy's own notes cannot
// hide the engine's after them without a word. A kind is what refused the order, as the refusal says it in
// data (the risk rule or the engine's reason), on one side of one market: not read out of the words.
import { describe, expect, it } from 'vitest';
import { RunNotes } from '../../../electron/backtest/run-notes.ts';
import type { OrderRefusalInfo } from '../../../shared/trading/refusal-kind.ts';

const by = (kind: string, side: 'buy' | 'sell' = 'buy', symbol = 'BTC/USDT'): OrderRefusalInfo => ({ kind, side, symbol });

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe('RunNotes', () => {
  it('lists one refusal of each kind and counts them all', () => {
    const n = new RunNotes();
    n.refused('buy 1 refused: cash', by('insufficient-funds'));
    n.refused('buy 2 refused: cash', by('insufficient-funds'));
    n.refused('buy 3 refused: kill switch', by('kill-switch'));
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
      n.refused(`retry: buy ${(0.2 + i / 1000).toFixed(3)} BTC/USDT refused: risk: kill-switch: the kill switch is engaged (a drawdown of 20.1% from the equity peak reached the 20% limit); new entries are blocked until you re-arm it`, by('kill-switch', 'buy', 'BTC/USDT'));
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
    n.refused('buy 1 refused: kill switch', by('kill-switch'));
    n.refused('buy 2 refused: kill switch', by('kill-switch'));
    n.finish();
    expect(n.notes.slice(20)).toEqual(['2 more notes were left out: a run lists its first 20', '2 orders were refused in all, 2 of them of kinds not listed (the list of notes was full)']);
  });

  it('lists the first five kinds and counts the others', () => {
    const n = new RunNotes();
    for (const why of ['a', 'b', 'c', 'd', 'e', 'f', 'f']) n.refused(`buy 1 refused: ${why}`, by(`rule-${why}`));
    n.finish();
    expect(n.notes).toEqual(['buy 1 refused: a', 'buy 1 refused: b', 'buy 1 refused: c', 'buy 1 refused: d', 'buy 1 refused: e', '7 orders were refused in all, 2 of them of kinds not listed (a run lists the first 5 kinds)']);
  });

  it('takes the refusals of one rule for one kind, however their words differ (a kill switch pulled again for another reason)', () => {
    let now = T0;
    const n = new RunNotes(() => now);
    n.refused('sma: buy 0.2 BTC/USDT refused: risk: kill-switch: the kill switch is engaged (daily loss limit breached); new entries are blocked until you re-arm it', by('kill-switch'));
    now += HOUR;
    n.refused('sma: buy 0.3 BTC/USDT refused: risk: kill-switch: the kill switch is engaged (a drawdown of 20.1% from the equity peak reached the 20% limit); new entries are blocked until you re-arm it', by('kill-switch'));
    n.finish();
    expect(n.notes).toEqual([
      'sma: buy 0.2 BTC/USDT refused: risk: kill-switch: the kill switch is engaged (daily loss limit breached); new entries are blocked until you re-arm it (2 refusals of this kind, the first at 2024-01-01T00:00:00Z, the last at 2024-01-01T01:00:00Z)',
    ]);
  });

  it('keeps two rules apart whose words differ only by their numbers', () => {
    const n = new RunNotes();
    n.refused('sma: buy 1 BTC/USDT refused: risk: limit: 5% reached', by('daily-loss-limit'));
    n.refused('sma: buy 1 BTC/USDT refused: risk: limit: 20% reached', by('max-drawdown'));
    n.finish();
    expect(n.notes).toEqual(['sma: buy 1 BTC/USDT refused: risk: limit: 5% reached', 'sma: buy 1 BTC/USDT refused: risk: limit: 20% reached']);
  });

  it('keeps a rule\'s refusals on another side or another market apart', () => {
    const n = new RunNotes();
    n.refused('BTC/USDT: buy 1 refused: cash', by('insufficient-funds', 'buy', 'BTC/USDT'));
    n.refused('BTC/USDT: sell 1 refused: cash', by('insufficient-funds', 'sell', 'BTC/USDT'));
    n.refused('ETH/USDT: buy 1 refused: cash', by('insufficient-funds', 'buy', 'ETH/USDT'));
    n.refused('ETH/USDT: buy 2 refused: cash', by('insufficient-funds', 'buy', 'ETH/USDT'));
    n.finish();
    expect(n.notes).toEqual(['BTC/USDT: buy 1 refused: cash', 'BTC/USDT: sell 1 refused: cash', 'ETH/USDT: buy 1 refused: cash (2 refusals of this kind)']);
  });
});
