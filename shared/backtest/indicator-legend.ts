// How a backtest's price chart names one of the strategy's indicators in its legend, in the app and in the
// HTML report alike: "SMA 10", "RSI 14 at 30 / 70" (the levels it acts at).
export function indicatorLegend(c: { label: string; levels: readonly number[] }): string {
  return c.levels.length === 0 ? c.label : `${c.label} at ${c.levels.join(' / ')}`;
}
