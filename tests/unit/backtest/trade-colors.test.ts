// The colours the price charts mark fills in (the app's and the HTML report's): a stop-loss, take-profit or
// trailing stop's arrow must read apart from the strategy's own buys and sells and from one another, also to a
// reader who does not tell red from green. They read alike once: a stop-loss the sell's red, a take-profit the
// buy's green. Measured as CIELAB distances (ΔE 1976) of the colours as they are seen, and as a protanope
// and a deuteranope see them (Machado, Oliveira and Fernandes 2009, full severity).
import { describe, expect, it } from 'vitest';
import { EXIT_REASONS } from '../../../shared/backtest/run-exits.ts';
import { EXIT_COLORS, FILL_COLORS } from '../../../shared/backtest/palette.ts';
import { fillMarkers } from '../../../renderer/src/features/backtest/fill-markers.ts';

type Matrix = readonly (readonly [number, number, number])[];
const VISION: Record<string, Matrix> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** A "#rrggbb" colour in CIELAB (D65), as seen through `m`. */
function lab(hex: string, m: Matrix): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => linear(v / 255));
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0]! + row[1] * rgb[1]! + row[2] * rgb[2]!))) as [number, number, number];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (841 / 108) * t + 4 / 29);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const distance = (a: string, b: string, m: Matrix) => Math.hypot(...lab(a, m).map((v, i) => v - lab(b, m)[i]!));

// The arrows a price chart draws: the strategy's own buys and sells, and the protective exits' fills.
const ARROWS: Record<string, string> = { buy: FILL_COLORS.buy, sell: FILL_COLORS.sell, 'stop-loss': EXIT_COLORS['stop-loss'], 'take-profit': EXIT_COLORS['take-profit'], 'trailing-stop': EXIT_COLORS['trailing-stop'] };

describe('the colours of the fills', () => {
  it('draws each protective exit apart from a buy, a sell and the other exits, for red-green colour-blind readers too', () => {
    const close: string[] = [];
    for (const [vision, m] of Object.entries(VISION)) {
      // A clear difference at a glance in normal vision; still a plain one without red and green.
      const least = vision === 'normal' ? 40 : 30;
      const names = Object.keys(ARROWS);
      for (const [i, a] of names.entries())
        for (const b of names.slice(i + 1)) {
          if (a === 'buy' && b === 'sell') continue; // told apart by the arrow's direction, in the exchange's green and red
          const d = distance(ARROWS[a]!, ARROWS[b]!, m);
          if (d < least) close.push(`${a}/${b} ${vision}: ΔE ${d.toFixed(1)}`);
        }
    }
    expect(close).toEqual([]);
  });

  it('gives every way a trade ends a colour of its own', () => {
    expect(new Set(EXIT_REASONS.map((r) => EXIT_COLORS[r])).size).toBe(EXIT_REASONS.length);
    for (const [i, a] of EXIT_REASONS.entries()) for (const b of EXIT_REASONS.slice(i + 1)) expect(distance(EXIT_COLORS[a], EXIT_COLORS[b], VISION.normal!), `${a}/${b}`).toBeGreaterThan(30);
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
