import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KeelError, type ReplayState } from '../../../shared/contract/index.ts';
import { useChart } from '../../../renderer/src/features/chart/chart-store.ts';
import { useSeries } from '../../../renderer/src/features/chart/series-store.ts';
import { applyReplayState, chooseSpeed, pauseReplay, startReplay } from '../../../renderer/src/features/replay/replay-actions.ts';
import { useReplay } from '../../../renderer/src/features/replay/replay-store.ts';
import { useNotices } from '../../../renderer/src/state/notices-store.ts';
import { bootstrap } from '../../../renderer/src/app/bootstrap.ts';
import { fakeApi } from './fake-api.ts';

const BTC = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const playing = (patch: Partial<ReplayState> = {}): ReplayState => ({ status: 'playing', series: BTC, speed: 1000, index: 500, total: 45_031, clock: 1_640_998_860_000, lastPrice: 46_000, ...patch });

beforeEach(() => {
  useReplay.setState({ state: null, speed: 60, busy: false });
  useSeries.setState({ list: [], selected: BTC });
  useChart.setState({ request: null });
  useNotices.setState({ notices: [] });
});

describe('replay actions', () => {
  it('starts the selected series at the chosen speed with 500 candles of history, and rewinds the chart to the clock', async () => {
    const api = fakeApi({ 'replay.start': () => playing() });
    await chooseSpeed(api, 1000);
    await startReplay(api);
    expect(api.calls).toEqual([{ name: 'replay.start', request: { series: BTC, speed: 1000, history: 500 } }]);
    expect(useChart.getState().request).toMatchObject({ series: BTC, until: 1_640_998_860_000, source: 'replay' });
    expect(useReplay.getState()).toMatchObject({ state: playing(), busy: false });
  });

  it('rewinds the chart once per run, whether the event or the answer comes first', () => {
    applyReplayState(playing());
    const first = useChart.getState().request;
    applyReplayState(playing());
    applyReplayState(playing({ index: 501 }));
    expect(useChart.getState().request).toBe(first);
  });

  it('opening mid-replay, keeps a replay.state event that came before the answer to replay.state, not the older answer', async () => {
    let answer!: (s: ReplayState) => void;
    const api = fakeApi({
      'app.info': () => ({ name: 'keel' }) as never,
      'replay.state': () => new Promise<ReplayState>((resolve) => (answer = resolve)),
      'market.series': () => ({ series: [] }),
    });
    const opened = bootstrap(api);
    await vi.waitFor(() => expect(answer).toBeDefined());
    // The event (index 600) comes first; the answer, read before it, says 500.
    applyReplayState(playing({ index: 600 }));
    const rewound = useChart.getState().request;
    answer(playing({ index: 500 }));
    await opened;
    expect(useReplay.getState().state!.index).toBe(600);
    expect(useChart.getState().request).toBe(rewound);
  });

  it('returns the chart to the stored candles when the replay stops', () => {
    applyReplayState(playing());
    applyReplayState({ status: 'idle', series: null, speed: 1000, index: 0, total: 0, clock: null, lastPrice: null });
    expect(useChart.getState().request).toMatchObject({ series: BTC, until: null, source: 'stored' });
  });

  it('changes a running replay speed through replay.setSpeed', async () => {
    const api = fakeApi({ 'replay.setSpeed': ({ speed }) => playing({ speed }) });
    applyReplayState(playing({ speed: 60 }));
    await chooseSpeed(api, 300);
    expect(api.calls).toEqual([{ name: 'replay.setSpeed', request: { speed: 300 } }]);
    expect(useReplay.getState().speed).toBe(300);
  });

  it('shows the engine error when a command fails', async () => {
    const api = fakeApi({
      'replay.pause': () => {
        throw new KeelError('conflict', 'replay is idle, so it cannot be paused');
      },
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await pauseReplay(api);
    errors.mockRestore();
    expect(useNotices.getState().notices).toMatchObject([{ action: 'Pause replay', code: 'conflict', message: 'replay is idle, so it cannot be paused' }]);
    expect(useReplay.getState().busy).toBe(false);
  });
});
