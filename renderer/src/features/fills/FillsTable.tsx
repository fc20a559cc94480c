// Recent fills, newest first: market time, symbol, side, price, quantity, value, fee, maker/taker, ledger
// (with the tag of the order it filled, as the orders list shows it). Above it, "Export CSV": every fill of the
// account in the journal as a file. Below the list: how many are shown, and "Load older" for the journal's
// next page before the oldest shown. Dense enough for the ~510 px dock of a 1280 px window without scrolling
// sideways (trading-dock.css): the fee's asset only where it is not the quote, maker/taker as M/T, a long tag
// cut short (in full in its tooltip), and the value, price × qty, in the row's tooltip when the dock is narrow.
import { useApi } from '../../api/api-context.tsx';
import { fixed, priceText, qtyText } from '../orders/decimal-text.ts';
import { LedgerCell } from '../orders/LedgerCell.tsx';
import { fullTime, shortTime } from '../orders/time-text.ts';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';
import { dec, format, mul } from '../../../../shared/trading/decimal.ts';
import { exportFills, useFillsExport } from './fills-export.ts';
import { loadOlderFills, shownText } from './fills-paging.ts';
import { useFills } from './fills-store.ts';

const COLUMNS: TableColumns = [
  ['Time', undefined, 'Market time (UTC); the date in each time\'s tooltip'],
  ['Symbol'],
  ['Side'],
  ['Price', 'right'],
  ['Qty', 'right'],
  ['Value', 'right col-value', 'Price × quantity, in the quote currency'],
  ['Fee', 'right', 'In the quote currency unless its asset is written after it'],
  ['M/T', undefined, 'Maker (the order rested on the book) or taker (it took liquidity)'],
  ['Ledger'],
];

export function FillsTable() {
  const fills = useFills((s) => s.fills);
  const loaded = useFills((s) => s.loaded);
  const olderLeft = useFills((s) => s.olderLeft);
  const loadingOlder = useFills((s) => s.loadingOlder);
  const api = useApi();
  if (fills.length === 0) {
    return (
      <div className="dock-pane" data-testid="fills-table">
        <FillsToolbar none />
        <div className="dock-empty">{loaded ? 'No fills yet. Each execution of an order is listed here, newest first.' : 'Loading fills…'}</div>
      </div>
    );
  }
  return (
    <div className="dock-pane" data-testid="fills-table">
      <FillsToolbar none={false} />
      <table className="trade-table">
        <TableHead columns={COLUMNS} />
        <tbody>
          {fills.map((f) => {
            const value = fixed(format(mul(dec(f.price), dec(f.qty))), 2);
            const quote = f.symbol.split('/')[1] ?? '';
            const maker = f.liquidity === 'maker';
            return (
              <tr key={f.id} data-testid="fill-row" data-side={f.side} data-order-id={f.orderId} title={`Fill ${f.id} of order ${f.orderId}: value ${value} ${quote}`}>
                <td className="num dim" data-testid="fill-time" title={fullTime(f.ts)}>
                  {shortTime(f.ts)}
                </td>
                <td>{f.symbol}</td>
                <td className={f.side === 'buy' ? 'side-buy' : 'side-sell'} data-testid="fill-side">
                  {f.side.toUpperCase()}
                </td>
                <td className="num right" data-testid="fill-price" data-value={f.price}>
                  {priceText(f.price)}
                </td>
                <td className="num right" data-testid="fill-qty">
                  {qtyText(f.qty)}
                </td>
                <td className="num right col-value">{value}</td>
                <td className="num right dim" data-testid="fill-fee" title={`${f.fee} ${f.feeAsset}`}>
                  {fixed(f.fee, 4)}
                  {f.feeAsset !== quote && <span className="unit"> {f.feeAsset}</span>}
                </td>
                <td className={`dim liq-${f.liquidity}`} title={maker ? 'Maker: the order rested on the book' : 'Taker: the order took liquidity'}>
                  {maker ? 'M' : 'T'}
                </td>
                <LedgerCell row={f} tagTestId="fill-tag" tagTitle="The tag of the order it filled: why that order was placed" />
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="dock-empty" data-testid="fills-shown">
        {shownText({ fills, olderLeft })}
        {olderLeft && (
          <>
            {' · '}
            <button type="button" data-testid="fills-load-older" title="Show the 200 fills before the oldest shown" disabled={loadingOlder} onClick={() => void loadOlderFills(api)}>
              {loadingOlder ? 'Loading…' : 'Load older'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** "Export CSV" and what the last export saved. `none`: the account has no fill, so there is nothing to export. */
function FillsToolbar({ none }: { none: boolean }) {
  const api = useApi();
  const exporting = useFillsExport((s) => s.exporting);
  const saved = useFillsExport((s) => s.saved);
  return (
    <div className="dock-toolbar">
      <button
        type="button"
        className="btn btn-xs"
        data-testid="fills-export"
        disabled={none || exporting}
        title="Save every fill of this account in the journal as CSV, not only those shown: the file keel journal export --what fills --account writes"
        onClick={() => void exportFills(api)}
      >
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
      {saved && (
        <span className="dock-message is-ok" data-testid="fills-export-saved" role="status">
          {saved}
          <button type="button" className="dock-message-close" aria-label="Dismiss" onClick={() => useFillsExport.setState({ saved: null })}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
