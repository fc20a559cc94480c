// `keel journal verify|backup|export`: looking after the journal from outside the app. All three
// only read the journal, so they are safe while Keel runs (WAL lets readers and the writer overlap).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir, journalPath } from '../../app/data-dir.ts';
import { NotAJournalError, openJournal, type Journal } from '../../journal/open-journal.ts';
import { hasAuditLog, verifyAuditChain, type ChainReport } from '../../journal/verify-chain.ts';
import { backupJournal, BackupError, BackupTargetError, type BackupProgress } from '../../journal/backup.ts';
import { exportCsv, EXPORT_KINDS, ExportError, type ExportKind } from '../../journal/csv-export.ts';
import { parseExportRange, rangeWords, type ExportRange } from '../../journal/export-range.ts';
import { JournalVersionError } from '../../journal/migrate.ts';
import { helpPointer, subcommandError, refuseRepeated, usageError } from '../args.ts';
import { processIo, type CliIo } from '../io.ts';
import { checkCsvOut, checkOutputFiles, journalFiles, OutputFileError } from '../output-file.ts';
import { writeThroughPartial } from '../partial-file.ts';

const USAGE = {
  verify: 'keel journal verify [--data-dir DIR]',
  backup: 'keel journal backup FILE [--force] [--data-dir DIR]',
  export: `keel journal export --what ${EXPORT_KINDS.join('|')} --out FILE.csv [--account NAME] [--from DATE] [--to DATE] [--force] [--data-dir DIR]`,
} as const;

const HELP = [
  'keel journal: check, back up and export the journal.',
  '',
  `  ${USAGE.verify}`,
  '      re-check the audit log\'s hash chain; exits 1 and names the first broken row if it is not intact',
  `  ${USAGE.backup}`,
  '      copy the journal to FILE while Keel may be running, then check the copy',
  `  ${USAGE.export}`,
  '      write one table as CSV; DATE is a UTC day (2024-03-01, --to includes it), a date-time with a zone',
  '      (2024-03-01T12:00:00Z) or epoch ms; --account keeps orders or fills to one account (paper, binance:main)',
].join('\n');

const DATA_DIR = { 'data-dir': { type: 'string' } } as const;
const OPTIONS = {
  verify: { ...DATA_DIR },
  backup: { ...DATA_DIR, force: { type: 'boolean' } },
  export: { ...DATA_DIR, what: { type: 'string' }, out: { type: 'string' }, account: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' } },
} as const;

type Sub = keyof typeof USAGE;

export async function runJournal(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    io.out(HELP);
    return 0;
  }
  if (sub === undefined || !isSub(sub)) return subcommandError(io, 'keel journal', sub, Object.keys(USAGE));
  let args: ReturnType<typeof parse>;
  try {
    args = parse(sub, rest, io);
  } catch (err) {
    return usageError(io, err, USAGE[sub], OPTIONS[sub]);
  }
  try {
    if (sub === 'verify') return verify(args.journal, io);
    if (sub === 'backup') return await backup(args.journal, args.file!, args.force, io);
    return exportTable(args.journal, args.what!, args.range!, args.account, args.file!, args.force, io);
  } catch (err) {
    // Expected failures carry a message for the user; anything else is a bug, so keep its stack.
    const known = err instanceof BackupError || err instanceof ExportError || err instanceof OutputFileError || err instanceof NotAJournalError || err instanceof JournalVersionError || isNoJournal(err);
    const usage = err instanceof OutputFileError || err instanceof BackupTargetError;
    io.err(`keel journal ${sub}: ${known ? (err as Error).message : err instanceof Error ? (err.stack ?? err.message) : String(err)}${usage ? `\n${helpPointer(`keel journal ${sub}`)}` : ''}`);
    // A bad --out or backup FILE is the command line's to change (another name, --force), as a bad flag value
    // is: exit 2, as output-file.ts's refusals in keel export and keel backtest. An --account the journal has
    // no account of is what the journal holds, exit 1, as keel export's "no such series" (README "Exit codes").
    return usage ? 2 : 1;
  }
}

function verify(journalFile: string, io: CliIo): number {
  const report = withJournal(journalFile, (j) => (hasAuditLog(j.db) ? verifyAuditChain(j.db) : undefined));
  if (report === undefined) {
    io.out(`this journal has no audit log yet: nothing to verify\njournal: ${journalFile}`);
    return 0;
  }
  if (!report.ok) {
    io.err(`keel journal verify: audit chain BROKEN at seq ${report.seq}: ${report.message}`);
    io.err(`(${report.rows} rows before it are intact; journal: ${journalFile})`);
    return 1;
  }
  io.out(`audit chain OK: ${describeChain(report)}`);
  io.out(`journal: ${journalFile}`);
  return 0;
}

