// CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a double
// quote, CR or LF, and a quote inside a quoted field doubled. Null is an empty field.

export type CsvValue = string | number | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
