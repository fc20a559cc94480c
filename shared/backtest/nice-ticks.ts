// Where a chart's value axis gets its ticks: at round numbers (1, 2, 2.5 or 5 times a power of ten) inside
// the range, as a trader's charting tool places them, not at the range's quarters, whose labels come out
// as 12,281 / 11,245 / … and, rounded to the label's decimals, as the same text twice (-0.3%, -0.3%).
// Shared: the HTML report's charts (svg-chart.ts) and the backtest page's plots (plot-axes.ts) tick alike.

export interface Ticks {
  /** The tick values, ascending, every one inside [lo, hi]. */
  values: number[];
  /** Decimals that tell every tick apart (0 for a whole-number step). */
  decimals: number;
}

const MANTISSAS = [1, 2, 2.5, 5] as const;

/**
 * The widest round step that still puts `least` ticks inside [lo, hi]: with the default 4, from 4 to 7
 * ticks, as many as a chart a couple of hundred pixels tall labels without crowding.
 */
export function niceTicks(lo: number, hi: number, least = 4): Ticks {
  const range = hi - lo;
  if (!(range > 0) || !Number.isFinite(range)) return { values: Number.isFinite(lo) ? [lo] : [], decimals: 0 };
  // Start a little under range / least and walk up while the next step still leaves `least` ticks.
  let exp = Math.floor(Math.log10(range / least)) - 1;
  let at = 0;
  const count = (e: number, m: number) => {
    const step = MANTISSAS[m]! * 10 ** e;
    return Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  };
  for (;;) {
    const nextM = at === MANTISSAS.length - 1 ? 0 : at + 1;
    const nextE = at === MANTISSAS.length - 1 ? exp + 1 : exp;
    if (count(nextE, nextM) < least) break;
    at = nextM;
    exp = nextE;
  }
  const step = MANTISSAS[at]! * 10 ** exp;
  const decimals = Math.max(0, -exp + (MANTISSAS[at] === 2.5 ? 1 : 0));
  const values: number[] = [];
  // Indices times the step, rounded to the decimals: repeated additions drift (0.1 + 0.2 is not 0.3).
  for (let k = Math.ceil(lo / step - 1e-9); k <= Math.floor(hi / step + 1e-9); k++) values.push(k === 0 ? 0 : Number((k * step).toFixed(Math.min(decimals, 100))));
  return { values, decimals };
}
