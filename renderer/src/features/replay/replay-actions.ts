// Replay commands from the controls, and the replay states the engine sends back. Every failure is
// reported to the user; the controls are disabled while a command is on its way.
import type { Api, ReplayState } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';
import { keyOf } from '../../lib/series-key.ts';
import { reportError } from '../../state/notices-store.ts';
import { showOnChart } from '../chart/chart-store.ts';
import { useSeries } from '../chart/series-store.ts';
import { useReplay } from './replay-store.ts';
import { isActive, isNewRun } from './replay-run.ts';
import { isOfferedSpeed, REPLAY_HISTORY, type ReplaySpeed } from './speeds.ts';

/** Takes in a replay state from an answer or an event; rewinds the chart when a new run began. */
export function applyReplayState(next: ReplayState): void {
  const prev = useReplay.getState().state;
  // A running replay's speed shows in the selector; an idle one keeps whatever the user picked for the next start.
  useReplay.setState(isActive(next) && isOfferedSpeed(next.speed) ? { state: next, speed: next.speed } : { state: next });
  if (isNewRun(prev, next) && next.series) {
    const series = keyOf(next.series);
    useReplay.setState({ lastSeries: series });
    useSeries.setState({ selected: series });
    showOnChart(series, next.clock, 'replay');
  } else if (next.status === 'idle' && prev !== null && prev.status !== 'idle' && prev.series) {
    // Stopped (here or from another window): back to the stored candles, labelled as such.
    showOnChart(keyOf(prev.series), null, 'stored');
  }
}

async function run(action: string, call: () => Promise<ReplayState>): Promise<void> {
  if (useReplay.getState().busy) return;
  useReplay.setState({ busy: true });
  try {
    applyReplayState(await call());
  } catch (err) {
    reportError(action, err);
  } finally {
    useReplay.setState({ busy: false });
  }
}

/**
 * The series Replay plays: the selected one, or, while the simulated market is selected (Stop goes back to
 * it), the stored series the last replay played. Stop then Replay answered "no candles stored for
 * simulated:BTC/USDT:1m" to a trader who had just replayed BTC/USDT · local.
 */
export function seriesToReplay(selected: SeriesKey | null, lastSeries: SeriesKey | null): SeriesKey | null {
  if (selected !== null && selected.exchange === 'simulated' && lastSeries !== null) return lastSeries;
  return selected;
}

export function startReplay(api: Api): Promise<void> {
  const series = seriesToReplay(useSeries.getState().selected, useReplay.getState().lastSeries);
  if (!series) return Promise.resolve();
  const speed = useReplay.getState().speed;
  return run('Start replay', () => api.commands['replay.start']({ series, speed, history: REPLAY_HISTORY }));
}

export const pauseReplay = (api: Api) => run('Pause replay', () => api.commands['replay.pause']({}));
export const resumeReplay = (api: Api) => run('Resume replay', () => api.commands['replay.resume']({}));
export const stopReplay = (api: Api) => run('Stop replay', () => api.commands['replay.stop']({}));

/** Picks a speed; a running replay changes pace at once, an idle one starts at it. */
export function chooseSpeed(api: Api, speed: ReplaySpeed): Promise<void> {
  useReplay.setState({ speed });
  if (isActive(useReplay.getState().state)) {
    return run('Change replay speed', () => api.commands['replay.setSpeed']({ speed }));
  }
  return Promise.resolve();
}
