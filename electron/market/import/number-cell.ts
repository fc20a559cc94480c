// Why a price or volume cell is not read, for CSV and JSON alike: the cell as written, what it looks like
// it was meant as (a decimal comma, hexadecimal …), and, when that does not already say it, what Keel reads.

const VALID = 'prices and volumes are plain decimal numbers, such as 23140.48, 0.00012 or 1.2e-5';

/** `open "0x64" is not a number (0x64 is hexadecimal); prices and volumes are …`: `shown` is the cell as the message quotes it. */
export function notNumberReason(name: string, shown: string, text: string): string {
  const hint = decimalCommaHint(text);
  return `${name} ${shown} is not a number${hint === '' ? `${otherBaseHint(text)}; ${VALID}` : hint}`;
}

/** Number() reads these as numbers (0x64 is 100): the message says why such a cell is refused. */
function otherBaseHint(text: string): string {
  const t = text.trim();
  const base = /^[+-]?0([xXbBoO])/.exec(t)?.[1]?.toLowerCase();
  if (base === undefined) return '';
  return ` (${t} is ${base === 'x' ? 'hexadecimal' : base === 'b' ? 'binary' : 'octal'})`;
}

/**
 * A spreadsheet saved in a locale that writes 23140,48 (and separates fields with ;) gives numbers Keel
 * does not read: the message says so and what to do, rather than leaving "is not a number" to puzzle over.
 */
function decimalCommaHint(text: string): string {
  const t = text.trim();
  if (/^-?\d+,\d+$/.test(t)) return ` (a decimal comma: Keel reads numbers with a decimal point, ${t.replace(',', '.')}; save the file with . as the decimal separator)`;
  // Numbers formatted for display (23,140.48, or 23.140,48 in a comma locale) keep their thousands separators.
  if (/^-?\d{1,3}(,\d{3})+\.\d+$/.test(t)) return ` (a thousands separator: Keel reads numbers written as ${t.replaceAll(',', '')}; save the numbers without separators between thousands)`;
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(t)) return ` (a decimal comma, with . between thousands: Keel reads numbers written as ${t.replaceAll('.', '').replace(',', '.')}; save the numbers with . as the decimal separator and none between thousands)`;
  return '';
}
