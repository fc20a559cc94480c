// electron-vite: builds the three parts of the desktop app into out/.
//   main      electron/main/index.ts    -> out/main/index.js     (ESM; package.json deps stay external)
//   preload   electron/preload/index.ts -> out/preload/index.cjs (CommonJS, one self-contained file)
//   renderer  renderer/index.html       -> out/renderer          (the same build as `npm run build:renderer`)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { WORKER_ENTRIES } from './electron/backtest/worker-url.ts';
import { rendererConfig } from './renderer/vite.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (...parts: string[]) => resolve(root, ...parts);

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // better-sqlite3 (native), ws and zod load from the packaged node_modules at run time
      // (externalizeDeps is on by default); everything under electron/ and shared/ is bundled.
      // The worker threads are entries of their own, and every file, shared chunks too, is written flat
      // beside index.js: the code that finds a worker (electron/backtest/worker-url.ts) looks beside the
      // file it was bundled into, which may be a shared chunk.
      rollupOptions: {
        input: { index: at('electron/main/index.ts'), ...Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, source]) => [name, at('electron', source)])) },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require('electron') and nothing else: bundle the contract (and zod) in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: at('electron/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // Base, plugins and build options from the renderer's own config, so both builds produce the same page.
    ...rendererConfig,
    // Set again here, not taken from rendererConfig: electron-vite bundles this file together with
    // renderer/vite.config.ts and gives every bundled file *this* file's import.meta.url, so the paths
    // that file derives from its own location come out one folder too high.
    root: at('renderer'),
    server: { ...rendererConfig.server, fs: { allow: [root] } },
    build: {
      ...rendererConfig.build,
      // electron-vite resolves a relative outDir against the project root, not the renderer root.
      outDir: at('out/renderer'),
      // electron-vite leaves the renderer unminified by default; ship the same bytes as browser mode.
      minify: 'esbuild',
      rollupOptions: { input: at('renderer/index.html') },
    },
  },
});
