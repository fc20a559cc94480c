// The colours a backtest is drawn in, by the app's backtest page and the HTML report alike: run 1 is the
// same blue in the app and in its saved report, a gain the same green and a loss the same red (the app's
// theme, styles/theme.css --up and --down, whose candles are drawn in them), a stop-loss the same orange.
// The report's SVG and the app's lightweight-charts and CSS take them from here, not each from its own list.
// Chosen so that every two that share a chart stay apart to a reader with protanopia, deuteranopia or
// tritanopia too, on the dark background (tests/unit/backtest/chart-colors-cvd.test.ts measures each pair):
// the Okabe–Ito colour-blind-safe set (sky blue, orange, yellow, reddish purple) lightened for a dark theme,
// with its black turned near-white. Green and red stay for gain and loss, buy and sell, as traders expect,
// but a buy and a sell also differ by their arrow's direction, never by colour alone.
import type { ExitReason } from './run-exits.ts';

/** A gain: a month that made money, a buy (the app's theme --up). */
export const GAIN_COLOR = '#2ebd85';
/** A loss: a month that lost, a drawdown, a sell (the app's theme --down). */
export const LOSS_COLOR = '#f6465d';

/**
 * The runs told apart: their lines on the equity charts, the risk/return plot's dots, the compared runs' columns.
 * Any of them share a chart, so every two stay apart to a colour-blind reader too, and from the kill switch's
 * yellow and re-arming's grey that mark any run's line: blue, gold, green, magenta, red, cyan. The purple and
 * teal they replace were a blue and a green to a protanope or tritanope (ΔE2000 5.8 and 3.9), the amber the
 * kill switch's yellow to a deuteranope (6.7).
 */
export const RUN_COLORS: readonly string[] = ['#4c9aff', '#dfac00', '#2ebd85', '#fe44d8', '#f6465d', '#5ddae9'];

/** The colour of run `i` (0 the first): the list again from the start past its end. */
export const runColor = (i: number): string => RUN_COLORS[i % RUN_COLORS.length]!;

/**
 * How run `i`'s line is stroked, so a colour's second and third use among many runs is still a line of its
 * own: runs 1–6 solid, 7–12 dashed, 13–18 dotted (a dash and a dot, not a seventh hue: more hues would sit
 * near the six and fall together for a colour-blind reader). Past RUN_LINES it comes round again.
 */
export type RunStroke = 'solid' | 'dashed' | 'dotted';
const RUN_STROKES: readonly RunStroke[] = ['solid', 'dashed', 'dotted'];
export const runStroke = (i: number): RunStroke => RUN_STROKES[Math.floor(i / RUN_COLORS.length) % RUN_STROKES.length]!;

/** How many runs have a colour and stroke each no other has: the most the app's backtest page draws at once. */
export const RUN_LINES = RUN_COLORS.length * RUN_STROKES.length;

/**
 * Run `i`'s key swatch as a CSS background (the app's curve key and the report's legend alike): its colour,
 * broken as its line is (4 px dashes, 2 px dots).
 */
export function runSwatch(i: number): string {
  const c = runColor(i);
  const stroke = runStroke(i);
  if (stroke === 'solid') return c;
  return stroke === 'dashed' ? `repeating-linear-gradient(90deg,${c} 0 4px,transparent 4px 6px)` : `repeating-linear-gradient(90deg,${c} 0 2px,transparent 2px 4px)`;
}

/** The app's dark background (theme.css --bg), which every colour here must stand out from. */
export const BACKGROUND_COLOR = '#0e1116';
/** A caution, not a loss: an open position's entry line on the trading chart, the 25th percentile of a projection (theme.css --amber). */
export const AMBER_COLOR = '#f0b90b';
/** The app's accent (theme.css --accent): links, focus, the selected tab. */
export const ACCENT_COLOR = '#3b82f6';
/** Light text and a projection's median line (the report's and the app's near-white). */
export const INK_COLOR = '#e6edf3';
/** The report's price line: a mid grey, so the indicator lines over it and the arrows on it stand out. */
export const PRICE_LINE_COLOR = '#8b949e';

/**
 * Where the kill switch was pulled: not one of the runs' colours, so a mark never reads as another run's line.
 * Okabe–Ito yellow: its band over the drawdown's red fill stays a lighter, yellower band to every reader
 * (the orange it replaced mixed with the red into a muddy red-brown).
 */
export const KILL_COLOR = '#f0e442';
/** How opaque the kill switch's band is over a chart (the report's .halt): enough to show over the drawdown's fill. */
export const KILL_BAND_OPACITY = 0.18;
/** Where it was re-armed. */
export const REARM_COLOR = '#8393a5';
/** Buy and hold (a portfolio's basket), muted: a benchmark, not a run. */
export const BENCHMARK_COLOR = '#6b7785';

/**
 * The colours of a strategy's own fills on the price charts (the app's and the HTML report's): a buy's
 * arrow green, a sell's red, as the exchange's candles are (the app's chart theme, up and down).
 */
export const FILL_COLORS: Readonly<Record<'buy' | 'sell', string>> = { buy: GAIN_COLOR, sell: LOSS_COLOR };

/**
 * The colour each way a trade ends is drawn in, by the app and the HTML report alike, so a stop-loss is
 * the same colour wherever a trader meets it. Apart from a buy's green and a sell's red (a stop-loss in
 * the sell's red and a take-profit in the buy's green read as the strategy's own fills) and from one
 * another and from every indicator line a price chart draws over them, also under each colour-vision
 * deficiency (tests/unit/backtest/chart-colors-cvd.test.ts measures it): a stop-loss orange, a take-profit pale
 * yellow, a trailing stop near-white, the strategy's own exit sky blue, still open grey. The violet a trailing
 * stop was and the blue of the strategy's exit looked the same to a deuteranope (ΔE2000 3.9); the take-profit's
 * full yellow (#f0e442) and the sixth indicator line's lime the same to a deuteranope (2.5), and the trailing
 * stop's bluish white (#e6e6f0) and the fourth line's cyan to a protanope (5.4): the paler yellow is darker
 * than the lime where both lose their hue, the white no longer blue.
 */
export const EXIT_COLORS: Readonly<Record<ExitReason, string>> = {
  signal: '#56b4e9',
  'stop-loss': '#e69f00',
  'trailing-stop': '#e8e7e5',
  'take-profit': '#e4da9d',
  open: '#8393a5',
};

/** A "#rrggbb" colour at `alpha` (0 to 1) as CSS writes it: "rgba(46,189,133,0.50)". */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha.toFixed(2)})`;
}

/**
 * A return's cell shaded in the gain's green or the loss's red, stronger the larger it is, full at
 * `fullPct` (a month's return of 10 % or more either way): the report's monthly returns.
 */
export function returnShade(pct: number, fullPct = 10): string {
  return withAlpha(pct >= 0 ? GAIN_COLOR : LOSS_COLOR, Math.min(1, Math.abs(pct) / fullPct));
}
