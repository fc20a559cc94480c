// The Fills tab's "Export CSV": it asks the engine for the fills of the account the tab shows (the armed
// account while live, paper otherwise), hands the CSV text to the page's save as a .csv file, says what it
// saved, and a failure becomes a notice rather than a file.
import { beforeEach, describe, expect, it } from 'vitest';
import { exportFills, useFillsExport } from '../../../renderer/src/features/fills/fills-export.ts';
import { useTradingModeState } from '../../../renderer/src/features/ticket/live/trading-mode-store.ts';
import { useNotices } from '../../../renderer/src/state/notices-store.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import { fakeApi } from './fake-api.ts';

const CSV = 'time,time_ms,account\r\n2024-03-01T00:00:01.000Z,1709251201000,binance:main\r\n';

function engine() {
  return fakeApi({
    'journal.exportFills': ({ account = 'paper' }) => {
      if (account === 'gone') throw new KeelError('not_found', 'no account "gone" in this journal; its accounts: paper');
      return { account, fileName: `keel-fills-${account.replace(':', '-')}.csv`, content: CSV, rows: 1 };
    },
  });
}

beforeEach(() => {
  useTradingModeState.setState({ state: null });
  useFillsExport.setState({ exporting: false, saved: null });
  useNotices.setState({ notices: [] });
});

describe('exporting the fills tab', () => {
  it("asks for the live account's fills while it is armed, and saves them as CSV", async () => {
    useTradingModeState.setState({ state: { mode: 'live', account: 'binance:main', armedAt: 1, accounts: ['binance:main'] } });
    const api = engine();
    const saved: [string, string, string][] = [];
    await exportFills(api, (...file) => saved.push(file));
    expect(api.calls).toEqual([{ name: 'journal.exportFills', request: { account: 'binance:main' } }]);
    expect(saved).toEqual([['keel-fills-binance-main.csv', CSV, 'text/csv']]);
    expect(useFillsExport.getState()).toEqual({ exporting: false, saved: '1 fill of binance:main saved as keel-fills-binance-main.csv' });
  });

  it('asks for paper when not armed', async () => {
    const api = engine();
    await exportFills(api, () => {});
    expect(api.calls[0]!.request).toEqual({ account: 'paper' });
  });

  it('saves nothing when the engine refuses, and says why', async () => {
    useTradingModeState.setState({ state: { mode: 'live', account: 'gone', armedAt: 1, accounts: [] } });
    const saved: string[] = [];
    await exportFills(engine(), (name) => saved.push(name));
    expect(saved).toEqual([]);
    expect(useNotices.getState().notices.map((n) => [n.action, n.code, n.message])).toEqual([['Export fills', 'not_found', 'no account "gone" in this journal; its accounts: paper']]);
    expect(useFillsExport.getState()).toEqual({ exporting: false, saved: null });
  });
});
