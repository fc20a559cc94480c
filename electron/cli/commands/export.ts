// `keel export --symbol BTC/USDT --timeframe 1h --out FILE.csv`: one stored candle series as CSV that
// `keel import` reads back. When the timeframe asked for is not stored but a shorter one that nests in it
// is (1m for 1h), the candles are resampled from it, and a last candle whose period the data does not
// cover yet is left out rather than written as if it were final. Reads the journal only.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seriesLabel, type SeriesKey } from '../../../shared/domain/candle.ts';
import type { SeriesInfo } from '../../../shared/contract/schemas.ts';
import { parseExchange, parseSymbol } from '../../../shared/domain/symbol.ts';
import { didYouMeanSymbol } from '../../../shared/domain/symbol-guess.ts';
import { parseTimeframe, timeframeMs, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { defaultDataDir, journalPath } from '../../app/data-dir.ts';
import { CandleStore } from '../../journal/candle-store.ts';
import type { CandleColumns } from '../../journal/candle-columns.ts';
import { parseExportRange, rangeWords, type ExportRange } from '../../journal/export-range.ts';
import { openJournal } from '../../journal/open-journal.ts';
import { bucketStart, nests } from '../../market/candles/bucket.ts';
import { shorterStoredText } from '../../../shared/domain/timeframe-nesting.ts';
import { mostDecimals, writeCandleCsv, type CandleCsvOptions } from '../../market/candles/candle-csv.ts';
import { resample, wholeCandles } from '../../market/candles/resample.ts';
import { helpPointer, refuseRepeated, usageError } from '../args.ts';
import { checkCsvOut, checkOutputFiles, journalFiles, OutputFileError } from '../output-file.ts';
import { writeThroughPartial } from '../partial-file.ts';
import { storedSymbols } from '../stored-symbols.ts';
import type { CliIo } from '../io.ts';
import { isoTime } from '../../../shared/domain/iso-time.ts';

const USAGE = 'keel export --symbol BTC/USDT --timeframe 1m --out FILE.csv [--exchange NAME] [--from DATE] [--to DATE] [--force] [--data-dir DIR]';

const OPTIONS = {
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  exchange: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

interface ExportRequest {
  symbol: string;
  timeframe: Timeframe;
  exchange: string | undefined;
  range: ExportRange;
  file: string;
  force: boolean;
  journal: string;
}

class ExportRefused extends Error {}

/** An --out to change on the command line (another name, --force): exit 2, as output-file.ts's refusals. */

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  let request: ExportRequest;
  try {
    request = parseRequest(argv, io);
  } catch (err) {
    return usageError(io, err, USAGE, OPTIONS);
  }
  try {
    return exportSeries(request, io);
  } catch (err) {
    // A bad --out is the command line's to change, as a bad flag value is (2, with where every option is
    // told, as every exit-2 refusal ends); the rest is the journal's (1).
    const usage = err instanceof OutputFileError;
    io.err(`keel export: ${err instanceof Error ? err.message : String(err)}${usage ? `\n${helpPointer('keel export')}` : ''}`);
    return usage ? 2 : 1;
  }
}

/** --out before anything is read: a file this command can write, a CSV name, not one that exists unless --force. */
function checkOut(r: ExportRequest): void {
  checkOutputFiles([{ flag: '--out', file: r.file, example: 'candles.csv' }], journalFiles(r.journal));
  checkCsvOut(r.file, r.force);
}

function exportSeries(r: ExportRequest, io: CliIo): number {
  checkOut(r);
  const journal = openJournal(r.journal, { readonly: true });
  let cols: CandleColumns;
  const csv: CandleCsvOptions = {};
  let note = '';
  let key: SeriesKey;
  try {
    const store = new CandleStore(journal.db);
    const { series, from } = chooseSeries(store.listSeries(), r);
    key = { exchange: series.exchange, symbol: series.symbol, timeframe: series.timeframe };
    const toInclusive = r.range.toExclusive === undefined ? undefined : r.range.toExclusive - 1;
    if (from === r.timeframe) {
      cols = store.readColumns(key, { from: r.range.from, to: toInclusive });
    } else {
      // Start on a whole candle of the target timeframe, so the first one is not cut short.
      const start = r.range.from === undefined ? undefined : bucketStart(r.range.from, r.timeframe);
      const src = store.readColumns({ ...key, timeframe: from }, { from: start, to: toInclusive });
      const rolled = resample(src, from, r.timeframe);
      // Only whole candles: the last one's close is not final, the first one's open is not the candle's.
      cols = wholeCandles(rolled);
      // Summed volumes to the decimals the stored ones have: the exchange's figure, not float noise.
      csv.volumeDecimals = mostDecimals(src.v);
      const left: string[] = [];
      if (rolled.partialFirst && rolled.length > 1) left.push(`the first candle left out, as the stored ${from} candles start inside it (at ${new Date(src.t[0]!).toISOString()})`);
      if (rolled.partialLast) left.push('the last, unfinished candle left out');
      note = ` (resampled from ${from}${left.map((x) => `; ${x}`).join('')})`;
      key = { ...key, timeframe: r.timeframe };
    }
    // An empty range writes nothing: a file of a header alone would pass for an export that worked.
    if (cols.length === 0) {
      const whole = from === r.timeframe ? '' : `whole ${r.timeframe} `;
      throw new ExportRefused(`no ${whole}candles of ${seriesLabel(key)} ${rangeWords(r.range)}; the stored ${from} candles run from ${isoTime(series.firstTs)} to ${isoTime(series.lastTs)}; nothing was written`);
    }
  } finally {
    journal.close();
  }
  const count = writeThroughPartial(r.file, (append) => writeCandleCsv(cols, append, csv));
  const span = count === 0 ? '' : ` from ${new Date(cols.t[0]!).toISOString()} to ${new Date(cols.t[count - 1]!).toISOString()}`;
  io.out(`exported ${count} candles of ${seriesLabel(key)}${span}${note} to ${r.file}`);
  return 0;
}

/**
 * The stored series to read: the exact one asked for, else one of a shorter timeframe that nests in it
 * (the longest such). Without --exchange, the only exchange that has the symbol; several is a question.
 */
function chooseSeries(stored: SeriesInfo[], r: ExportRequest): { series: SeriesInfo; from: Timeframe } {
  const ofSymbol = stored.filter((s) => s.symbol === r.symbol && (r.exchange === undefined || s.exchange === r.exchange));
  const usable = ofSymbol.filter((s) => nests(s.timeframe, r.timeframe));
  if (usable.length === 0) {
    const have = stored.map((s) => seriesLabel(s)).join(', ') || 'none';
    const what = `${r.exchange ?? '(any exchange)'}:${r.symbol}:${r.timeframe}`;
    throw new ExportRefused(`no stored candles for ${what}${didYouMeanSymbol(r.symbol, stored.map((s) => s.symbol))}${shorterStoredText(stored, r) || ' nor a shorter timeframe to resample from'}; stored series: ${have}`);
  }
  const exchanges = [...new Set(usable.map((s) => s.exchange))];
  if (exchanges.length > 1) throw new ExportRefused(`${r.symbol} is stored for several exchanges (${exchanges.join(', ')}); pick one with --exchange`);
  const best = usable.reduce((a, b) => (timeframeMs(b.timeframe) > timeframeMs(a.timeframe) ? b : a));
  return { series: best, from: best.timeframe };
}

function parseRequest(argv: string[], io: CliIo): ExportRequest {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  refuseRepeated(argv, OPTIONS);
  if (positionals.length > 0) throw new Error(`keel export takes no positional arguments, got: ${positionals.join(' ')}`);
  if (values.symbol === undefined) throw new Error('keel export: --symbol is required, e.g. --symbol BTC/USDT');
  if (values.timeframe === undefined) throw new Error('keel export: --timeframe is required, e.g. --timeframe 1m');
  if (values.out === undefined) throw new Error('keel export: --out FILE.csv is required');
  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.KEEL_DATA_DIR ?? defaultDataDir());
  return {
    symbol: parseSymbol(values.symbol, () => storedSymbols(journalPath(dataDir))),
    timeframe: parseTimeframe(values.timeframe),
    exchange: values.exchange === undefined ? undefined : parseExchange(values.exchange),
    range: parseExportRange(values.from, values.to),
    file: resolve(io.cwd, values.out),
    force: values.force === true,
    journal: journalPath(dataDir),
  };
}
