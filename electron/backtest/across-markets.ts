// The "across markets" block `keel backtest` adds when the same strategies ran on several markets: one row
// per strategy, parameters and mode, one column per market, so a strategy that only works on the market it
// was tuned on shows at a glance. The buy-and-hold row is the bar each market set; the last column counts
// the markets where the run cleared that bar and where it made money at all. The CLI prints it and the
// HTML report shows it as one of its extra sections.
import type { Metrics } from './metrics.ts';
import type { HtmlExtra } from './report-html.ts';
import { runLabel } from './summary-table.ts';
import { ratioText } from '../../shared/backtest/figure-text.ts';
import { pctCell } from './table-cells.ts';
import { dayRange } from '../../shared/backtest/day-range.ts';

export interface MarketRun {
  /** The market's label: its symbol, or its file's base name when two markets share a symbol. */
  market: string;
  strategy: string;
  params: Record<string, number>;
  mode: string;
  metrics: Pick<Metrics, 'totalReturnPct' | 'maxDrawdownPct' | 'sharpe' | 'buyHoldReturnPct' | 'from' | 'to'>;
}

// A Sharpe as the summary and the app's matrix write it (figure-text.ts).
const fixed = (v: number) => ratioText(v);
const unique = (xs: string[]) => [...new Set(xs)];

/** Rows and columns in the order the runs came (markets as given, variants as listed). */
export function acrossMarkets(runs: readonly MarketRun[]): HtmlExtra {
  const markets = unique(runs.map((r) => r.market));
  const variants = unique(runs.map((r) => runLabel(r)));
  // Every run on a market has the same candles and fee, so any of them gives its buy and hold and span.
  const firstOn = markets.map((m) => runs.find((r) => r.market === m)!.metrics);
  const n = markets.length;
  const rows = variants.map((v) => {
    const on = markets.map((m) => runs.find((r) => r.market === m && runLabel(r) === v));
    const ran = on.filter((r) => r !== undefined).map((r) => r.metrics);
    const beat = ran.filter((m) => m.totalReturnPct > m.buyHoldReturnPct).length;
    const gained = ran.filter((m) => m.totalReturnPct > 0).length;
    return [v, ...on.map((r) => (r ? `${pctCell(r.metrics.totalReturnPct)} · ${pctCell(r.metrics.maxDrawdownPct)} · ${fixed(r.metrics.sharpe)}` : '–')), `${beat}/${n} beat B&H, ${gained}/${n} > 0`];
  });
  // Each market's stretch as days, as the app's Across markets tab names it (day-range.ts).
  const spans = firstOn.map(dayRange);
  // Returns over different stretches of time are not comparable: say so rather than let the table imply it.
  const warnings = new Set(spans).size > 1 ? [`WARNING: the markets cover different stretches (${markets.map((m, i) => `${m} ${spans[i]}`).join(', ')}); their returns are not over the same time`] : [];
  return {
    title: 'Across markets (return · max drawdown · Sharpe)',
    rows: [['', ...markets, 'markets'], ['buy and hold', ...firstOn.map((m) => pctCell(m.buyHoldReturnPct)), ''], ...rows],
    warnings,
  };
}
