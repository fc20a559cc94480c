// The AI co-pilot's place. Not wired yet: the input is disabled and says so.
import { Panel } from '../../app/Panel.tsx';

export function CopilotPanel() {
  return (
    <Panel title="AI co-pilot" className="copilot" testId="copilot-panel">
      <div className="empty-state small">
        <strong>Not connected</strong>
        <span className="muted">
          The co-pilot will answer questions about the chart and your paper trades here. It suggests; it does not place orders. Paper trading is the default.
        </span>
      </div>
      <input className="copilot-input" type="text" disabled placeholder="Ask about this chart…" title="The AI co-pilot is not available yet" />
    </Panel>
  );
}
