// The risk panel: the kill switch and the state, the mode with its figures, each limit's gauge, the
// limits editor, the growth projection and the log of risk events.
import { Panel } from '../../app/Panel.tsx';
import { useApi } from '../../api/api-context.tsx';
import { KillSwitchBar } from './KillSwitchBar.tsx';
import { LimitsEditor } from './LimitsEditor.tsx';
import { ModeSelector } from './ModeSelector.tsx';
import { ProjectionChart } from './ProjectionChart.tsx';
import { RiskEventLog } from './RiskEventLog.tsx';
import { RiskGauges } from './RiskGauges.tsx';
import { useRiskFeed } from './risk-feed.ts';
import { useRisk } from './risk-store.ts';
import './risk.css';

export function RiskPanel() {
  const api = useApi();
  useRiskFeed(api);
  const loaded = useRisk((s) => s.state !== null);
  const mode = useRisk((s) => s.state?.mode);
  return (
    <Panel title="Risk" className="risk" testId="risk-panel" aside={mode ? <span className="risk-mode-badge">{mode}</span> : undefined}>
      {!loaded ? (
        <p className="muted small">Reading the risk engine…</p>
      ) : (
        <>
          <KillSwitchBar />
          <ModeSelector />
          <RiskGauges />
          <LimitsEditor />
          <ProjectionChart />
          <RiskEventLog />
        </>
      )}
    </Panel>
  );
}
