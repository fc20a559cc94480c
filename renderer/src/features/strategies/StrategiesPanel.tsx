// Strategies running on the account on screen: the start form, then one row per strategy with its
// status (warming up, running, waiting for its market, halted by the kill switch), bars, its ledger's
// position, P&L and realized P&L after fees (as its backtest counts it), its parameters and market, its latest note, and Stop. A strategy that may short says so beside its id. The same strategy code as the backtest page's.
// Opening it reads the catalog again (the trader's own files as they are now); what Keel could not load, or
// did not start again after a restart, is listed under the form with why.
import { exitsShort } from '../../../../shared/backtest/run-exits.ts';
import { useEffect } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { pnlClass, qtyText, priceText, unrealizedText } from '../orders/decimal-text.ts';
import { usePositions } from '../positions/positions-store.ts';
import { useMarket } from '../market/market-store.ts';
import { readCatalog, stopStrategy } from './strategy-actions.ts';
import { chartStrategyIndicators } from './strategy-chart.ts';
import { DIRECTION_LABELS } from '../../../../shared/domain/direction.ts';
import { directionTag, paramsLabel } from './strategy-form.ts';
import { ledgerPosition, netRealized } from './strategy-pnl.ts';
import { rowNote } from './strategy-note.ts';
import { useStrategies } from './strategies-store.ts';
import { StrategyMessage } from './StrategyMessage.tsx';
import { StrategyStartForm } from './StrategyStartForm.tsx';
import './strategies.css';
import { TableHead, type TableColumns } from '../../app/TableHead.tsx';

// Status and figures first, then the wider words: at 1440 px the dock is about 640 px wide and the table,
// params and note in full, about 1,060; what scrolls out of sight should be what a trader reads once.
const COLUMNS: TableColumns = [['Strategy'], ['Status'], ['Position', 'right'], ['Entry', 'right'], ['P&L', 'right'], ['Net', 'right', "Realized P&L after fees, as the backtest counts a trade's (the Positions tab shows the two apart)"], ['Params'], ['Market'], ['Note'], ['', 'sticky-actions']];

export function StrategiesPanel() {
  const api = useApi();
  const running = useStrategies((s) => s.running);
  const problems = useStrategies((s) => s.problems);
  const positions = usePositions((s) => s.positions);
  useEffect(() => void readCatalog(api), [api]);

  return (
    <div className="dock-pane" data-testid="strategies-panel">
      <StrategyStartForm />
      <StrategyMessage />
      {problems.length > 0 && (
        <ul className="strat-problems" data-testid="strategy-problems" aria-label="Strategies Keel could not load or start again">
          {problems.map((p) => (
            <li key={`${p.file}\n${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
      {running.length === 0 ? (
        <div className="dock-empty">No strategy is running. Pick one, set its parameters and start it on the chart&apos;s market: it trades on paper through the same engine and risk gate as a backtest.</div>
      ) : (
        <table className="trade-table strat-table">
          <TableHead columns={COLUMNS} />
          <tbody>
            {running.map((r) => {
              const p = ledgerPosition(r, positions);
              const net = netRealized(p);
              const note = rowNote(r);
              const sides = directionTag(r.direction);
              return (
                <tr key={r.id} data-testid="strategy-row" data-id={r.id} data-status={r.status} data-qty={p.qty} data-direction={r.direction}>
                  <td className="mono-id" title={`ledger ${r.ledger} · ${r.account} · ${DIRECTION_LABELS[r.direction]} · ${r.mode}, entries up to ${Math.round(r.positionShare * 100)}% of equity`}>
                    {r.id}
                    {sides !== '' && (
                      <span className="tag" data-testid="strategy-row-direction" title={`${DIRECTION_LABELS[r.direction]}: it may go short (margin account)`}>
                        {sides}
                      </span>
                    )}
                    {r.account !== 'paper' && <span className="tag tag-live">LIVE</span>}
                  </td>
                  <td>
                    <span className={`strat-status is-${r.status}`} data-testid="strategy-status" title={r.statusText}>
                      {r.status === 'warming' ? `warming ${r.bars}/${r.barsNeeded}` : r.status}
                    </span>
                  </td>
                  <td className="num right" data-testid="strategy-position">
                    {qtyText(p.qty)}
                  </td>
                  <td className="num right dim">{priceText(p.avgEntryPrice)}</td>
                  <td className={`num right ${pnlClass(p.unrealizedPnl)}`} data-testid="strategy-upnl">
                    {unrealizedText(p)}
                  </td>
                  <td className={`num right ${pnlClass(net.value)}`} data-testid="strategy-rpnl" title={net.title}>
                    {net.text}
                  </td>
                  <td className="dim" data-testid="strategy-params">
                    {[paramsLabel(r.params), exitsShort(r.exits)].filter((x) => x !== '').join(' · ')}
                  </td>
                  {/* The exchange and where its prices come from: "binance (live)", "local (replay)"; the simulated market is both. */}
                  <td className="dim" title={r.series.source === r.series.exchange ? r.series.source : `${r.series.exchange} (${r.series.source})`}>
                    {r.series.symbol} {r.series.timeframe}
                  </td>
                  <td className="dim strat-note" title={r.notes.join('\n')}>
                    {note}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn btn-xs"
                      data-testid="strategy-chart-indicators"
                      title="Draw the indicators it acts on on the chart"
                      onClick={() => {
                        const engine = useMarket.getState().engine;
                        useStrategies.setState({ message: chartStrategyIndicators(r, { symbol: engine?.symbol ?? null, timeframe: engine?.timeframe ?? null }) });
                      }}
                    >
                      Chart
                    </button>
                    <button type="button" className="btn btn-xs" data-testid="strategy-stop" title="Stop: its orders and position stay as they are" onClick={() => void stopStrategy(api, r.id)}>
                      Stop
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
