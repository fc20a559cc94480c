// In Electron the preload exposes exactly the Api as `window.keel`, and the paths of picked files as
// `window.keelFiles`; in a browser both are absent. Only get-api.ts reads `keel`, only file-paths.ts
// `keelFiles`; everything else gets the Api from api-context.tsx.
import type { Api } from '../../../shared/contract/index.ts';
import type { FilePaths } from '../../../shared/contract/file-paths.ts';

declare global {
  interface Window {
    keel?: Api;
    keelFiles?: FilePaths;
  }
}

export {};
