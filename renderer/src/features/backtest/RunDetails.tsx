// One run's round trips (on its price line, then listed, each with its side, why it ended and how far it
// went for and against it while open: counted by side first when the run could short, by why they ended
// when the run had a stop-loss or take-profit, and drawn as return against drawdown beside that) and what
// it said beside its numbers (kill-switch pulls, refused orders, the strategy's remarks): the same trade
// list and notes `keel backtest` writes to its reports. A portfolio run shows its markets first (what each
// did, and a price line each with its own fills), and its trades say which market each was in. A run that
// could short says what its shorts paid to borrow, beside its fees (or that they borrowed for free); one
// whose indicators read bars before its range says how many.
import { useState } from 'react';
import { formatCount } from '../../lib/format.ts';
import type { RunResult } from './backtest-store.ts';
import { PortfolioMarkets } from './PortfolioMarkets.tsx';
import { PriceChart } from './PriceChart.tsx';
import { TradeChart } from './TradeChart.tsx';
import { TradesTable } from './TradesTable.tsx';
import { paperTradeRun } from './paper-trade-run.ts';
import { noTradesText } from './trade-view.ts';
import { ExcursionPlot } from './ExcursionPlot.tsx';
import { ExitsTable } from './ExitsTable.tsx';
import { SidesTable } from './SidesTable.tsx';
import { EntriesTable } from './EntriesTable.tsx';
import { showsEntryTags } from './entry-tags-view.ts';
import { showsSides } from './direction-view.ts';
import { borrowInterestLine, borrowInterestOf } from './borrow-view.ts';
import { warmUpLine } from './warm-up-view.ts';
import { exitsWords, showsExitBreakdown } from './exits-view.ts';
import { runName } from './run-form.ts';
import { isPortfolio, marketsLabel } from './run-markets.ts';
import { haltedLine } from './halted-view.ts';
import { drawdownLine } from './drawdown-view.ts';

/** The run named in full: its exits in words ("stop-loss 2% · take-profit 4%") where the table has "SL 2% TP 4%". */
export function RunHeading({ run }: { run: RunResult }) {
  const exits = exitsWords(run.request);
  // A portfolio run is one account over several markets; the start form starts a strategy on one.
  const portfolio = isPortfolio(run.request);
  return (
    <div className="bt-detail-top">
      <p className="bt-detail-head">
        {runName(run)} · {marketsLabel(run.request)}
        {exits && ` · ${exits}`}
      </p>
      <button
        type="button"
        className="btn btn-xs bt-paper-trade"
        data-testid="bt-paper-trade"
        disabled={portfolio}
        title={portfolio ? 'A portfolio run trades several markets: start the strategy on each from the Strategies tab' : "Fill in the terminal's strategy form with this run (strategy, parameters, market, exits) to start it trading"}
        onClick={() => paperTradeRun(run)}
      >
        Trade this strategy…
      </button>
    </div>
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
  return (
    <div className="bt-detail" data-testid="bt-trades" data-run-id={run.runId} data-count={run.tradeCount}>
      <RunHeading run={run} />
      <BorrowInterest run={run} />
      <WarmUp run={run} />
      {run.markets.length > 0 ? <PortfolioMarkets run={run} /> : <PriceChart price={run.price} fills={run.fills} indicators={run.indicators} run={run} />}
      {open !== null && run.trades[open] && <TradeChart key={open} run={run} n={open + 1} trade={run.trades[open]} onClose={() => setOpen(null)} />}
      {run.trades.length === 0 ? (
        <p className="bt-empty">{noTradesText(run.notes)}</p>
      ) : (
        <>
          <div className="bt-trades-overview">
            {showsSides(run) && <SidesTable run={run} />}
            {showsExitBreakdown(run) && <ExitsTable run={run} />}
            {showsEntryTags(run) && <EntriesTable run={run} />}
            <ExcursionPlot run={run} />
          </div>
          {cut && (
            <p className="bt-hint">
              The first {formatCount(run.trades.length)} of {formatCount(run.tradeCount)} trades; `keel backtest --json` or `--html` writes them all.
            </p>
          )}
          <p className="bt-hint">Click a trade to see it up close: its bars, the strategy's indicators and its fills.</p>
          <TradesTable run={run} open={open} onOpen={(i) => setOpen(open === i ? null : i)} />
        </>
      )}
    </div>
  );
}

/** The bars before the range the run's indicators read first; nothing when it read none. */
function WarmUp({ run }: { run: RunResult }) {
  const line = warmUpLine(run);
  if (line === null) return null;
  return (
    <p className="bt-hint" data-testid="bt-warm-up" data-value={run.leadIn}>
      {line}
    </p>
  );
}

/** What the run's shorts paid to borrow, beside its fees; nothing for a run that could not short. */
function BorrowInterest({ run }: { run: RunResult }) {
  const line = borrowInterestLine(run);
  if (line === null) return null;
  return (
    <p className="bt-hint bt-borrow-interest" data-testid="bt-borrow-interest" data-value={borrowInterestOf(run) ?? ''}>
      {line}
    </p>
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
      <Hint line={haltedLine(run)} testId="bt-halted-hint" />
      <Hint line={drawdownLine(run)} testId="bt-drawdown-hint" />
    </div>
  );
}

/**
 * A line under the notes, when there is one: the kill switch engaged to the end over much of the run
 * (haltedLine), the drawdown far past its limit with the positions left open (drawdownLine).
 */
function Hint({ line, testId }: { line: string | null; testId: string }) {
  if (line === null) return null;
  return (
    <p className="bt-hint" data-testid={testId}>
      {line}
    </p>
  );
}
