// Opens a data directory's paper account as a margin account, run as a child process before keel serve
// first starts on it (the e2e tests' page code does not load the journal). The app opens its paper account
// as spot the first time, and after that the journal's kind stands, so this is what a margin paper account
// takes. Exits 1, saying why, if the paper account was opened before as spot.
//
//   node tests/support/margin-paper-account.ts /tmp/keel-e2e-xyz
import { journalPath } from '../../electron/app/data-dir.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { DEFAULT_START_BALANCE } from '../../electron/trading/execution-engine.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: node tests/support/margin-paper-account.ts DATA_DIR\n');
  process.exit(2);
}
const journal = openJournal(journalPath(dataDir));
try {
  const account = new SqliteTradingJournal(journal.db).openAccount({ account: 'paper', quoteAsset: 'USDT', startBalance: DEFAULT_START_BALANCE, mode: 'margin', createdAt: Date.now() });
  if (account.mode !== 'margin') {
    process.stderr.write(`the paper account in ${dataDir} was opened before, as ${account.mode}\n`);
    process.exitCode = 1;
  }
} finally {
  journal.close();
}
