// "Export CSV" on the Fills tab: every fill of the account the tab shows, from the journal (not only the pages
// loaded), as the file `keel journal export --what fills --account NAME` writes. The engine makes the text;
// the page saves it as a file (a download in the browser, a save dialog in the desktop window), as a backtest
// report is saved.
import { create } from 'zustand';
import type { Api } from '../../../../shared/contract/index.ts';
import { saveTextFile } from '../../lib/save-file.ts';
import { reportError } from '../../state/notices-store.ts';
import { currentAccount } from '../orders/account-scope.ts';

export interface FillsExportState {
  /** An export is being made: the button waits, and a second click is ignored. */
  exporting: boolean;
  /** What the last export saved ("3 fills of paper saved as keel-fills-paper.csv"), until dismissed. */
  saved: string | null;
}

export const useFillsExport = create<FillsExportState>()(() => ({ exporting: false, saved: null }));

export async function exportFills(api: Api, save = saveTextFile): Promise<void> {
  if (useFillsExport.getState().exporting) return;
  useFillsExport.setState({ exporting: true, saved: null });
  try {
    // The account named, not left to the engine: the file is of the account the tab showed when clicked.
    const { account, fileName, content, rows } = await api.commands['journal.exportFills']({ account: currentAccount() });
    save(fileName, content, 'text/csv');
    useFillsExport.setState({ saved: `${rows} fill${rows === 1 ? '' : 's'} of ${account} saved as ${fileName}` });
  } catch (err) {
    reportError('Export fills', err);
  } finally {
    useFillsExport.setState({ exporting: false });
  }
}
