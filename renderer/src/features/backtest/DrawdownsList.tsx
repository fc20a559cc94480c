// One run's deepest drawdowns (`keel backtest --json`'s `drawdowns`, the HTML report's "Worst drawdowns"):
// when each began (the equity's peak), bottomed and was recovered, how deep it went and how long it lasted.
// The max drawdown in the runs table is the first one's depth; its duration the longest one's length.
import { holdTimeText } from '../../../../shared/backtest/hold-time.ts';
import type { RunResult } from './backtest-store.ts';
import { RunHeading } from './RunDetails.tsx';
import { tradeTime } from './trade-view.ts';

export function DrawdownsList({ run }: { run: RunResult }) {
  const periods = run.drawdowns;
  return (
    <div className="bt-detail" data-testid="bt-drawdowns" data-run-id={run.runId}>
      <RunHeading run={run} />
      {periods === undefined ? (
        <p className="bt-empty">This run was stored before drawdowns were listed: run it again to see them.</p>
      ) : periods.length === 0 ? (
        <p className="bt-empty">No drawdown: the equity never fell below a peak.</p>
      ) : (
        <table className="bt-table bt-drawdowns">
          <thead>
            <tr>
              <th>#</th>
              <th title="The equity's high it fell from (a bar's close)">Peak (UTC)</th>
              <th>Trough (UTC)</th>
              <th title="The close of the bar that regained the peak">Recovered (UTC)</th>
              <th>Depth</th>
              <th title="From the peak to the recovery, or to the end of the run">Length</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p, i) => (
              <tr key={p.peakTs} data-peak={p.peakTs} data-trough={p.troughTs} data-recovered={p.recoveredTs ?? ''} data-depth={p.depthPct} data-days={p.days}>
                <td>{i + 1}</td>
                <td>{tradeTime(p.peakTs)}</td>
                <td>{tradeTime(p.troughTs)}</td>
                <td>{p.recoveredTs === null ? <span className="tick-down">not recovered</span> : tradeTime(p.recoveredTs)}</td>
                <td className="tick-down">−{p.depthPct.toFixed(2)}%</td>
                <td>{holdTimeText(p.days)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
