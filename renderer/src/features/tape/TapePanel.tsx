// The trades tape for the selected symbol: newest on top, price green for buys and red for sells.
// During a replay the rows are the replay's ticks (a replay has no trades), and the header says so.
import { memo } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { Panel } from '../../app/Panel.tsx';
import { formatPrice } from '../../lib/format.ts';
import { useSeries } from '../chart/series-store.ts';
import { formatVolume } from '../chart/legend/legend-format.ts';
import { DataStatusBadge } from '../market/DataStatusBadge.tsx';
import type { TapeRow } from './tape-model.ts';
import { useTape } from './use-tape.ts';
import '../watchlist/market-panels.css';

/** 12:34:56 UTC, the market's clock. */
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** Rows drawn: more than the panel shows at any height; the rest of the tape stays in memory. */
const SHOWN = 60;

/** A trade never changes once printed, so a row renders once however often the tape moves. */
const Row = memo(function Row({ row }: { row: TapeRow }) {
  return (
    <tr data-testid="tape-row" className={`tape-${row.shownSide}`}>
      <td className="num tape-price">{formatPrice(row.price)}</td>
      <td className="num">{formatVolume(row.amount)}</td>
      <td className="num tape-time">{clock(row.t)}</td>
    </tr>
  );
});

export function TapePanel() {
  const api = useApi();
  const series = useSeries((s) => s.selected);
  const { rows, origin, source } = useTape(api, series);
  const aside = (
    <span className="panel-aside">
      {origin === 'ticks' && (
        <span className="tape-origin" title="A replay has no trades: each row is one replayed tick, its size the volume the tick added">
          replay ticks
        </span>
      )}
      {rows.length > 0 && <DataStatusBadge source={source} />}
    </span>
  );
  return (
    <Panel title="Trades" className="tape" testId="tape" aside={aside}>
      {rows.length === 0 ? (
        <div className="empty-state small">
          <span className="muted">No trades yet. They stream here from a live or simulated market, and from a running replay as ticks.</span>
        </div>
      ) : (
        <table className="mkt-table tape-table">
          <thead>
            <tr>
              <th className="num">Price</th>
              <th className="num">Size</th>
              <th className="num">Time</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <Row key={r.id} row={r} />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
