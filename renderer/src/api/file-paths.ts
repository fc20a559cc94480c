// The path on disk of a file picked in the page, where the shell can tell it: Electron's preload can
// (window.keelFiles), a browser cannot (a page never learns where a picked file lives), so there the
// import dialog has no Browse… and takes a typed path.
import type { FilePaths } from '../../../shared/contract/file-paths.ts';

export function filePaths(): FilePaths | null {
  return window.keelFiles ?? null;
}
