// The Fills tab's export (journal.exportFills) in a worker thread, on a read-only connection of its own as
// `keel journal export` reads the journal beside a running Keel: tens of thousands of fills take seconds to
// read and write as CSV, which the engine's thread (orders, fills, the kill switch) should not wait on.
import { parentPort, workerData } from 'node:worker_threads';
import { exportCsv, UnknownAccountError } from './csv-export.ts';
import { openJournal } from './open-journal.ts';

export interface FillsExportJob {
  journalFile: string;
  account: string;
}

/** `unknownAccount`: the journal has no account of that name (the message names the ones it has). */
export type FillsExportMessage = { type: 'done'; content: string; rows: number } | { type: 'failed'; error: string; unknownAccount: boolean };

const job = workerData as FillsExportJob;
const post = (m: FillsExportMessage) => parentPort!.postMessage(m);

try {
  const journal = openJournal(job.journalFile, { readonly: true });
  try {
    const chunks: string[] = [];
    const rows = exportCsv(journal.db, 'fills', {}, (chunk) => chunks.push(chunk), { account: job.account });
    post({ type: 'done', content: chunks.join(''), rows });
  } finally {
    journal.close();
  }
} catch (err) {
  post({ type: 'failed', error: err instanceof Error ? err.message : String(err), unknownAccount: err instanceof UnknownAccountError });
}
