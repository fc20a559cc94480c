// A portfolio run's markets: what each did inside the one account (its share of it, its bars, fills, closed
// trades and P&L, and its own buy and hold), then "all" (the run's, beside the basket's buy and hold), as
// `keel backtest`'s Portfolio table prints them; then each market's close with that market's fills marked.
// The cells carry their exact values (data-value) for tests and copy, as the runs table's do.
import { useMemo } from 'react';
import { equalShares } from '../../../../shared/backtest/portfolio-weights.ts';
import type { RunResult } from './backtest-store.ts';
import { PriceChart } from './PriceChart.tsx';
import { fillsByMarket, marketCells, totalCells } from './run-markets.ts';

/** A market with no fills in the list (none, or all past the first the page is sent). */
const NO_FILLS: RunResult['fills'] = [];
const tone = (v: number | null) => (v === null || v === 0 ? '' : v > 0 ? 'tick-up' : 'tick-down');

export function PortfolioMarkets({ run }: { run: RunResult }) {
  // Split once per result: each chart keeps its fills' identity and is not rebuilt on every render.
  const symbols = useMemo(() => run.markets.map((m) => m.symbol), [run]);
  const fills = useMemo(() => fillsByMarket(run.fills, symbols), [run, symbols]);
  // The "all" row's figures are the run's own (its metrics count every fill; the page is sent the first ones).
  const total = totalCells(run);
  const [start, end] = [run.metrics?.['startEquity'], run.metrics?.['finalEquity']];
  const pnl = typeof start === 'number' && typeof end === 'number' ? end - start : null;
  const basket = equalShares(run.markets.map((m) => m.weight)) ? 'the equal-weight basket of all of them' : "the basket of all of them in the run's weights";
  return (
    <div className="bt-portfolio">
      <table className="bt-table bt-portfolio-markets" data-testid="bt-portfolio-markets" aria-label="The portfolio's markets">
        <thead>
          <tr>
            <th>Market</th>
            <th title="Its share of the account: its weight over the weights' sum (equal shares when the run gives none); its entries are sized to that share of the mode's share, and the basket holds it">Weight</th>
            <th title="Its bars over the run's range; the run's are every time any market has a bar">Bars</th>
            <th title="Fills in this market">Fills</th>
            <th title="Closed round trips in this market">Trades</th>
            <th title="Net of fees, a position still open valued at the market's last close">P&amp;L</th>
            <th title={`Holding this market alone over the run, in its own quote asset (named when it is not the account's); the run's own buy & hold is ${basket}`}>Buy &amp; hold</th>
          </tr>
        </thead>
        <tbody>
          {run.markets.map((m) => {
            // The texts keel backtest's Portfolio table prints for the same market.
            const cells = marketCells(m, symbols);
            return (
              <tr key={m.symbol} data-symbol={m.symbol}>
                <td className="bt-label">{m.symbol}</td>
                <td data-field="weight" data-value={m.weight}>
                  {cells.weight}
                </td>
                <td data-field="bars" data-value={m.bars ?? ''}>
                  {cells.bars}
                </td>
                <td data-field="fills" data-value={m.fills}>
                  {cells.fills}
                </td>
                <td data-field="trades" data-value={m.trades}>
                  {cells.trades}
                </td>
                <td data-field="pnl" data-value={m.pnl} className={tone(m.pnl)}>
                  {cells.pnl}
                </td>
                <td data-field="buyHoldReturnPct" data-value={m.buyHoldReturnPct ?? ''}>
                  {cells.hold}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-symbol="all" title={`The run over all its markets: its bars, fills and closed trades, the account's P&L, and the buy and hold of ${basket}`}>
            <td className="bt-label">all</td>
            <td data-field="weight">{total.weight}</td>
            <td data-field="bars" data-value={run.metrics?.['bars'] ?? ''}>
              {total.bars}
            </td>
            <td data-field="fills" data-value={run.metrics?.['fills'] ?? ''}>
              {total.fills}
            </td>
            <td data-field="trades" data-value={run.metrics?.['trades'] ?? ''}>
              {total.trades}
            </td>
            <td data-field="pnl" className={tone(pnl)}>
              {total.pnl}
            </td>
            <td data-field="buyHoldReturnPct" data-value={run.metrics?.['buyHoldReturnPct'] ?? ''}>
              {total.hold}
            </td>
          </tr>
        </tfoot>
      </table>
      {run.markets.map((m) => (
        <figure key={m.symbol} className="bt-portfolio-chart">
          <figcaption className="bt-chart-title">{m.symbol}</figcaption>
          <PriceChart price={m.price} fills={fills.get(m.symbol) ?? NO_FILLS} indicators={m.indicators} symbol={m.symbol} run={run} />
        </figure>
      ))}
    </div>
  );
}
