// A mistake in what the trader asked to import, found before the file's lines are read: the path (not
// absolute, no such file, a directory) or a symbol, timeframe or exchange that is not valid or cannot be
// read from the file. `field` says which input to fix: `keel import` answers a flag's mistake with its
// usage, the app points at the field. A line the reader cannot read is a CandleFileError instead.
// `inFile`: found only in the file's candles (a timeframe shorter than they are, none they can tell), which
// `keel import` exits 1 for, as for any problem with the data, where a flag wrong on its face exits 2.

export type ImportField = 'path' | 'symbol' | 'timeframe' | 'exchange';

export class ImportInputError extends Error {
  readonly field: ImportField;
  /** No file at the path: the app answers not_found rather than invalid_request. */
  readonly missing: boolean;
  /** Found in the file's candles rather than in the request alone. */
  readonly inFile: boolean;

  constructor(field: ImportField, message: string, missing = false, inFile = false) {
    super(message);
    this.name = 'ImportInputError';
    this.field = field;
    this.missing = missing;
    this.inFile = inFile;
  }
}
