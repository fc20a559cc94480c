// The colours the price charts mark fills in (the app's and the HTML report's): each way a trade ends has a
// colour of its own, none a buy's green or a sell's red (a stop-loss in the sell's red and a take-profit in the
// buy's green once read as the strategy's own fills), and the app's markers take them from the shared palette.
import { describe, expect, it } from 'vitest';
import { EXIT_REASONS } from '../../../shared/backtest/run-exits.ts';
import { EXIT_COLORS, FILL_COLORS } from '../../../shared/backtest/palette.ts';
import { fillMarkers } from '../../../renderer/src/features/backtest/fill-markers.ts';

describe('the colours of the fills', () => {
  // How far apart they look, to colour-blind readers too, is chart-colors-cvd.test.ts's (ΔE2000 under each
  // simulated deficiency); CIE76, measured here before, overstated how far a saturated orange is from a yellow.
  it('gives every way a trade ends a colour of its own', () => {
    expect(new Set(EXIT_REASONS.map((r) => EXIT_COLORS[r])).size).toBe(EXIT_REASONS.length);
    for (const r of EXIT_REASONS) expect(Object.values(FILL_COLORS)).not.toContain(EXIT_COLORS[r]);
  });

  it("marks the app's fills in the shared colours the report uses", () => {
    const marks = [
      { time: 0, side: 'buy' as const, count: 1, exit: null },
      { time: 1000, side: 'sell' as const, count: 1, exit: null },
      { time: 2000, side: 'sell' as const, count: 1, exit: 'stop-loss' as const },
      { time: 3000, side: 'sell' as const, count: 1, exit: 'take-profit' as const },
    ];
    expect(fillMarkers(marks).map((m) => m.color)).toEqual([FILL_COLORS.buy, FILL_COLORS.sell, EXIT_COLORS['stop-loss'], EXIT_COLORS['take-profit']]);
  });
});
