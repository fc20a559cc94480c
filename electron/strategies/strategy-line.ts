// Where in the trader's own file an error happened: the first frame of its stack in that file, as
// " (at my-strategy.ts:12:5)" to put after the error's message, or "" when no frame is in the file. Only
// frames count: the message's own line may name the file too.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

export function atLineOf(err: Error, file: string): string {
  const href = pathToFileURL(file).href;
  const frame = (err.stack ?? '').split('\n').find((l) => /^\s+at /.test(l) && (l.includes(file) || l.includes(href)));
  if (frame === undefined) return '';
  const pos = /:(\d+:\d+)\)?\s*$/.exec(frame)?.[1];
  return ` (at ${basename(file)}${pos === undefined ? '' : `:${pos}`})`;
}
