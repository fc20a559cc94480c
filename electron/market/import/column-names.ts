// Which header names mean which candle field. Exports name the same things many ways; the first
// name of a list that the header has wins, so `open_time` beats `date` and `close_time` is never
// taken for an open time. Quote-currency volumes (quote_volume, volume_usd, ...) are left out on
// purpose: a candle's volume is in the base asset. A volume named for its asset (Volume BTC) is taken
// when it is the only one not named for a quote currency.

export const TIME_NAMES = ['timestamp', 'open_time', 'open_time_ms', 'opentime', 'time_open', 'open_timestamp', 'datetime', 'date_time', 'time', 'date', 'ts', 'unix', 't'];
export const OPEN_NAMES = ['open', 'o', 'open_price', 'price_open'];
export const HIGH_NAMES = ['high', 'h', 'high_price', 'price_high'];
export const LOW_NAMES = ['low', 'l', 'low_price', 'price_low'];
export const CLOSE_NAMES = ['close', 'c', 'close_price', 'price_close'];
export const VOLUME_NAMES = ['volume', 'vol', 'v', 'volume_base', 'base_volume', 'base_asset_volume', 'volume_traded'];

/** Where each candle field is among the columns; volume is -1 when the file has none. */
export interface ColumnMap {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  /**
   * A column of clock times (00:00 or 00:00:00) joined to the date in column t, as MetaTrader and other
   * desktop platforms write "Date,Time,..." (date and time apart); -1 when column t holds the whole time.
   */
  clock: number;
  /**
   * A "date" column beside the chosen "time" one (-1 when there is none): the first row decides whether
   * the time column holds whole times or only the clock, to be joined to this date.
   */
  dateBeside: number;
}

/** A clock time without a date: 13:05 or 13:05:00. */
export const CLOCK_RE = /^\d{1,2}:\d{2}(?::\d{2})?$/;

/** Header cell to a comparable name: `"Open Time"` and `open-time` both become `open_time`. */
export function normalizeName(cell: string): string {
  return unquote(cell.trim())
    .trim()
    .toLowerCase()
    // MetaTrader writes its header names in angle brackets: <DATE>, <OPEN>, <TICKVOL>.
    .replace(/^<(.*)>$/, '$1')
    .replace(/[\s-]+/g, '_');
}

export function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s;
}

/** Finds the candle fields among normalized header names; returns the names it could not find instead. */
export function mapColumns(names: readonly string[]): { columns: ColumnMap } | { missing: string[] } {
  const find = (accepted: readonly string[]) => {
    for (const a of accepted) {
      const i = names.indexOf(a);
      if (i >= 0) return i;
    }
    return -1;
  };
  const t = find(TIME_NAMES);
  const date = names.indexOf('date');
  const columns: ColumnMap = { t, o: find(OPEN_NAMES), h: find(HIGH_NAMES), l: find(LOW_NAMES), c: find(CLOSE_NAMES), v: find(VOLUME_NAMES), clock: -1, dateBeside: names[t] === 'time' && date >= 0 ? date : -1 };
  if (columns.v < 0) columns.v = baseVolumeColumn(names);
  const missing = (
    [
      ['time', columns.t],
      ['open', columns.o],
      ['high', columns.h],
      ['low', columns.l],
      ['close', columns.c],
    ] as const
  )
    .filter(([, i]) => i < 0)
    .map(([field]) => field);
  return missing.length > 0 ? { missing } : { columns };
}

/** Quote assets a `volume_<asset>` column names: a volume counted in them is price × amount, not the amount. */
const QUOTE_ASSETS = new Set(['usd', 'usdt', 'usdc', 'busd', 'tusd', 'fdusd', 'dai', 'eur', 'gbp', 'try', 'brl', 'quote']);

/**
 * A volume named for its asset, as CryptoDataDownload writes them ("Volume BTC,Volume USDT"): the one
 * column whose asset is not a quote currency is the base's. -1 when there is none, or two (ETH/BTC's
 * "Volume ETH,Volume BTC" does not say which is the base).
 */
function baseVolumeColumn(names: readonly string[]): number {
  let found = -1;
  for (let i = 0; i < names.length; i++) {
    const m = /^volume_([a-z0-9]+)$/.exec(names[i]!);
    if (m === null || QUOTE_ASSETS.has(m[1]!)) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

/** The part of the "no time column" message that tells the user what names would work. */
export function acceptedNamesHelp(missing: readonly string[]): string {
  const lists: Record<string, readonly string[]> = { time: TIME_NAMES, open: OPEN_NAMES, high: HIGH_NAMES, low: LOW_NAMES, close: CLOSE_NAMES };
  return missing.map((field) => `${field}: ${lists[field]!.join(', ')}`).join('; ');
}

/** Names found, for an error message: a book snapshot has a hundred columns and a binary file one huge "name". */
export function listFound(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => (n.length > 40 ? `${n.slice(0, 40)}...` : n));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}
