// One run's round trips (on its price line, then listed, each with why it ended and how far it went for
// and against it while open: counted by that reason first when the run had a stop-loss or take-profit,
// and drawn as return against drawdown beside that) and what it said beside its numbers (kill-switch
// pulls, refused orders, the strategy's remarks): the same trade list and notes `keel backtest` writes to
// its reports. A portfolio run shows its markets first (what each did, and a price line each with its own
// fills), and its trades say which market each was in.
import { useState } from 'react';
import { heldText } from '../../../../shared/backtest/hold-time.ts';
import { enNumber } from '../../../../shared/domain/en-number.ts';
import { formatCount, formatMoney, formatPrice } from '../../lib/format.ts';
import type { RunResult, RunTrade } from './backtest-store.ts';
import { PortfolioMarkets } from './PortfolioMarkets.tsx';
import { PriceChart } from './PriceChart.tsx';
import { TradeChart } from './TradeChart.tsx';
import { paperTradeRun } from './paper-trade-run.ts';
import { ExcursionPlot } from './ExcursionPlot.tsx';
import { ExitsTable } from './ExitsTable.tsx';
import { exitsWords, exitText, showsExitBreakdown } from './exits-view.ts';
import { EXIT_COLORS } from './run-colors.ts';
import { runName } from './run-form.ts';
import { isPortfolio, marketsLabel } from './run-markets.ts';
import { drawdownCell, runUpCell, tradeTime as time, type ExcursionCell } from './trade-view.ts';

const qty = (v: number) => enNumber(v, 0, 8);

/** The run named in full: its exits in words ("stop-loss 2% · take-profit 4%") where the table has "SL 2% TP 4%". */
export function RunHeading({ run }: { run: RunResult }) {
  const exits = exitsWords(run.request);
  // A portfolio run is one account over several markets; the start form starts a strategy on one.
  const portfolio = isPortfolio(run.request);
  return (
    <p className="bt-detail-head">
      {runName(run)} · {marketsLabel(run.request)}
      {exits && ` · ${exits}`}
      <button
        type="button"
        className="btn btn-xs bt-paper-trade"
        data-testid="bt-paper-trade"
        disabled={portfolio}
        title={portfolio ? 'A portfolio run trades several markets: start the strategy on each from the Strategies tab' : 'Fill in the terminal\'s strategy form with this run (strategy, parameters, market, exits) to start it trading'}
        onClick={() => paperTradeRun(run)}
      >
        Trade this strategy…
      </button>
    </p>
  );
}

export function TradesList({ run }: { run: RunResult }) {
  // A new run's list starts with no trade open.
  return <Trades key={run.runId} run={run} />;
}

function Trades({ run }: { run: RunResult }) {
  const cut = run.trades.length < run.tradeCount;
  // The trade opened up close (its index in the list), or none.
  const [open, setOpen] = useState<number | null>(null);
  // Only a portfolio run's trades name their market.
  const withMarket = run.trades.some((t) => t.symbol !== undefined);
  return (
    <div className="bt-detail" data-testid="bt-trades" data-run-id={run.runId} data-count={run.tradeCount}>
      <RunHeading run={run} />
      {run.markets.length > 0 ? <PortfolioMarkets run={run} /> : <PriceChart price={run.price} fills={run.fills} indicators={run.indicators} />}
      {open !== null && run.trades[open] && <TradeChart key={open} run={run} n={open + 1} trade={run.trades[open]} onClose={() => setOpen(null)} />}
      {run.trades.length === 0 ? (
        <p className="bt-empty">No trades: the strategy never entered (see the notes for refused orders).</p>
      ) : (
        <>
          <div className="bt-trades-overview">
            {showsExitBreakdown(run) && <ExitsTable run={run} />}
            <ExcursionPlot run={run} />
          </div>
          {cut && (
            <p className="bt-hint">
              The first {formatCount(run.trades.length)} of {formatCount(run.tradeCount)} trades; `keel backtest --json` or `--html` writes them all.
            </p>
          )}
          <p className="bt-hint">Click a trade to see it up close: its bars, the strategy's indicators and its fills.</p>
          <table className={`bt-table bt-trades${withMarket ? ' has-market' : ''}`}>
            <thead>
              <tr>
                <th>#</th>
                {withMarket && <th>Market</th>}
                <th>Side</th>
                <th>Entry (UTC)</th>
                <th>Exit (UTC)</th>
                <th title="How long the position was open, entry to exit (to the end of the data for one still open)">Held</th>
                <th>Entry price</th>
                <th>Exit price</th>
                <th>Qty</th>
                <th>Fees</th>
                <th>P&amp;L</th>
                <th>Return</th>
                <th title="The best move in the trade's favour while it was open, percent of the entry price (each cell's title: the money, at the trade's largest size)">Run-up</th>
                <th title="The worst move against the trade while it was open, percent of the entry price (each cell's title: the money, at the trade's largest size)">Drawdown</th>
                <th title="Why it ended: the strategy's signal, the entry's stop-loss or take-profit, or still open at the end of the data">Exit</th>
              </tr>
            </thead>
            <tbody>
              {run.trades.map((t, i) => (
                <TradeRow key={i} n={i + 1} t={t} withMarket={withMarket} open={open === i} onOpen={() => setOpen(open === i ? null : i)} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function TradeRow({ n, t, withMarket, open, onOpen }: { n: number; t: RunTrade; withMarket: boolean; open: boolean; onOpen: () => void }) {
  const tone = t.pnl > 0 ? 'tick-up' : t.pnl < 0 ? 'tick-down' : '';
  return (
    <tr
      className={`bt-trade-row${open ? ' is-open' : ''}`}
      data-entry-price={t.entryPrice ?? ''}
      data-exit-price={t.exitPrice ?? ''}
      data-pnl={t.pnl}
      data-symbol={t.symbol}
      data-exit={t.exit}
      aria-selected={open}
      tabIndex={0}
      title="Show this trade up close"
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      <td>{n}</td>
      {withMarket && <td>{t.symbol}</td>}
      <td>{t.side}</td>
      <td>{time(t.entryTs)}</td>
      <td>{t.closed ? time(t.exitTs) : 'open at the end'}</td>
      <td data-field="held" data-value={t.exitTs - t.entryTs}>
        {heldText(t.entryTs, t.exitTs)}
      </td>
      <td>{formatPrice(t.entryPrice)}</td>
      <td>{formatPrice(t.exitPrice)}</td>
      <td>{qty(t.qty)}</td>
      <td>{formatMoney(t.fees)}</td>
      <td className={tone}>{formatMoney(t.pnl)}</td>
      <td className={tone}>{t.returnPct.toFixed(2)}%</td>
      <Excursion field="runUpPct" cell={runUpCell(t)} />
      <Excursion field="drawdownPct" cell={drawdownCell(t)} />
      <td data-field="exit">
        {t.exit && <i className="bt-exit-swatch" style={{ background: EXIT_COLORS[t.exit] }} />}
        {exitText(t.exit)}
      </td>
    </tr>
  );
}

function Excursion({ field, cell }: { field: string; cell: ExcursionCell }) {
  return (
    <td data-field={field} data-value={cell.value} title={cell.title}>
      {cell.text}
    </td>
  );
}

export function NotesList({ run }: { run: RunResult }) {
  return (
    <div className="bt-detail" data-testid="bt-notes" data-run-id={run.runId}>
      <RunHeading run={run} />
      {run.notes.length === 0 ? (
        <p className="bt-empty">Nothing to report: the kill switch was never pulled and no order was refused.</p>
      ) : (
        <ul className="bt-notes">
          {run.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
