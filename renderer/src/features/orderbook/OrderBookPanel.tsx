// The depth panel: asks over bids around the spread, each level with its size, the running total and
// a depth bar, grouped to a price step the user picks. Shown only from a source that has a book; a
// replay of stored candles has none, and the panel says so instead of inventing one.
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { Panel } from '../../app/Panel.tsx';
import { formatPrice, formatPriceLike } from '../../lib/format.ts';
import { useChart } from '../chart/chart-store.ts';
import { useSeries } from '../chart/series-store.ts';
import { formatVolume } from '../chart/legend/legend-format.ts';
import { DataStatusBadge } from '../market/DataStatusBadge.tsx';
import { depthView, groupingSteps, type DepthRow } from './book-depth.ts';
import { useBook } from './use-book.ts';
import '../watchlist/market-panels.css';

/** Levels shown per side. */
const ROWS = 12;

function Level({ row, side }: { row: DepthRow; side: 'ask' | 'bid' }) {
  return (
    <tr className={`book-row book-${side}`} data-testid={`book-${side}`}>
      <td className="num book-price">
        <span className="book-bar" style={{ width: `${(row.depth * 100).toFixed(1)}%` }} />
        {formatPrice(row.price)}
      </td>
      <td className="num">{formatVolume(row.amount)}</td>
      <td className="num book-total">{formatVolume(row.total)}</td>
    </tr>
  );
}

/** The spread in the price's own decimals (0.01 for BTC, not 0.01000000). */
function formatSpread(spread: number | null, mid: number | null): string {
  return spread === null || mid === null ? '—' : formatPriceLike(spread, mid);
}

export function OrderBookPanel() {
  const api = useApi();
  const series = useSeries((s) => s.selected);
  const chartSource = useChart((s) => s.source);
  const { book, source } = useBook(api, series);
  const [step, setStep] = useState(0);
  const mid = book ? ((book.bids[0]?.[0] ?? 0) + (book.asks[0]?.[0] ?? 0)) / 2 || null : null;
  const steps = groupingSteps(mid, null);
  const view = depthView(book, ROWS, steps.includes(step) ? step : 0);

  const aside = (
    <span className="panel-aside">
      {book && (
        <select className="book-step" value={step} title="Group price levels" aria-label="Group price levels" onChange={(e) => setStep(Number(e.target.value))}>
          {steps.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? 'Tick' : s}
            </option>
          ))}
        </select>
      )}
      {book && <DataStatusBadge source={source} />}
    </span>
  );

  return (
    <Panel title="Order book" className="orderbook" testId="orderbook" aside={aside}>
      {!book ? (
        <div className="empty-state small" data-testid="book-empty">
          <strong>No order book</strong>
          <span className="muted">
            {chartSource === 'replay' || chartSource === 'stored' || chartSource === null
              ? 'Stored candles and their replay carry no depth. A live exchange or the simulated market shows bids and asks here.'
              : 'Waiting for the first book from the market source…'}
          </span>
        </div>
      ) : (
        <table className="mkt-table book-table">
          <thead>
            <tr>
              <th className="num">Price</th>
              <th className="num">Size</th>
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {[...view.asks].reverse().map((r) => (
              <Level key={`a${r.price}`} row={r} side="ask" />
            ))}
            <tr className="book-spread" data-testid="book-spread">
              <td className="num">{formatPrice(view.mid)}</td>
              <td className="num" colSpan={2}>
                spread {formatSpread(view.spread, view.mid)} {view.spreadBps === null ? '' : `(${view.spreadBps.toFixed(1)} bps)`}
              </td>
            </tr>
            {view.bids.map((r) => (
              <Level key={`b${r.price}`} row={r} side="bid" />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
