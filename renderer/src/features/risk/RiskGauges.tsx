// Each limit and how much of it is in use now.
import { gaugeFill, gaugeTone } from './gauge-model.ts';
import { useRisk } from './risk-store.ts';

export function RiskGauges() {
  const gauges = useRisk((s) => s.state?.gauges);
  if (!gauges) return null;
  return (
    <ul className="risk-gauges" data-testid="risk-gauges">
      {gauges.map((g) => (
        <li key={g.rule} className={`risk-gauge tone-${gaugeTone(g)}`} title={g.rule}>
          <span className="risk-gauge-label">{g.label}</span>
          <span className="risk-gauge-text">{g.text}</span>
          <span className="risk-gauge-bar" aria-hidden="true">
            <span style={{ width: `${(gaugeFill(g) * 100).toFixed(1)}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
