// Tells a file that is not text at all (a spreadsheet, a database, a zip, a picture) from a text file
// with a bad line, from its first bytes, so the user reads "is a SQLite database" and what to give
// instead, not a header error quoting garbage.

/** Formats people pick by mistake, by the bytes they start with. */
const SIGNATURES: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (an .xlsx or .ods spreadsheet is one): save the sheet as CSV, or unzip the archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) workbook: save the sheet as CSV' },
  { bytes: [...'SQLite format 3'].map((c) => c.charCodeAt(0)), what: 'a SQLite database: export the candles as CSV' },
  { bytes: [...'PAR1'].map((c) => c.charCodeAt(0)), what: 'a Parquet file: write the candles as CSV (pandas: df.to_csv)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed: decompress it first (zstd -d), or gzip it instead' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed: decompress it first (bunzip2), or gzip it instead' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed: decompress it first (unxz), or gzip it instead' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
];

/** How many of the first bytes are looked at. */
const SAMPLE = 4096;

/**
 * Why the text starting with `head` cannot be candles, or null when it looks like text. Text has no NUL
 * bytes and almost no control characters; UTF-16 text (two bytes a character, every other one NUL for
 * ASCII) is told apart, since a spreadsheet program may save CSV that way.
 */
export function notTextReason(head: Uint8Array): string | null {
  for (const s of SIGNATURES) if (s.bytes.every((b, i) => head[i] === b)) return `is not a text file: it is ${s.what}`;
  const n = Math.min(head.length, SAMPLE);
  if (n === 0) return null;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return UTF16;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) nul++;
    // Tab, line feed, form feed and carriage return are text; the rest below space (and DEL) are not.
    else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) control++;
  }
  // ASCII as UTF-16 without a byte-order mark: every other byte NUL.
  if (nul > n / 3 && nul < (n * 2) / 3 + 1) {
    let odd = 0;
    for (let i = 1; i < n; i += 2) if (head[i] === 0) odd++;
    let even = 0;
    for (let i = 0; i < n; i += 2) if (head[i] === 0) even++;
    if (odd > n / 2 - 4 || even > n / 2 - 4) return UTF16;
  }
  if (nul > 0 || control > n / 100) return `is not a text file: its first bytes are binary${nul > 0 ? ` (${nul} NUL byte${nul === 1 ? '' : 's'} in the first ${n})` : ''}; Keel reads candles or trades as CSV or JSON text, plain or gzipped`;
  return null;
}

const UTF16 = 'is UTF-16 text: save it as UTF-8 CSV (in Excel, "CSV UTF-8"), which Keel reads';
