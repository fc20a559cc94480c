import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** Keel's version from package.json (read once; the file sits two folders up in source and in the asar). */
export function appVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
