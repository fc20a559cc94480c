// `keel import FILE --symbol BTC/USDT --timeframe 1m`: loads a candle file into the journal.
// The file is read and checked before the journal is opened, so a bad file changes nothing
// (not even creating an empty journal).
import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { seriesLabel, type SeriesKey } from '../../../shared/domain/candle.ts';
import { parseExchange, parseSymbol } from '../../../shared/domain/symbol.ts';
import { parseTimeframe } from '../../../shared/domain/timeframe.ts';
import { defaultDataDir, journalPath } from '../../app/data-dir.ts';
import { CandleStore } from '../../journal/candle-store.ts';
import { openJournal } from '../../journal/open-journal.ts';
import { readCandleFile, type CandleFile } from '../../market/import/read-candle-file.ts';
import { storeCandleFile } from '../../market/import/import-candles.ts';
import { CandleFileError } from '../../market/import/candle-file-error.ts';
import { usageError } from '../args.ts';
import type { CliIo } from '../io.ts';
import { progressBar } from '../progress-bar.ts';

const USAGE = 'keel import FILE --symbol BTC/USDT --timeframe 1m [--exchange NAME] [--data-dir DIR]';
const DEFAULT_EXCHANGE = 'local';

const OPTIONS = {
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  exchange: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  let request: { file: string; key: SeriesKey; dataDir: string };
  try {
    request = parseRequest(argv, io);
  } catch (err) {
    return usageError(io, err, USAGE, OPTIONS);
  }
  const { file, key, dataDir } = request;

  let candleFile: CandleFile;
  const bar = progressBar(process.stderr, `reading ${basename(file)}`);
  try {
    candleFile = await readCandleFile(file, { timeframe: key.timeframe, onProgress: (done, total) => bar.update(done, total) });
  } catch (err) {
    bar.end();
    io.err(`keel import: ${err instanceof CandleFileError ? err.message : String(err)}`);
    return 1;
  }
  bar.end();

  const journalFile = journalPath(dataDir);
  try {
    const journal = openJournal(journalFile);
    try {
      const { count, first, last, format } = storeCandleFile(new CandleStore(journal.db), key, candleFile);
      io.out(`stored ${count} candles of ${seriesLabel(key)} from ${iso(first)} to ${iso(last)} (${format})`);
      io.out(`journal: ${journalFile}`);
    } finally {
      journal.close();
    }
  } catch (err) {
    io.err(`keel import: cannot write ${journalFile}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  return 0;
}

/** The file and series the user asked for; throws a message fit for the user on any mistake. */
function parseRequest(argv: string[], io: CliIo): { file: string; key: SeriesKey; dataDir: string } {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length !== 1) {
    throw new Error(positionals.length === 0 ? 'keel import: which file? give one FILE' : `keel import: give one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  if (values.symbol === undefined) throw new Error('keel import: --symbol is required, e.g. --symbol BTC/USDT');
  if (values.timeframe === undefined) throw new Error('keel import: --timeframe is required, e.g. --timeframe 1m');
  const key: SeriesKey = {
    exchange: parseExchange(values.exchange ?? DEFAULT_EXCHANGE),
    symbol: parseSymbol(values.symbol),
    timeframe: parseTimeframe(values.timeframe),
  };
  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.KEEL_DATA_DIR ?? defaultDataDir());
  return { file: resolve(io.cwd, positionals[0]!), key, dataDir };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
