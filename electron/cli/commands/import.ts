// `keel import FILE [--symbol BTC/USDT] [--timeframe 1m]`: loads a candle or trades file into the journal,
// through the same importFile as the app's import, so the two cannot drift. A symbol or timeframe not given
// is read from the file (its name, its candles' spacing) and the output says from where. The file is read
// and checked before the journal is opened, so a bad file changes nothing (not even creating an empty
// journal).
import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { seriesLabel } from '../../../shared/domain/candle.ts';
import { defaultDataDir, journalPath } from '../../app/data-dir.ts';
import { CandleStore } from '../../journal/candle-store.ts';
import { openJournal } from '../../journal/open-journal.ts';
import { CandleFileError } from '../../market/import/candle-file-error.ts';
import { importFile, nextTurn, type FileImport, type WriteTo } from '../../market/import/import-file.ts';
import { runningKeel } from '../../app/data-dir-lock.ts';
import { ImportInputError } from '../../market/import/import-input-error.ts';
import { refuseRepeated, usageError } from '../args.ts';
import type { CliIo } from '../io.ts';
import { progressBar, type Progress } from '../progress-bar.ts';
import { storedSymbols } from '../stored-symbols.ts';
import { joinedLine } from '../../../shared/domain/import-joined.ts';

const USAGE = 'keel import FILE [--symbol BTC/USDT] [--timeframe 1m] [--exchange NAME] [--data-dir DIR]';
const NAMES = { symbol: '--symbol', timeframe: '--timeframe' };

/**
 * The gap between two steps of the write while a Keel runs on the same data directory, for its writes (its
 * orders journaled) to get in. It waits for the lock in SQLite's busy handler, which sleeps 1, 2, 5, ... 25,
 * 50, 100 ms between tries; with only a turn of the event loop between ~20 ms steps the lock was free ~6 ms
 * in ~25, and a waiter that kept missing those windows stood 130-730 ms, in about one import of a million
 * candles in three here. With 30 ms between steps the worst wait was 20-35 ms in ten of ten (10 ms: one in
 * ten still waited 180 ms). A million candles then take ~1.5 s longer; alone, the import takes no gap.
 * npm run bench: journal_write_beside_cli_import_worst_ms.
 */
export const STEP_GAP_MS = 30;
const stepGap = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, STEP_GAP_MS));

const OPTIONS = {
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  exchange: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

type Flags = { symbol?: string | undefined; timeframe?: string | undefined; exchange?: string | undefined };

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  let request: { file: string; flags: Flags; dataDir: string };
  try {
    request = parseRequest(argv, io);
  } catch (err) {
    return usageError(io, err, USAGE, OPTIONS);
  }
  const { file, flags, dataDir } = request;
  const journalFile = journalPath(dataDir);
  let writing = false;
  const writeTo: WriteTo = async (write) => {
    writing = true;
    const journal = openJournal(journalFile);
    try {
      const store = new CandleStore(journal.db);
      // An import stopped midway (Ctrl+C) leaves its half-written staging series behind, hidden; the app
      // drops such leftovers when it starts, and so does the next import, for a trader who only uses the
      // command line. A running import's (the app's, another keel import's) is kept: its process is alive.
      const dropped = store.dropUnfinishedImports();
      if (dropped > 0) io.err(`keel import: discarded ${dropped === 1 ? 'an unfinished import' : `${dropped} unfinished imports`} an earlier stop left in the journal`);
      return await write(store);
    } finally {
      journal.close();
    }
  };

  const bar = progressBar(process.stderr, `reading ${basename(file)}`);
  // Storing a few million candles takes seconds after the reading's bar ended: a bar of its own, as the app shows the stage.
  const stages: { storing: Progress | null } = { storing: null };
  const onProgress = (p: { stage: 'reading' | 'storing'; done: number; total: number }) => {
    if (p.stage === 'reading') return bar.update(p.done, p.total);
    if (stages.storing === null) {
      bar.end();
      stages.storing = progressBar(process.stderr, 'storing');
    }
    stages.storing.update(p.done, p.total);
  };
  let done: FileImport;
  try {
    // In steps, each its own short transaction, as the app imports: the app may be running on the same
    // journal, and one long write would hold its orders and its kill switch at the lock until it ended.
    // Beside a running Keel, with a gap it can write in (STEP_GAP_MS); alone, at full speed.
    const beside = runningKeel(dataDir);
    if (beside !== null) io.err(`keel import: ${beside} is running on ${dataDir}; writing in steps with room for its orders between them`);
    done = await importFile({ path: file, ...flags }, writeTo, { names: NAMES, storedSymbols: () => storedSymbols(journalFile), pause: beside === null ? nextTurn : stepGap, onProgress });
    stages.storing?.end();
  } catch (err) {
    bar.end();
    stages.storing?.end();
    // A flag wrong on its face, or missing where the file's name cannot stand in for it, is a usage mistake
    // (exit 2). What only the file's candles rule out (a --timeframe shorter than they are, none they can
    // tell) is the data's, exit 1, as keel backtest --data says of the same file: README "Exit codes".
    if (err instanceof ImportInputError && err.field !== 'path' && !err.inFile) return usageError(io, new Error(`keel import: ${err.message}`), USAGE, OPTIONS);
    if (err instanceof ImportInputError || err instanceof CandleFileError) io.err(`keel import: ${err.message}`);
    else if (writing) io.err(`keel import: cannot write ${journalFile}: ${err instanceof Error ? err.message : String(err)}`);
    else io.err(`keel import: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  io.out(`stored ${done.count.toLocaleString('en-US')} candles of ${seriesLabel(done.series)} from ${iso(done.first)} to ${iso(done.last)} (${done.format})`);
  const read = readFromFile(done);
  if (read) io.out(read);
  if (done.joined) io.out(joinedLine(done.joined, '--exchange NAME'));
  io.out(`journal: ${journalFile}`);
  return 0;
}

/** What was read from the file rather than given, and the flag that would set it; null when both were given. */
function readFromFile({ series, symbolFrom, timeframeFrom }: FileImport): string | null {
  const notes: string[] = [];
  if (symbolFrom === 'file name') notes.push(`symbol ${series.symbol} read from the file name (--symbol sets it)`);
  if (timeframeFrom === 'spacing') notes.push(`timeframe ${series.timeframe} read from the candles' spacing (--timeframe sets it)`);
  if (timeframeFrom === 'file name') notes.push(`timeframe ${series.timeframe} read from the file name (--timeframe sets it)`);
  if (timeframeFrom === 'trades') notes.push(`trades gathered into ${series.timeframe} candles, as no --timeframe was given`);
  return notes.length === 0 ? null : notes.join('; ');
}

/** The file and the flags the user gave; throws a message fit for the user on a mistake in the command line. */
function parseRequest(argv: string[], io: CliIo): { file: string; flags: Flags; dataDir: string } {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  refuseRepeated(argv, OPTIONS);
  if (positionals.length !== 1) {
    throw new Error(positionals.length === 0 ? 'keel import: which file? give one FILE' : `keel import: give one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.KEEL_DATA_DIR ?? defaultDataDir());
  return { file: resolve(io.cwd, positionals[0]!), flags: { symbol: values.symbol, timeframe: values.timeframe, exchange: values.exchange }, dataDir };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
