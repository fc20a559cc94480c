// The one error a candle file produces: which file, where in it, and why, so the user can open the
// file at that line and fix it. The message reads `data.csv line 17: high 100.5 is below the close 101: a bar's high is its highest price`.

export class CandleFileError extends Error {
  readonly file: string;
  /**
   * Where the problem is: the 1-based line in a CSV file, the 1-based item of a JSON array, or null
   * when it concerns the whole file (missing, empty, not JSON).
   */
  readonly line: number | null;
  readonly reason: string;
  /** How the message names the place (`line 17`, `item 2 (index 1)`), or null for the whole file. */
  readonly where: string | null;

  constructor(file: string, line: number | null, reason: string, where: string | null = line === null ? null : `line ${line}`) {
    super(where === null ? `${file}: ${reason}` : `${file} ${where}: ${reason}`);
    this.name = 'CandleFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.where = where;
  }
}
