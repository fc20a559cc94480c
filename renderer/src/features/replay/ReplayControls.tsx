// Start, pause, resume and stop the replay, and pick its speed. Each button maps to one replay
// command; the engine's answer (and its replay.state events) decide what the controls show next.
import { useApi } from '../../api/api-context.tsx';
import { useSeries } from '../chart/series-store.ts';
import { chooseSpeed, pauseReplay, resumeReplay, startReplay, stopReplay } from './replay-actions.ts';
import { useReplay } from './replay-store.ts';
import { isOfferedSpeed, REPLAY_SPEEDS } from './speeds.ts';

export function ReplayControls() {
  const api = useApi();
  const state = useReplay((s) => s.state);
  const speed = useReplay((s) => s.speed);
  const busy = useReplay((s) => s.busy);
  const selected = useSeries((s) => s.selected);
  const status = state?.status ?? 'idle';

  const primary =
    status === 'playing'
      ? { label: 'Pause', icon: '❚❚', run: () => pauseReplay(api), title: 'Pause the replay' }
      : status === 'paused'
        ? { label: 'Resume', icon: '▶', run: () => resumeReplay(api), title: 'Resume the replay' }
        : { label: 'Replay', icon: '▶', run: () => startReplay(api), title: 'Replay the selected series from its 500th candle' };
  const canStart = status === 'playing' || status === 'paused' || selected !== null;

  return (
    <div className="replay-controls" role="group" aria-label="Replay">
      <button
        type="button"
        className={`btn btn-play ${status === 'playing' ? 'is-playing' : ''}`}
        data-testid="replay-toggle"
        disabled={busy || !canStart}
        title={canStart ? primary.title : 'Import candles first: there is nothing to replay'}
        onClick={() => void primary.run()}
      >
        <span aria-hidden="true">{primary.icon}</span> {primary.label}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="replay-stop"
        disabled={busy || status === 'idle'}
        title={status === 'idle' ? 'No replay is running' : 'Stop the replay'}
        onClick={() => void stopReplay(api)}
      >
        <span aria-hidden="true">■</span> Stop
      </button>
      <label className="field">
        <span className="field-label">Speed</span>
        <select
          data-testid="replay-speed"
          value={speed}
          disabled={busy}
          title="Market time per wall-clock second"
          onChange={(e) => {
            const next = Number(e.target.value);
            if (isOfferedSpeed(next)) void chooseSpeed(api, next);
          }}
        >
          {REPLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <span className={`replay-status status-${status}`} data-testid="replay-status" data-status={status}>
        {status === 'idle' ? 'Replay idle' : status === 'finished' ? 'Replay finished' : `${status === 'playing' ? 'Playing' : 'Paused'} ${state?.speed ?? speed}x`}
      </span>
    </div>
  );
}
