// Fill arrows keep their words only where the words fit: arrows a few bars apart at a wide zoom would
// print over each other.
import { describe, expect, it } from 'vitest';
import { labelsThatFit } from '../../../renderer/src/features/chart/trades/marker-labels.ts';

// "B 0.5 @ 42,000.00": 17 characters, 119 px at 7 px a character.
const TEXT = 'B 0.5 @ 42,000.00';

describe('fill-arrow labels', () => {
  it('labels every arrow when they are far apart', () => {
    const xs = [10, 200, 400];
    expect(labelsThatFit(xs.map((x) => ({ x, side: 'buy', text: TEXT })))).toEqual([true, true, true]);
  });

  it('drops the words of an arrow whose label would touch the last one drawn on its side', () => {
    // 119 px labels need centres 127 px apart (8 px of clear space): 100 is too close to 0; 130 clears 0.
    const xs = [0, 100, 130, 250, 300];
    expect(labelsThatFit(xs.map((x) => ({ x, side: 'buy', text: TEXT })))).toEqual([true, false, true, false, true]);
  });

  it('buys and sells do not crowd each other (below and above the bars), and order on screen decides, not order given', () => {
    const marks = [
      { x: 50, side: 'sell' as const, text: TEXT },
      { x: 0, side: 'buy' as const, text: TEXT },
      { x: 10, side: 'sell' as const, text: TEXT },
      { x: 60, side: 'buy' as const, text: TEXT },
    ];
    // Sells: 10 first on screen (kept), 50 too close. Buys: 0 kept, 60 too close.
    expect(labelsThatFit(marks)).toEqual([false, true, true, false]);
  });

  it('keeps the words of arrows off screen, for when they scroll in, without letting them crowd out the ones on screen', () => {
    expect(labelsThatFit([{ x: null, side: 'buy', text: TEXT }, { x: 5, side: 'buy', text: TEXT }])).toEqual([true, true]);
  });

  it('short labels fit closer together than long ones', () => {
    const short = [0, 40].map((x) => ({ x, side: 'sell' as const, text: 'S ×3' }));
    expect(labelsThatFit(short)).toEqual([true, true]);
    const long = [0, 40].map((x) => ({ x, side: 'sell' as const, text: TEXT }));
    expect(labelsThatFit(long)).toEqual([true, false]);
  });
});
