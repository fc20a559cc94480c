// Builds the renderer: `npm run build:renderer` writes out/renderer, which `keel serve` serves to a
// browser and the Electron window loads from disk. `rendererConfig` is exported so the Electron
// build (electron.vite.config.ts) reuses the same root, base and plugins instead of repeating them.
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

// import.meta.dirname (Node 20.11+, and injected by Vite's config loader) instead of node:path, which the
// renderer's lint rules forbid anywhere under renderer/.
const rendererRoot = import.meta.dirname;
const repoRoot = `${import.meta.dirname}/..`;

/**
 * The dev server injects inline scripts (React Refresh's preamble) and talks HMR over its own
 * WebSocket, both of which the strict CSP in index.html forbids. Relax it for `vite` dev only;
 * built files keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'keel-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/, (_m, head: string, policy: string) => {
        const relaxed = policy
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws: http:");
        return `${head}${relaxed}"`;
      });
    },
  };
}

export const rendererConfig = {
  root: rendererRoot,
  // Relative asset URLs: the same build loads from file:// in Electron and from http:// under `keel serve`.
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Electron 45 is Chromium 142; browsers that open `keel serve` are expected to be current.
    target: 'es2023',
    // lightweight-charts alone is ~180 kB minified; one chunk is fine for a local app.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // The renderer imports ../shared; the dev server must be allowed to read it.
    fs: { allow: [repoRoot] },
    // `vite` dev: forward the bridge to a running `keel serve` (KEEL_SERVE_URL=http://127.0.0.1:PORT).
    proxy: process.env.KEEL_SERVE_URL ? { '/bridge': { target: process.env.KEEL_SERVE_URL, ws: true } } : undefined,
  },
} satisfies UserConfig;

export default defineConfig(rendererConfig);
