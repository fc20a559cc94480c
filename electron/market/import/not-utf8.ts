// Text that is not UTF-8: a spreadsheet's plain "CSV" in Latin-1 or Windows-1252 ('Währung', '€'). Read
// as UTF-8 regardless, such a byte became U+FFFD: a header quoting "W�hrung", or a cell silently read
// wrong. The reader stops at the first such byte instead; these find it and say what it is.

/**
 * Where in `bytes` the first sequence that is no UTF-8 starts, or -1 (an incomplete sequence at the end
 * counts as none: the next chunk may complete it). WHATWG's rules, as TextDecoder's: no overlong forms,
 * no surrogates, nothing above U+10FFFF.
 */
export function firstNonUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) more = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      more = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      more = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= more; k++) {
      if (i + k >= n) return -1;
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}

/** How many of the last bytes of `bytes` (0 to 3) begin a sequence that the next bytes may complete. */
export function openTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = bytes[n - k]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k ? k : 0;
  }
  return 0;
}

const WINDOWS_1252 = new TextDecoder('windows-1252');

/** Why the file is refused at the byte `b`: what it is, what it likely meant, what to do. */
export function notUtf8Reason(b: number): string {
  const meant = WINDOWS_1252.decode(Uint8Array.of(b));
  // 0x81, 0x8D, 0x8F, 0x90 and 0x9D are no character in Windows-1252: the byte alone is named.
  const as = /\p{C}/u.test(meant) ? '' : ` ("${meant}" in Windows-1252)`;
  return `is not UTF-8 text: byte 0x${b.toString(16).toUpperCase().padStart(2, '0')}${as} is no UTF-8; save it as UTF-8 (in Excel, "CSV UTF-8"; in an editor, the UTF-8 encoding), which Keel reads`;
}

/** Line ends (LF, CRLF or a lone CR, as the CSV reader counts them) in bytes[0, end); `cr`: the byte before was a CR. */
export function lineEnds(bytes: Uint8Array, end: number, cr: boolean): { ends: number; cr: boolean } {
  let ends = 0;
  let lastCr = cr;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      if (!lastCr) ends++;
      lastCr = false;
    } else if (b === 0x0d) {
      ends++;
      lastCr = true;
    } else lastCr = false;
  }
  return { ends, cr: lastCr };
}
