// What an import asks for, read as the trader meant it: the file's path and the series it goes into. The
// inputs given are checked before the file is opened. The app's path must be absolute (the engine has no working directory of the trader's), with `~`
// read as the home directory, as a terminal would. Symbol and exchange are read as `keel import` reads
// them (btc/usdt is BTC/USDT, Local is local); a symbol not given comes from the file name, and a
// timeframe not given is chosen once the candles are read (choose-timeframe.ts).
import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import { parseExchange, parseSymbol } from '../../../shared/domain/symbol.ts';
import { symbolFromFileName } from '../../../shared/domain/symbol-from-file-name.ts';
import { parseTimeframe, type Timeframe } from '../../../shared/domain/timeframe.ts';
import { ImportInputError, type ImportField } from './import-input-error.ts';

export interface ImportRequest {
  path: string;
  symbol?: string | undefined;
  timeframe?: string | undefined;
  exchange?: string | undefined;
}

/** How the trader names an input where they give it: `--symbol` in a terminal, "the symbol" in the app. */
export interface InputNames {
  symbol: string;
  timeframe: string;
}

export const APP_NAMES: InputNames = { symbol: 'the symbol', timeframe: 'the timeframe' };

/** The exchange label of a series imported from a file, as `keel import` has always stored it. */
export const DEFAULT_EXCHANGE = 'local';

export type SymbolFrom = 'given' | 'file name';

export interface AskedImport {
  /** Absolute and normalized. */
  path: string;
  exchange: string;
  /** Null: read from the file name (symbolFor). */
  symbol: string | null;
  /** Null: chosen from the file once read (choose-timeframe.ts). */
  timeframe: Timeframe | null;
}

/**
 * The request read as the trader meant it: every input given checked as `keel import` checks its flags.
 * Throws an ImportInputError naming the input to fix and what it may be; `storedSymbols` (asked only for a
 * symbol refused) lets it name the stored symbol meant (BTCUSDT → did you mean BTC/USDT?).
 */
export function readRequest(request: ImportRequest, home: string = homedir(), storedSymbols: () => readonly string[] = () => []): AskedImport {
  const path = absolutePath(request.path, home);
  const exchange = parsed('exchange', given(request.exchange) ?? DEFAULT_EXCHANGE, parseExchange);
  const timeframeText = given(request.timeframe);
  const symbolText = given(request.symbol);
  return {
    path,
    exchange,
    symbol: symbolText === null ? null : parsed('symbol', symbolText, (text) => parseSymbol(text, storedSymbols)),
    timeframe: timeframeText === null ? null : parsed('timeframe', timeframeText, parseTimeframe),
  };
}

/** The symbol given, else the one the file name holds; asked for by name when it holds none. */
export function symbolFor(asked: AskedImport, names: InputNames = APP_NAMES): { symbol: string; symbolFrom: SymbolFrom } {
  if (asked.symbol !== null) return { symbol: asked.symbol, symbolFrom: 'given' };
  const named = symbolFromFileName(asked.path);
  if (named === null) throw new ImportInputError('symbol', `${asked.path}: the file name holds no market (such as BTCUSDT or btc_usdt); give ${names.symbol}, e.g. BTC/USDT`);
  return { symbol: named, symbolFrom: 'file name' };
}

/** A blank input is one not given: the app's empty boxes mean "read it from the file". */
function given(text: string | undefined): string | null {
  const t = text?.trim() ?? '';
  return t === '' ? null : t;
}

function parsed<T>(field: ImportField, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (err) {
    throw new ImportInputError(field, err instanceof Error ? err.message : String(err));
  }
}

function absolutePath(text: string, home: string): string {
  const typed = text.trim();
  if (typed === '') throw new ImportInputError('path', 'give the path of a candle or trades file');
  const path = /^~([\\/]|$)/.test(typed) ? join(home, typed.slice(1)) : typed;
  if (!isAbsolute(path)) {
    throw new ImportInputError('path', `"${typed}" is not an absolute path: give the file's whole path, such as ${join(home, 'data', 'BTCUSDT-1h.csv')}`);
  }
  return normalize(path);
}
