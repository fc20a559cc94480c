// Every two colours that share a chart (the app's backtest page, its HTML report, the trading chart) must read
// apart to a trader with normal colour vision and to one with protanopia, deuteranopia or tritanopia (about 1 man
// in 12 has a red-green deficiency), on the app's dark background. Measured as CIEDE2000 after simulating each
// deficiency at full severity (tests/helpers/color-vision.ts). Before this test a trailing stop's violet and the
// strategy's own exit's blue were ΔE2000 3.9 apart to a deuteranope, a stop-loss's orange and the first
// indicator line's yellow 2.4, and the kill switch's orange band over the drawdown's red 6.2 to a tritanope;
// compared runs' green and teal 3.9 and blue and purple 5.8, and the third indicator line's lavender and the
// second's pink 5.7, the sixth's lime and the seventh's yellow 3.2. Only the first two indicator lines were
// measured against the arrows then: the sixth's lime and the take-profit's yellow were 2.5 apart to a deuteranope,
// the fourth's cyan and the trailing stop's near-white 5.4 to a protanope, the fifth's orange and the sell's red
// 6.5 to a tritanope and the stop-loss's orange 7.8 to a deuteranope.
//
// The thresholds: ΔE2000 ≈ 1 is the smallest difference seen between two large patches side by side; marks as
// small as a chart's arrows, dots and 1-px lines need several times that to be told apart at a glance (Szafir,
// "Modelling Color Difference for Visualization Design", IEEE VIS 2017, finds ~5–6 for small marks at 50%
// discriminability). 10 gives that with a margin for screens and ageing eyes. A shaded band is a large area, so 8
// suffices between it and what it lies over. A mark must stand out from the background by 30.
import { describe, expect, it } from 'vitest';
import { deltaE2000, distance, over, VISIONS, type Vision } from '../../helpers/color-vision.ts';
import { BACKGROUND_COLOR, BENCHMARK_COLOR, EXIT_COLORS, FILL_COLORS, KILL_BAND_OPACITY, KILL_COLOR, LOSS_COLOR, PRICE_LINE_COLOR, REARM_COLOR, RUN_COLORS, runColor } from '../../../shared/backtest/palette.ts';
import { LINE_PALETTE, lineColor } from '../../../shared/domain/line-palette.ts';
import { MAX_INDICATOR_LINES } from '../../../electron/backtest/indicator-lines.ts';
import { FOLD_COLORS } from '../../../renderer/src/features/backtest/run-colors.ts';

const MARKS_APART = 10;
const BAND_APART = 8;
const FROM_BACKGROUND = 30;

/** The report's drawdown area: the loss's red at 0.25 over the background (svg-chart.ts). */
const DRAWDOWN_FILL_OPACITY = 0.25;

const visions = Object.keys(VISIONS) as Vision[];

/** The pairs of `colors` closer than `least` under some vision, as "a/b vision: ΔE", none when all are apart. */
function tooClose(colors: Record<string, string>, least: number, skip: (a: string, b: string) => boolean = () => false): string[] {
  const close: string[] = [];
  const names = Object.keys(colors);
  for (const [i, a] of names.entries())
    for (const b of names.slice(i + 1)) {
      if (skip(a, b)) continue;
      for (const v of visions) {
        const d = distance(colors[a]!, colors[b]!, v);
        if (d < least) close.push(`${a}/${b} ${v}: ΔE2000 ${d.toFixed(1)}`);
      }
    }
  return close;
}

// The arrows on a backtest's price chart (the app's backtest page and the report): the strategy's own, and the
// protective exits' (a sell's ▼ for a long, so colour is what tells a stop-loss from the strategy's own sell).
const ARROWS: Record<string, string> = {
  buy: FILL_COLORS.buy,
  sell: FILL_COLORS.sell,
  'stop-loss': EXIT_COLORS['stop-loss'],
  'trailing-stop': EXIT_COLORS['trailing-stop'],
  'take-profit': EXIT_COLORS['take-profit'],
};

// A backtest's price chart: the arrows, the price line and every indicator line of the strategy's it can draw
// (up to MAX_INDICATOR_LINES, in the palette's order), each of which can run through any arrow. The seventh, the
// yellow, never shares a chart with an exit's arrow (the trading chart draws none) and is 2.5 from the
// stop-loss's orange to a deuteranope: raising MAX_INDICATOR_LINES to seven would fail here, as it should.
const PRICE_CHART: Record<string, string> = {
  ...ARROWS,
  ...Object.fromEntries(Array.from({ length: MAX_INDICATOR_LINES }, (_, i) => [`indicator ${i + 1}`, lineColor(i)])),
  price: PRICE_LINE_COLOR,
};

// Runs compared on one chart (the app's equity and drawdown charts, its risk/return plot, the report's
// comparison): every run colour can be on it with every other (a seventh run takes the first's again, the
// report dashing it), and the kill switch's marks sit on whichever run's line was halted.
const RUNS: Record<string, string> = Object.fromEntries(RUN_COLORS.map((c, i) => [`run ${i + 1}`, c]));

// Indicator lines, as many as the palette has colours before they come round again: a backtest's price chart
// draws up to MAX_INDICATOR_LINES of a strategy's over the price line, the trading chart gives each moving
// average the trader adds the next colour not taken (indicator-colors.ts), all seven.
const LINES: Record<string, string> = Object.fromEntries(LINE_PALETTE.map((c, i) => [`indicator ${i + 1}`, c]));