async function backup(journalFile: string, file: string, force: boolean, io: CliIo): Promise<number> {
  const progress = terminalProgress(io);
  let result;
  try {
    result = await backupJournal(journalFile, file, { force, onProgress: progress?.update });
  } finally {
    progress?.done();
  }
  const size = `${(result.bytes / 1024 / 1024).toFixed(1)} MB, schema version ${result.schemaVersion}`;
  if (result.chain !== undefined && !result.chain.ok) {
    // The copy is faithful, so it is kept: it is evidence of what the journal held.
    io.err(`keel journal backup: backed up to ${result.file} (${size}), but its audit chain is BROKEN at seq ${result.chain.seq}: ${result.chain.message}`);
    return 1;
  }
  io.out(`backed up ${journalFile} to ${result.file} (${size})`);
  io.out(result.chain === undefined ? 'the backup opens; this journal has no audit log yet' : `the backup opens; audit chain OK: ${describeChain(result.chain)}`);
  return 0;
}

function exportTable(journalFile: string, what: ExportKind, range: ExportRange, account: string | undefined, file: string, force: boolean, io: CliIo): number {
  checkOutputFiles([{ flag: '--out', file, example: `${what}.csv` }], journalFiles(journalFile));
  checkCsvOut(file, force);
  // A wrong --account is refused (naming the journal's accounts) before a row is written; the partial file goes.
  const rows = writeThroughPartial(file, (append) => withJournal(journalFile, (j) => exportCsv(j.db, what, range, append, { account })));
  const of = account === undefined ? '' : ` of ${account}`;
  // None: said why, so an empty file (its header alone) does not read as a failed export.
  const none = rows > 0 ? '' : range.from === undefined && range.toExclusive === undefined ? ` (the journal holds none${of} yet: the header only)` : ` (none${of} ${rangeWords(range)}: the header only)`;
  io.out(`exported ${rows} row${rows === 1 ? '' : 's'} of ${what === 'audit' ? 'the audit log' : what}${of} to ${file}${none}`);
  return 0;
}

function parse(sub: Sub, argv: string[], io: CliIo) {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS[sub], strict: true, allowPositionals: true });
  refuseRepeated(argv, OPTIONS[sub]);
  const v = values as { 'data-dir'?: string; force?: boolean; what?: string; out?: string; account?: string; from?: string; to?: string };
  const journal = journalPath(resolve(io.cwd, v['data-dir'] ?? io.env.KEEL_DATA_DIR ?? defaultDataDir()));
  const force = v.force === true;
  if (sub === 'verify') {
    if (positionals.length > 0) throw new Error(`keel journal verify takes no arguments, got: ${positionals.join(' ')}`);
    return { journal, force };
  }
  if (sub === 'backup') {
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'keel journal backup: where to? give one FILE' : `keel journal backup: give one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
    return { journal, force, file: resolve(io.cwd, positionals[0]!) };
  }
  if (positionals.length > 0) throw new Error(`keel journal export takes no positional arguments, got: ${positionals.join(' ')}`);
  if (v.what === undefined || !(EXPORT_KINDS as readonly string[]).includes(v.what)) throw new Error(`keel journal export: --what must be one of ${EXPORT_KINDS.join(', ')}`);
  if (v.out === undefined) throw new Error('keel journal export: --out FILE.csv is required');
  if (v.account !== undefined && v.what === 'audit') throw new Error('keel journal export: --account keeps orders or fills to one account; the audit log is one log for every account');
  return { journal, force, what: v.what as ExportKind, file: resolve(io.cwd, v.out), account: v.account, range: parseExportRange(v.from, v.to) };
}

/** Opens the journal read-only (these commands never write it) and closes it whatever happens. */
function withJournal<T>(file: string, fn: (journal: Journal) => T): T {
  const journal = openJournal(file, { readonly: true });
  try {
    return fn(journal);
  } finally {
    journal.close();
  }
}

function describeChain(report: Extract<ChainReport, { ok: true }>): string {
  return report.head === undefined ? '0 rows (the log is empty)' : `${report.rows} rows, head seq ${report.head.seq} hash ${report.head.hash}`;
}

/** A live "backing up: 42%" line, only when stderr is a terminal of this process (not in tests or pipes). */
function terminalProgress(io: CliIo): { update: (p: BackupProgress) => void; done: () => void } | undefined {
  if (io !== processIo || !process.stderr.isTTY) return undefined;
  let total: number | undefined;
  const show = (copied: number, pages: number) => {
    const percent = pages === 0 ? 100 : Math.floor((copied / pages) * 100);
    process.stderr.write(`\rbacking up the journal: ${percent}% (${copied}/${pages} pages)`);
  };
  return {
    update: ({ totalPages, remainingPages }) => {
      total = totalPages;
      show(totalPages - remainingPages, totalPages);
    },
    // SQLite reports no progress after the last step, so the line is finished here.
    done: () => {
      if (total === undefined) return;
      show(total, total);
      process.stderr.write('\n');
    },
  };
}

function isSub(name: string): name is Sub {
  return Object.hasOwn(USAGE, name);
}

function isNoJournal(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('no journal at ');
}
