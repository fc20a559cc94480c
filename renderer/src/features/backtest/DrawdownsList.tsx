// One run's deepest drawdowns (`keel backtest --json`'s `drawdowns`, the HTML report's "Worst drawdowns"):
// when each began (the equity's peak), bottomed and was recovered, how deep it went and how long it lasted.
// The max drawdown in the runs table is the first one's depth; its duration the longest one's length.
// Each cell reads as the CLI's "Worst drawdowns" table prints it (drawdowns-view.ts).
import type { RunResult } from './backtest-store.ts';
import { drawdownCells, NOT_RECOVERED } from './drawdowns-view.ts';
import { RunHeading } from './RunDetails.tsx';

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
            {periods.map((p, i) => {
              const [n, peak, trough, recovered, depth, length] = drawdownCells(p, i);
              return (
                <tr key={p.peakTs} data-peak={p.peakTs} data-trough={p.troughTs} data-recovered={p.recoveredTs ?? ''} data-depth={p.depthPct} data-days={p.days}>
                  <td>{n}</td>
                  <td>{peak}</td>
                  <td>{trough}</td>
                  <td>{p.recoveredTs === null ? <span className="tick-down">{NOT_RECOVERED}</span> : recovered}</td>
                  <td className="tick-down">{depth}</td>
                  <td>{length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
