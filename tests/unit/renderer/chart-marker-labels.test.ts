// Fill arrows keep their words only where the words fit: arrows a few bars apart at a wide zoom would
// print over each other, a buy's and a sell's too where the bars put them at one height, and the plot's
// edges would cut a label.
import { describe, expect, it } from 'vitest';
import { labelsThatFit } from '../../../renderer/src/features/chart/trades/marker-labels.ts';

// "B 0.5 @ 42,000.00": 17 characters, 119 px at 7 px a character.
const TEXT = 'B 0.5 @ 42,000.00';
// A price pane 800 × 500 px at the chart's default bar spacing (6 px) and font (11 px).
const AREA = { width: 800, height: 500, barSpacing: 6, fontSize: 11 };

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

  it('buys and sells far apart on screen (below low bars, above high ones) do not crowd each other, and order on screen decides, not order given', () => {
    // Sells above bars whose highs are at y 100, buys below bars whose lows are at y 300: rows 200 px apart.
    const marks = [
      { x: 120, barY: 100, side: 'sell' as const, text: TEXT },
      { x: 70, barY: 300, side: 'buy' as const, text: TEXT },
      { x: 80, barY: 100, side: 'sell' as const, text: TEXT },
      { x: 130, barY: 300, side: 'buy' as const, text: TEXT },
    ];
    // Sells: 80 first on screen (kept), 120 too close. Buys: 70 kept, 130 too close.
    expect(labelsThatFit(marks, AREA)).toEqual([false, true, true, false]);
  });

  it("a buy's words under a high bar and a sell's over a low bar a few bars on would print over each other: the later loses its words", () => {
    // The buy's bar low at y 200 puts its words about 23 px below it (y 223); the sell's bar high at y 252 about 20 px above it (y 232).
    const marks = [
      { x: 200, barY: 200, side: 'buy' as const, text: TEXT },
      { x: 260, barY: 252, side: 'sell' as const, text: TEXT },
    ];
    expect(labelsThatFit(marks, AREA)).toEqual([true, false]);
    // Further apart in price, both keep their words.
    expect(labelsThatFit([marks[0]!, { ...marks[1]!, barY: 320 }], AREA)).toEqual([true, true]);
    // Where the heights are not known, a buy and a sell that overlap across are taken to meet.
    expect(labelsThatFit(marks.map(({ barY: _, ...m }) => m))).toEqual([true, false]);
  });

  it('drops the words the plot would cut at its edges, keeping the arrow', () => {
    // 119 px labels: centred 50 px from the left edge or 40 px from the right one, they do not fit.
    const marks = [
      { x: 50, barY: 300, side: 'buy' as const, text: TEXT },
      { x: 400, barY: 300, side: 'buy' as const, text: TEXT },
      { x: AREA.width - 40, barY: 300, side: 'sell' as const, text: TEXT },
      // A sell above a bar at the top of the plot: its words would be above it.
      { x: 600, barY: 10, side: 'sell' as const, text: TEXT },
    ];
    expect(labelsThatFit(marks, AREA)).toEqual([false, true, false, false]);
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
