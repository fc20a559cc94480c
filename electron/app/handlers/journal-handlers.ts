// The journal's commands (shared/contract/commands/journal.ts): the Fills tab's export. The CSV is made by
// exportCsv, the code `keel journal export` writes its file with, so the tab's file and the CLI's for the
// same account are the same bytes. It is made in a worker thread (fills-export-worker.ts) and handed whole
// to the page, which saves it (a download in the browser, a save dialog in the desktop window), as a
// backtest report is.
import { Worker } from 'node:worker_threads';
import type { journalCommands } from '../../../shared/contract/commands/journal.ts';
import { KeelError } from '../../../shared/contract/errors.ts';
import { workerUrl } from '../../backtest/worker-url.ts';
import type { FillsExportJob, FillsExportMessage } from '../../journal/fills-export-worker.ts';
import type { HandlersFor } from '../handlers.ts';

export interface JournalHandlerOptions {
  /** The journal file the engines write (read here on a connection of the worker's own). */
  journalFile: string;
  /** The account the trading.* commands act on now: what the Fills tab shows when it names none. */
  activeAccount: () => string;
}

export function journalHandlers({ journalFile, activeAccount }: JournalHandlerOptions): HandlersFor<typeof journalCommands> {
  return {
    'journal.exportFills': async ({ account = activeAccount() }) => {
      const { content, rows } = await fillsCsvInWorker({ journalFile, account });
      return { account, fileName: fillsFileName(account), content, rows };
    },
  };
}

/** keel-fills-paper.csv, keel-fills-binance-main.csv: the account's name with what a file name may not hold (a colon on Windows) as dashes. */
export function fillsFileName(account: string): string {
  return `keel-fills-${account.replace(/[^A-Za-z0-9._-]+/g, '-')}.csv`;
}

function fillsCsvInWorker(job: FillsExportJob): Promise<{ content: string; rows: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl('fills-export-worker'), { workerData: job });
    let answered = false;
    worker.once('message', (m: FillsExportMessage) => {
      answered = true;
      if (m.type === 'done') resolve({ content: m.content, rows: m.rows });
      else reject(new KeelError(m.unknownAccount ? 'not_found' : 'internal', m.unknownAccount ? m.error : `the fills could not be exported: ${m.error}`));
    });
    worker.once('error', (err) => {
      answered = true;
      reject(new KeelError('internal', `the fills could not be exported: ${err.message}`));
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new KeelError('internal', `the fills could not be exported: the export's thread ended (code ${code}) without an answer`));
    });
  });
}
