// Where in a strategy file its syntax error is. Node's import of a .mjs with a syntax error throws a
// SyntaxError whose stack names Node's loader, not the file ("Unexpected token '}'" and nothing more); the
// trader needs the line. `node --check FILE` parses it again and prints "FILE:LINE", the line and a caret.
// Only asked when an import failed that way, so a good file never pays for the extra process.
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

/** "bad.mjs:4:31" for the syntax error in `file`, or null when the check finds none (or cannot run). */
export function syntaxErrorPlace(file: string): string | null {
  // Inside Electron, process.execPath is the app: ELECTRON_RUN_AS_NODE makes it the Node it carries.
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (r.status !== 1 || typeof r.stderr !== 'string') return null;
  const lines = r.stderr.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${file}:`) && /:\d+$/.test(l));
  if (at < 0) return null;
  const line = lines[at]!.slice(file.length + 1);
  const caret = lines[at + 2]?.indexOf('^') ?? -1;
  return `${basename(file)}:${line}${caret >= 0 ? `:${caret + 1}` : ''}`;
}
