// The toolbar's "Log" button: the price axis logarithmic (each step up it the same percent move, as a
// charting tool's log scale) or linear. A real button, so Tab reaches it and Enter or Space flips it.
import { setChartScale, useChartScale } from './scale-store.ts';

export function ScaleToggle() {
  const log = useChartScale((s) => s.scale === 'log');
  return (
    <button
      type="button"
      className={`tb-btn ${log ? 'is-open' : ''}`}
      data-testid="chart-log-scale"
      aria-pressed={log}
      title={log ? 'Log scale: each step up the price axis is the same percent move. Click for a linear scale' : 'Linear scale. Click for a log scale: each step up the price axis is the same percent move'}
      onClick={() => setChartScale(log ? 'linear' : 'log')}
    >
      Log
    </button>
  );
}