// The trading chart: the trader's fills as a buy's ▲ and a sell's ▼ in the candles' up and down colours
// (chart-view.ts, the palette's FILL_COLORS), under as many as all seven overlays; no exit arrows there.
const TRADING_CHART: Record<string, string> = { buy: FILL_COLORS.buy, sell: FILL_COLORS.sell, ...LINES };

/** The marks of `colors` closer than FROM_BACKGROUND to the background under some vision. */
function faint(colors: Record<string, string>): string[] {
  return Object.entries(colors).flatMap(([name, c]) => visions.flatMap((v) => (distance(c, BACKGROUND_COLOR, v) < FROM_BACKGROUND ? [`${name} ${v}: ΔE2000 ${distance(c, BACKGROUND_COLOR, v).toFixed(1)}`] : [])));
}

describe('chart colours under colour-vision deficiencies', () => {
  it("tells apart every arrow and line of a backtest's price chart, every indicator line from every arrow", () => {
    // A buy's ▲ and a sell's ▼ differ by shape, in the exchange's green and red as traders expect.
    expect(Object.keys(PRICE_CHART).filter((k) => k.startsWith('indicator'))).toHaveLength(MAX_INDICATOR_LINES);
    expect(tooClose(PRICE_CHART, MARKS_APART, (a, b) => a === 'buy' && b === 'sell')).toEqual([]);
  });

  it("tells apart the trading chart's fill arrows (and candles) from every indicator overlay", () => {
    expect(tooClose(TRADING_CHART, MARKS_APART, (a, b) => a === 'buy' && b === 'sell')).toEqual([]);
  });

  it("tells apart every way a trade ended on the run-up/drawdown scatter (one dot shape, colour only)", () => {
    expect(tooClose({ ...EXIT_COLORS }, MARKS_APART)).toEqual([]);
  });

  it('tells apart the equity chart: the strategy, buy and hold, the kill switch and its re-arming', () => {
    expect(tooClose({ strategy: runColor(0), 'buy and hold': BENCHMARK_COLOR, kill: KILL_COLOR, rearm: REARM_COLOR }, MARKS_APART)).toEqual([]);
  });

  it('tells apart every run compared on one chart, and the kill switch marks on any of them', () => {
    expect(Object.keys(RUNS)).toHaveLength(6);
    expect(tooClose({ ...RUNS, kill: KILL_COLOR, rearm: REARM_COLOR }, MARKS_APART)).toEqual([]);
  });

  it('tells apart every indicator line a chart can draw at once, and each from the price line', () => {
    // A strategy's lines never come round to a colour already on the chart.
    expect(LINE_PALETTE.length).toBeGreaterThanOrEqual(MAX_INDICATOR_LINES);
    expect(tooClose({ ...LINES, price: PRICE_LINE_COLOR }, MARKS_APART)).toEqual([]);
  });

  it("tells apart a walk-forward's alternating folds, drawn in the first two runs' colours", () => {
    // The same two as runs 1 and 2 (so a change to the run colours moves them too), which the runs' check
    // above measures; measured here as well, as the pair that shares the fold chart.
    expect(FOLD_COLORS).toEqual(RUN_COLORS.slice(0, 2));
    expect(tooClose({ 'fold 1': FOLD_COLORS[0]!, 'fold 2': FOLD_COLORS[1]! }, MARKS_APART)).toEqual([]);
  });

  it("shows the kill switch's band over the drawdown's red fill and over the background", () => {
    const fill = over(LOSS_COLOR, DRAWDOWN_FILL_OPACITY, BACKGROUND_COLOR);
    const close: string[] = [];
    for (const v of visions) {
      const onFill = distance(over(KILL_COLOR, KILL_BAND_OPACITY, fill), fill, v);
      const onBackground = distance(over(KILL_COLOR, KILL_BAND_OPACITY, BACKGROUND_COLOR), BACKGROUND_COLOR, v);
      if (onFill < BAND_APART) close.push(`band over the drawdown ${v}: ΔE2000 ${onFill.toFixed(1)}`);
      if (onBackground < BAND_APART) close.push(`band over the background ${v}: ΔE2000 ${onBackground.toFixed(1)}`);
    }
    expect(close).toEqual([]);
  });

  it('draws every mark and line so it stands out from the dark background', () => {
    const marks = { ...PRICE_CHART, ...EXIT_COLORS, strategy: runColor(0), 'buy and hold': BENCHMARK_COLOR, kill: KILL_COLOR, drawdown: LOSS_COLOR };
    expect(faint({ ...marks, ...RUNS, ...LINES })).toEqual([]);
  });
});

describe('the colour difference', () => {
  it('is CIEDE2000 (Sharma, Wu and Dalal 2005 test pairs)', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
    expect(deltaE2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  it('sees red and green alike without red-green vision, and apart with it', () => {
    expect(distance(FILL_COLORS.buy, FILL_COLORS.sell, 'normal')).toBeGreaterThan(40);
    expect(distance('#ff0000', '#808000', 'deuteranopia')).toBeLessThan(distance('#ff0000', '#808000', 'normal'));
  });
});
