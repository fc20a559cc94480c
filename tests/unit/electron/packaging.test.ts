// Pins the packaging and build settings that matter for security and for the app starting at all.
// electron-builder.yml is parsed with js-yaml, the parser electron-builder itself uses.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import electronViteConfig from '../../../electron.vite.config.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(new URL(file, `file://${ROOT}`));

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  asar?: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; files?: unknown };
  mac: { target: string[]; files?: unknown };
  win: { target: string[]; files?: unknown };
}

const builder = yaml.load(read('electron-builder.yml').toString('utf8')) as BuilderConfig;
const pkg = JSON.parse(read('package.json').toString('utf8')) as { main: string; dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(builder.appId).toBe('app.keel.terminal');
    expect(builder.productName).toBe('Keel');
    expect(builder.directories.buildResources).toBe('resources');
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.mac.target).toEqual(['dmg']);
    expect(builder.win.target).toEqual(['nsis']);
  });

  it('flips the fuses that close the doors around the app code', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into an asar with native modules unpacked and no rebuild', () => {
    expect(builder.asar).not.toBe(false);
    expect(builder.asarUnpack).toContain('**/*.node');
    expect(builder.npmRebuild).toBe(false);
  });

  it('allowlists only the build output and package.json', () => {
    const included = builder.files.filter((p) => !p.startsWith('!'));
    expect(included).toContain('out/**/*');
    expect(included).toContain('package.json');
    for (const pattern of included) {
      expect(pattern === 'package.json' || pattern.startsWith('out/'), pattern).toBe(true);
    }
    // Nothing reaching outside the project (the steering repo's ../shared) or into sources and tests.
    expect(builder.files.filter((p) => /(^|!)\.\.\//.test(p))).toEqual([]);
    expect(included.some((p) => /^(tests|shared|electron|renderer|docs|bin)\b/.test(p))).toBe(false);
    // The app's entry point is inside the allowlist.
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('has no per-platform files list, which electron-builder would widen to the whole project', () => {
    expect(builder.linux.files).toBeUndefined();
    expect(builder.mac.files).toBeUndefined();
    expect(builder.win.files).toBeUndefined();
  });
});

describe('icons', () => {
  it('has a 512x512 PNG and its SVG source in resources/', () => {
    const png = read('resources/icon.png');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(read('resources/icon.svg').toString('utf8')).toMatch(/^<svg[^>]+viewBox="0 0 512 512"/);
  });
});

describe('electron.vite.config.ts', () => {
  const config = electronViteConfig as {
    main: { build: { outDir: string; rollupOptions: { input: Record<string, string>; output: { chunkFileNames: string } } } };
    preload: { build: { outDir: string; externalizeDeps: boolean; rollupOptions: { input: Record<string, string>; output: { format: string; entryFileNames: string } } } };
    renderer: { root: string; build: { outDir: string; rollupOptions: { input: string } } };
  };
  const at = (p: string) => fileURLToPath(new URL(p, `file://${ROOT}`));

  it('builds main from electron/main into out/main', () => {
    // The main process, and every worker thread it starts (found beside index.js: no chunk in a folder of its own).
    expect(config.main.build.rollupOptions.input).toEqual({
      index: at('electron/main/index.ts'),
      'run-worker': at('electron/backtest/run-worker.ts'),
      'eval-worker': at('electron/backtest/eval-worker.ts'),
      'optimize-worker': at('electron/backtest/optimize-worker.ts'),
      'run-pool-worker': at('electron/backtest/run-pool-worker.ts'),
      'window-worker': at('electron/backtest/window-worker.ts'),
      'strategy-worker': at('electron/strategies/strategy-worker.ts'),
      'strategy-probe-worker': at('electron/strategies/strategy-probe-worker.ts'),
      'strategy-relay-worker': at('electron/strategies/strategy-relay-worker.ts'),
      // The Fills tab's export, off the engine's thread.
      'fills-export-worker': at('electron/journal/fills-export-worker.ts'),
      // The process for the trader's code (a utilityProcess's entry), built and found the same way.
      'code-host-process': at('electron/strategies/code-host-process.ts'),
      // The process the engine reaches the OS keychain through (a utilityProcess's entry too).
      'keychain-host': at('electron/secrets/keychain-host.ts'),
    });
    expect(config.main.build.rollupOptions.output.chunkFileNames).toBe('[name]-[hash].js');
    expect(config.main.build.outDir).toBe(at('out/main'));
  });

  it('builds the preload as one self-contained CommonJS file, as a sandboxed preload must be', () => {
    expect(config.preload.build.rollupOptions.input).toEqual({ index: at('electron/preload/index.ts') });
    expect(config.preload.build.rollupOptions.output).toEqual({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(config.preload.build.externalizeDeps).toBe(false);
    expect(config.preload.build.outDir).toBe(at('out/preload'));
  });

  it('builds the renderer from renderer/index.html into out/renderer', () => {
    expect(config.renderer.root).toBe(at('renderer'));
    expect(config.renderer.build.rollupOptions.input).toBe(at('renderer/index.html'));
    expect(config.renderer.build.outDir).toBe(at('out/renderer'));
  });
});
