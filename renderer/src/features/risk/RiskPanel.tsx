// Risk limits and exposure. Nothing trades yet, so there is nothing to measure: the panel says what it will hold.
import { Panel } from '../../app/Panel.tsx';

export function RiskPanel() {
  return (
    <Panel title="Risk" className="risk" testId="risk-panel">
      <dl className="risk-list" title="Filled in once the paper broker holds positions">
        <dt>Exposure</dt>
        <dd>—</dd>
        <dt>Daily P&amp;L</dt>
        <dd>—</dd>
        <dt>Loss limit</dt>
        <dd>not set</dd>
      </dl>
      <p className="empty-note">No positions, so no exposure. Limits on position size and daily loss will be set and checked here before any order is sent.</p>
    </Panel>
  );
}
