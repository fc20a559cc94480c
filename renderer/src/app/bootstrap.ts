// What the app asks the engine when it opens: who it is, which series are stored and whether a
// replay is already running (opened in a second tab, or reloaded mid-replay). A running replay wins:
// the chart joins it instead of showing the latest stored candles.
import type { Api } from '../../../shared/contract/index.ts';
import { refreshSeries } from '../features/chart/series-actions.ts';
import { applyReplayState } from '../features/replay/replay-actions.ts';
import { isNewRun } from '../features/replay/replay-run.ts';
import { useReplay } from '../features/replay/replay-store.ts';
import { reportError } from '../state/notices-store.ts';
import { useAppInfo } from './app-info-store.ts';

export async function bootstrap(api: Api): Promise<void> {
  const [info, replay] = await Promise.all([
    api.commands['app.info']({}).catch((err: unknown) => {
      reportError('Read app info', err);
      return null;
    }),
    api.commands['replay.state']({}).catch((err: unknown) => {
      reportError('Read replay state', err);
      return null;
    }),
  ]);
  if (info) useAppInfo.setState({ info });
  // A replay.state event that came while these were answered is newer than the answer: applied after it,
  // the answer stepped the replay back (a reload mid-replay rewound the chart and its counter).
  const answer = useReplay.getState().state === null ? replay : null;
  const joining = answer !== null && isNewRun(null, answer);
  if (joining) applyReplayState(answer);
  await refreshSeries(api);
  if (!joining && answer) applyReplayState(answer);
}
