// Risk modes that made the same run are said to (shared/backtest/modes-alike.ts): moderate and aggressive
// both take all of equity per entry on a spot account, so a comparison by mode shows them equal; the note
// says why, and what parts them. keel backtest prints it only where it holds: the same figures, each at
// the whole of equity, no stop-loss of the run's own.
import { describe, expect, it } from 'vitest';
import { alikeAtFullShare, alikeModesNote, alikeRowsNotes, entryShareAtDefaults } from '../../../shared/backtest/modes-alike.ts';
import { alikeModesNotes } from '../../../electron/backtest/modes-alike-note.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';

describe('modes that made the same run', () => {
  it('sizes entries as the backtest does: conservative half of equity, moderate and aggressive all of it', () => {
    expect(['conservative', 'moderate', 'aggressive', 'custom'].map((m) => entryShareAtDefaults(m as 'moderate'))).toEqual([0.5, 1, 1, 1]);
    for (const m of ['conservative', 'moderate', 'aggressive'] as const) expect(entryShareAtDefaults(m)).toBe(riskModeSettings(m).positionShare);
  });

  it('finds the modes at the whole of equity whose figures are the same, and only those', () => {
    const same = JSON.stringify({ totalReturnPct: 22.42 });
    expect(alikeAtFullShare([{ mode: 'conservative', share: 0.5, figures: same }, { mode: 'moderate', share: 1, figures: same }, { mode: 'aggressive', share: 1, figures: same }])).toEqual(['moderate', 'aggressive']);
    expect(alikeAtFullShare([{ mode: 'moderate', share: 1, figures: same }, { mode: 'aggressive', share: 1, figures: '{"totalReturnPct":9.8}' }])).toBeNull();
    // Equal figures at half of equity are a coincidence of the data, not the cap: nothing to explain.
    expect(alikeAtFullShare([{ mode: 'conservative', share: 0.5, figures: same }, { mode: 'custom', share: 0.5, figures: same }])).toBeNull();
    expect(alikeAtFullShare([{ mode: 'moderate', share: 1, figures: same }])).toBeNull();
  });

  it('says why, with the sizes, and what a wider stop would make of them', () => {
    expect(alikeModesNote(['moderate', 'aggressive'], '--stop-loss')).toBe(
      'moderate and aggressive made the same run: each sizes an entry at its risk per trade over the 2% stop an entry without its own is counted at (2% / 2% and 3% / 2%), and the account holds no more than its cash, so each took all of it. A stop-loss wider than 2% sizes them apart: --stop-loss 4 sizes them at 50% and 75% of equity',
    );
    expect(alikeModesNote(['moderate', 'custom'], '--stop-loss')).toBe(
      'moderate and custom made the same run: each sizes an entry at its risk per trade over the 2% stop an entry without its own is counted at, and the account holds no more than its cash, so each took all of it. A stop-loss wider than 2% sizes them apart (--stop-loss)',
    );
  });

  it('keel backtest notes each group of runs (by strategy and market) where it holds, and none with a stop-loss', () => {
    const metrics = (ret: number) => ({ totalReturnPct: ret }) as never;
    const run = (strategy: string, mode: string, positionShare: number, ret: number, stopLossPct: number | null = null, market?: string) => ({ strategy, params: { fast: 10 }, mode, direction: 'long', borrowRatePct: 0, positionShare, metrics: metrics(ret), exits: { stopLossPct, trailingStopPct: null }, market });
    expect(alikeModesNotes([run('sma-cross', 'conservative', 0.5, 10), run('sma-cross', 'moderate', 1, 22), run('sma-cross', 'aggressive', 1, 22)])).toEqual([alikeModesNote(['moderate', 'aggressive'], '--stop-loss')]);
    // Two strategies: each note names its own; one whose modes differ has none.
    const two = alikeModesNotes([run('sma-cross', 'moderate', 1, 22), run('sma-cross', 'aggressive', 1, 22), run('ema-cross', 'moderate', 1, 5), run('ema-cross', 'aggressive', 1, 7)]);
    expect(two).toEqual([`sma-cross(fast=10): ${alikeModesNote(['moderate', 'aggressive'], '--stop-loss')}`]);
    // The same modes on two markets are two groups, alike in the same modes: named together.
    expect(alikeModesNotes([run('sma-cross', 'moderate', 1, 22, null, 'BTC/USDT'), run('sma-cross', 'aggressive', 1, 22, null, 'BTC/USDT'), run('sma-cross', 'moderate', 1, 3, null, 'ETH/USDT'), run('sma-cross', 'aggressive', 1, 3, null, 'ETH/USDT')])).toEqual([
      `sma-cross(fast=10) on BTC/USDT and sma-cross(fast=10) on ETH/USDT: ${alikeModesNote(['moderate', 'aggressive'], '--stop-loss')}`,
    ]);
    // Entries with a stop-loss are sized over it: the note's reason does not hold, so none.
    expect(alikeModesNotes([run('sma-cross', 'moderate', 1, 22, 1), run('sma-cross', 'aggressive', 1, 22, 1)])).toEqual([]);
    // Three strategies alike in the same two modes: one note naming the three, not the same sentence three times.
    const three = alikeModesNotes([run('sma-cross', 'moderate', 1, 22), run('sma-cross', 'aggressive', 1, 22), run('ema-cross', 'moderate', 1, 5), run('ema-cross', 'aggressive', 1, 5), run('rsi-reversion', 'moderate', 1, -3), run('rsi-reversion', 'aggressive', 1, -3)]);
    expect(three).toEqual([`sma-cross(fast=10), ema-cross(fast=10) and rsi-reversion(fast=10): ${alikeModesNote(['moderate', 'aggressive'], '--stop-loss')}`]);
  });

  it('names together the rows alike in the same modes, and apart those alike in others', () => {
    const note = (modes: ('moderate' | 'aggressive' | 'custom')[]) => alikeModesNote(modes, 'an SL % of');
    expect(alikeRowsNotes([{ label: null, modes: ['moderate', 'aggressive'] }], 'an SL % of')).toEqual([note(['moderate', 'aggressive'])]);
    expect(
      alikeRowsNotes(
        [
          { label: 'a', modes: ['moderate', 'aggressive'] },
          { label: 'b', modes: ['moderate', 'custom'] },
          { label: 'c', modes: ['moderate', 'aggressive'] },
        ],
        'an SL % of',
      ),
    ).toEqual([`a and c: ${note(['moderate', 'aggressive'])}`, `b: ${note(['moderate', 'custom'])}`]);
    expect(alikeRowsNotes([], 'an SL % of')).toEqual([]);
  });
});
