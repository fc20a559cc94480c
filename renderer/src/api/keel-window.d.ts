// In Electron the preload exposes exactly the Api as `window.keel`; in a browser it is absent.
// Only get-api.ts reads it; everything else gets the Api from api-context.tsx.
import type { Api } from '../../../shared/contract/index.ts';

declare global {
  interface Window {
    keel?: Api;
  }
}

export {};
