// Open positions. Empty until the paper broker fills orders.
import { Panel } from '../../app/Panel.tsx';

const COLUMNS = ['Symbol', 'Side', 'Size', 'Entry', 'Mark', 'Unrealized P&L'];

export function PositionsPanel() {
  return (
    <Panel title="Positions" className="positions" testId="positions-panel">
      <table className="grid-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
      </table>
      <div className="empty-state small">
        <strong>No open positions</strong>
        <span className="muted">Paper trades filled against the replay will be listed here. Paper trading is the default; no real money is involved.</span>
      </div>
    </Panel>
  );
}
