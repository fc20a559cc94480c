// The timeframe of the series a file goes into, when the trader gave none. Trades become 1m candles
// (trades have no spacing to tell, and any longer timeframe resamples from 1m); candles are of their most
// common spacing, and when that names no timeframe (one candle, or an odd spacing), of the one the file
// name gives. The spacing comes before the name: the candles are what gets stored, and a name can be wrong.
import { timeframeFromFileName } from '../../../shared/domain/timeframe-from-file-name.ts';
import { TIMEFRAME_NAMES, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { commonSpacing, inferTimeframe } from './infer-timeframe.ts';
import { ImportInputError } from './import-input-error.ts';
import type { InputNames } from './import-request.ts';
import { duration } from './order-candles.ts';
import type { CandleFile } from './read-candle-file.ts';

export type TimeframeFrom = 'given' | 'trades' | 'spacing' | 'file name';

export interface ChosenTimeframe {
  timeframe: Timeframe;
  from: TimeframeFrom;
}

/** Throws an ImportInputError saying why the timeframe cannot be told and which ones there are. */
export function chooseTimeframe(read: CandleFile, path: string, given: Timeframe | null, names: InputNames): ChosenTimeframe {
  if (given !== null) return { timeframe: given, from: 'given' };
  if (read.fromTrades) return { timeframe: read.fromTrades.timeframe, from: 'trades' };
  const { t, length } = read.columns;
  const spaced = inferTimeframe(t.subarray(0, length));
  if (spaced !== null) return { timeframe: spaced, from: 'spacing' };
  const named = timeframeFromFileName(path);
  if (named !== null) return { timeframe: named, from: 'file name' };
  const why = length < 2 ? 'it holds one candle, so there is no spacing to tell it' : `its candles are most often ${duration(commonSpacing(t.subarray(0, length)))} apart, which is no timeframe`;
  throw new ImportInputError('timeframe', `${path}: cannot tell the timeframe (${why}, and the file name names none); give ${names.timeframe}: ${TIMEFRAME_NAMES.join(', ')}`, false, true);
}
