// A run's round trips as a table, each a row to open up close (TradeChart), sortable by the columns a
// trader looks for the outliers in (P&L, return, how long held, run-up, drawdown) with a header click;
// the # column keeps each trade's number in the run whatever the order. Beside the fees, the borrow
// interest each short paid, once any trade of the list paid some; after the times, the tag of each
// trade's entry, once the entries were tagged more than one way; the Exit column gives an exit's tag
// where it had one.
import { useState } from 'react';
import { pctText } from '../../../../shared/backtest/figure-text.ts';
import { heldText } from '../../../../shared/backtest/hold-time.ts';
import { enNumber } from '../../../../shared/domain/en-number.ts';
import { formatMoney, formatPrice } from '../../lib/format.ts';
import type { RunResult, RunTrade } from './backtest-store.ts';
import { exitCellText } from './exits-view.ts';
import { entryTagsTell } from '../../../../shared/backtest/entry-tags.ts';
import { EXIT_COLORS } from './run-colors.ts';
import { drawdownCell, runUpCell, tradeTime as time, type ExcursionCell } from './trade-view.ts';
import { nextSort, sortedTrades, type TradeSort, type TradeSortKey } from './trade-sort.ts';

const qty = (v: number) => enNumber(v, 0, 8);

/** `open`: the index of the trade shown up close (null: none); `onOpen(i)` asks to open or close trade i. */
export function TradesTable({ run, open, onOpen }: { run: RunResult; open: number | null; onOpen: (i: number) => void }) {
  const [sort, setSort] = useState<TradeSort>(null);
  // Only a portfolio run's trades name their market.
  const withMarket = run.trades.some((t) => t.symbol !== undefined);
  // Only shorts pay interest, and only at a rate: a list without any reads as before.
  const withInterest = run.trades.some((t) => t.interest !== undefined);
  // Only when they tell something: a tag each way (each built-in) or one per side says nothing new.
  const withTags = entryTagsTell(run.trades);
  const head = (key: TradeSortKey, label: string, title?: string) => <SortHeader key={key} sortKey={key} label={label} title={title} sort={sort} onSort={(k) => setSort(nextSort(sort, k))} />;
  return (
    <table className={`bt-table bt-trades${withMarket ? ' has-market' : ''}`} data-sort={sort ? `${sort.key} ${sort.dir}` : ''}>
      <thead>
        <tr>
          <th>#</th>
          {withMarket && <th>Market</th>}
          <th>Side</th>
          <th>Entry (UTC)</th>
          <th>Exit (UTC)</th>
          {head('held', 'Held', 'How long the position was open, entry to exit (to the end of the data for one still open)')}
          {withTags && <th title="The tag the strategy gave the order that opened the trade">Entry tag</th>}
          <th>Entry price</th>
          <th>Exit price</th>
          <th>Qty</th>
          <th>Fees</th>
          {withInterest && <th title="Borrow interest a short paid when bought back, for the time it was held (one open at the end: what it owed by then); included in its P&L">Interest</th>}
          {head('pnl', 'P&L')}
          {head('returnPct', 'Return')}
          {head('runUpPct', 'Run-up', "The best move in the trade's favour while it was open, percent of the entry price (each cell's title: the money, at the trade's largest size)")}
          {head('drawdownPct', 'Drawdown', "The worst move against the trade while it was open, percent of the entry price (each cell's title: the money, at the trade's largest size)")}
          <th title="Why it ended: the strategy's signal (by the tag it gave the exit, if any), the entry's stop-loss or take-profit, or still open at the end of the data">Exit</th>
        </tr>
      </thead>
      <tbody>
        {sortedTrades(run.trades, sort).map((i) => (
          <TradeRow key={i} n={i + 1} t={run.trades[i]!} withMarket={withMarket} withInterest={withInterest} withTags={withTags} open={open === i} onOpen={() => onOpen(i)} />
        ))}
      </tbody>
    </table>
  );
}

/** A column header that sorts the list: largest first, then smallest first, then the trades' order. */
function SortHeader({ sortKey, label, title, sort, onSort }: { sortKey: TradeSortKey; label: string; title?: string | undefined; sort: TradeSort; onSort: (k: TradeSortKey) => void }) {
  const on = sort?.key === sortKey ? sort.dir : null;
  return (
    <th aria-sort={on === 'desc' ? 'descending' : on === 'asc' ? 'ascending' : 'none'} title={title}>
      <button type="button" className="bt-sort" data-testid={`bt-sort-${sortKey}`} onClick={() => onSort(sortKey)}>
        {label}
        {on === 'desc' ? ' ▼' : on === 'asc' ? ' ▲' : ''}
      </button>
    </th>
  );
}

function TradeRow({ n, t, withMarket, withInterest, withTags, open, onOpen }: { n: number; t: RunTrade; withMarket: boolean; withInterest: boolean; withTags: boolean; open: boolean; onOpen: () => void }) {
  const tone = t.pnl > 0 ? 'tick-up' : t.pnl < 0 ? 'tick-down' : '';
  return (
    <tr
      className={`bt-trade-row${open ? ' is-open' : ''}`}
      data-entry-price={t.entryPrice ?? ''}
      data-exit-price={t.exitPrice ?? ''}
      data-pnl={t.pnl}
      data-side={t.side}
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
      <td data-field="side" className={`bt-side-${t.side}`}>
        {t.side}
      </td>
      <td>{time(t.entryTs)}</td>
      <td>{t.closed ? time(t.exitTs) : 'open at the end'}</td>
      <td data-field="held" data-value={t.exitTs - t.entryTs}>
        {heldText(t.entryTs, t.exitTs)}
      </td>
      {withTags && <td data-field="entryTag">{t.entryTag ?? ''}</td>}
      <td>{formatPrice(t.entryPrice)}</td>
      <td>{formatPrice(t.exitPrice)}</td>
      <td>{qty(t.qty)}</td>
      <td>{formatMoney(t.fees)}</td>
      {withInterest && (
        <td data-field="interest" data-value={t.interest ?? ''}>
          {t.interest === undefined ? '' : formatMoney(t.interest)}
        </td>
      )}
      <td className={tone}>{formatMoney(t.pnl)}</td>
      <td className={tone}>{pctText(t.returnPct)}</td>
      <Excursion field="runUpPct" cell={runUpCell(t)} />
      <Excursion field="drawdownPct" cell={drawdownCell(t)} />
      <td data-field="exit" data-tag={t.exitTag ?? ''}>
        {t.exit && <i className="bt-exit-swatch" style={{ background: EXIT_COLORS[t.exit] }} />}
        {exitCellText(t)}
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
