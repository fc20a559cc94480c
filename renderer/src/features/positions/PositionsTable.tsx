// Positions per symbol and ledger (user, strategy:<id>, ai): size, average entry, mark, unrealized and
// realized P&L in green or red, fees (a short's borrow interest, owed and paid, in the P&L's and fees'
// tooltips); close and reverse; above them, the account's kind (Spot / Margin, the paper account's switch,
// and on margin its borrow rate). Flat positions that made or lost money stay
// listed (dimmed) so the session's realized P&L per market can be read. Every column fits the ~510 px dock of
// a 1280 px window: the P&L columns headed as traders abbreviate them (uPnL, rPnL; in words in their
// tooltips) and Close and Reverse a ✕ and a ⇄ there, as in TradingView's positions (trading-dock.css), so the
// Fees column is not pushed past the edge.
import { useState, type CSSProperties } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { KeelErrorData } from '../../../../shared/contract/errors.ts';
import type { Position } from '../../../../shared/trading/orders.ts';
import { useTradingMode } from '../../app/trading-mode.ts';
import { fixed, pnlClass, priceText, qtyText, signedFixed, signOf, unrealizedText } from '../orders/decimal-text.ts';
import { useAccountKind } from '../orders/market-rules-store.ts';
import { AccountKindSwitch } from './AccountKindSwitch.tsx';
import { owedTitle, paidTitle } from './borrow-interest-text.ts';
import { closePosition, reversePosition, reverseUnavailable } from './position-actions.ts';
import { isFlat, positionRows, usePositions } from './positions-store.ts';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';
import { useElementHeight } from '../../lib/use-element-height.ts';

const COLUMNS: TableColumns = [
  ['Symbol'],
  ['Ledger'],
  ['Side'],
  ['Size', 'right'],
  ['Entry', 'right', 'Average entry price'],
  ['Mark', 'right', 'The last price of the market source the position was opened on'],
  ['uPnL', 'right', 'Unrealized P&L: the open size at the mark against the entry (a short\'s borrow interest owed in its tooltip)'],
  ['rPnL', 'right', 'Realized P&L of what was closed, before fees'],
  ['Fees', 'right', 'Fees paid (a short\'s borrow interest paid in its tooltip)'],
  ['', 'sticky-actions'],
];

/** Why an open position reads no mark. */
const NO_MARK = 'No price from the market source this position was opened on: a position is marked only by its own source (another source streams this symbol now, or none has priced it since Keel started)';

type Note = { kind: 'ok'; text: string } | { kind: 'error'; action: string; error: KeelErrorData };

export function PositionsTable() {
  const api = useApi();
  const positions = usePositions((s) => s.positions);
  const { mode, account } = useTradingMode();
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  // The toolbar wraps onto more lines in a narrow dock: the table's sticky header goes under all of them.
  const [toolbarRef, toolbarHeight] = useElementHeight<HTMLDivElement>();
  const rows = positionRows(positions);
  // Spot or margin, from the market rules of the positions' symbols: a spot account cannot reverse.
  const noReverse = reverseUnavailable(useAccountKind(api, rows.map((p) => p.symbol)), account);

  const act = async (p: Position, what: 'Close' | 'Reverse') => {
    if (mode === 'live' && !window.confirm(`LIVE: ${what.toLowerCase()} the ${p.ledger} ${p.symbol} position at market?`)) return;
    const key = `${p.symbol}|${p.ledger}`;
    setBusy(key);
    const result = what === 'Close' ? await closePosition(api, p) : await reversePosition(api, p);
    setBusy(null);
    setNote(result.ok ? { kind: 'ok', text: `${what} ${p.symbol} (${p.ledger}) sent at market` } : { kind: 'error', action: `${what} ${p.symbol}`, error: result.error });
  };

  return (
    <div className="dock-pane" data-testid="positions-table" style={toolbarHeight === null ? undefined : ({ '--dock-toolbar-h': `${toolbarHeight}px` } as CSSProperties)}>
      <div className="dock-toolbar positions-toolbar" ref={toolbarRef}>
        <AccountKindSwitch />
        {note && (
          <span className={`dock-message ${note.kind === 'ok' ? 'is-ok' : 'is-error'}`} data-testid="positions-message" data-kind={note.kind} role={note.kind === 'error' ? 'alert' : 'status'}>
            {note.kind === 'ok' ? (
              note.text
            ) : (
              <>
                {note.action} failed: <code>{note.error.code}</code> {note.error.message}
              </>
            )}
            <button type="button" className="dock-message-close" aria-label="Dismiss" onClick={() => setNote(null)}>
              ×
            </button>
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <div className="dock-empty">No positions. Filled orders open a position here, marked to the last price.</div>
      ) : (
        <table className="trade-table">
          <TableHead columns={COLUMNS} />
          <tbody>
            {rows.map((p) => {
              const flat = isFlat(p);
              const long = signOf(p.qty) > 0;
              const key = `${p.symbol}|${p.ledger}`;
              const quote = p.symbol.split('/')[1] ?? '';
              return (
                <tr key={key} className={flat ? 'is-flat' : undefined} data-testid="position-row" data-symbol={p.symbol} data-ledger={p.ledger} data-qty={p.qty}>
                  <td>{p.symbol}</td>
                  <td className="dim">{p.ledger}</td>
                  <td className={flat ? 'dim' : long ? 'side-buy' : 'side-sell'}>{flat ? 'FLAT' : long ? 'LONG' : 'SHORT'}</td>
                  <td className="num right" data-testid="position-qty">
                    {qtyText(p.qty.replace('-', ''))}
                  </td>
                  <td className="num right">{priceText(p.avgEntryPrice)}</td>
                  <td className="num right" data-testid="position-mark" title={!flat && p.markPrice === null ? NO_MARK : undefined}>
                    {priceText(p.markPrice)}
                  </td>
                  <td className={`num right ${pnlClass(p.unrealizedPnl)}`} data-testid="position-upnl" data-interest-owed={p.interestOwed} title={owedTitle(p, quote)}>
                    {unrealizedText(p)}
                  </td>
                  <td className={`num right ${pnlClass(p.realizedPnl)}`} data-testid="position-rpnl">
                    {signedFixed(p.realizedPnl, 2)}
                  </td>
                  <td className="num right dim" data-interest-paid={p.interestPaid} title={paidTitle(p, quote)}>
                    {fixed(p.feesPaid, 2)}
                  </td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-xs" disabled={flat || busy === key} data-testid="position-close" title="Close at market (reduce-only)" aria-label="Close" onClick={() => void act(p, 'Close')}>
                      <span className="label-wide">Close</span>
                      <span className="label-narrow" aria-hidden="true">
                        ✕
                      </span>
                    </button>
                    <button
                      type="button"
                      className="btn btn-xs"
                      disabled={flat || busy === key || noReverse !== null}
                      data-testid="position-reverse"
                      title={noReverse ?? 'Reverse: flip to the same size on the other side, at market'}
                      aria-label="Reverse"
                      onClick={() => void act(p, 'Reverse')}
                    >
                      <span className="label-wide">Reverse</span>
                      <span className="label-narrow" aria-hidden="true">
                        ⇄
                      </span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
