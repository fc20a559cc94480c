// How Keel writes a moment in its notes, messages and files: ISO 8601 in UTC, without the milliseconds
// when they are zero (2020-03-16T06:40:00Z; 2020-03-16T06:40:00.250Z when they are not).

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
