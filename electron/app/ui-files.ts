// How Keel serves its built UI, the same in both shells: the desktop window's app:// protocol and
// `keel serve`'s HTTP server send the same Content-Security-Policy and map request paths to files the
// same way. Pure functions and constants; no electron import.
import path from 'node:path';

/**
 * Sent as a header with every page of the UI. It repeats the policy of renderer/index.html's meta tag
 * (both are enforced, so the stricter wins) and adds what a meta tag cannot carry: frame-ancestors.
 * No 'unsafe-eval' and no 'unsafe-inline' anywhere: React and the chart set styles through the CSSOM,
 * which style-src does not govern. The Vite dev server (development only) relaxes the meta tag itself.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Maps the raw path of a request (before any normalization, query and fragment removed) to a file under
 * `rootDir`, or null when it must not be served: `..` (plain or %2e%2e), encoded slashes or backslashes,
 * NUL, drive letters, empty segments (`//etc`) and dotfiles are refused outright instead of being quietly
 * resolved; then the resolved path must still be inside `rootDir`. `/` and paths ending in `/` mean index.html.
 */
export function resolveUiPath(rawPath: string, rootDir: string): string | null {
  let p = rawPath === '' ? '/' : rawPath;
  if (!p.startsWith('/')) return null;
  if (p.endsWith('/')) p += 'index.html';

  const segments: string[] = [];
  for (const raw of p.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment.startsWith('.')) return null;
    if (/[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }

  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}
