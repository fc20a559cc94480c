// The house's walls, checked over the whole tree: only electron/main and electron/preload import
// `electron`; the renderer reaches neither the engine nor Node. The lint rules say the same, but
// lint does not see dynamic import() or require(), and a rule can be switched off — this cannot.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'release', 'test-results', 'bench-results', '.git']);

function sourceFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) sourceFiles(path.join(dir, entry.name), found);
    } else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      found.push(path.join(dir, entry.name));
    }
  }
  return found;
}

/** Every module specifier in a file: static imports and re-exports, import types, import(), require(). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const isElectronModule = (spec: string) => spec === 'electron' || spec.startsWith('electron/');
const mayImportElectron = (file: string) => /^electron\/(main|preload)\//.test(rel(file));
/** Page code: everything under renderer/ except build configs at its root (vite.config.ts runs in Node). */
const isRendererPage = (file: string) => rel(file).startsWith('renderer/') && !/^renderer\/[^/]+\.config\.[cm]?ts$/.test(rel(file));

const files = sourceFiles(ROOT);

describe('import boundaries', () => {
  it('finds the tree it is checking', () => {
    const names = files.map(rel);
    expect(names).toContain('electron/main/index.ts');
    expect(names).toContain('electron/preload/index.ts');
    expect(names).toContain('electron/app/keel.ts');
  });

  it('only electron/main and electron/preload import electron', () => {
    const offenders = files.filter((f) => !mayImportElectron(f) && specifiers(f).some(isElectronModule)).map(rel);
    expect(offenders).toEqual([]);
  });

  it('the preload imports only electron and relative modules (a sandboxed preload gets nothing else at run time)', () => {
    const preloads = files.filter((f) => rel(f).startsWith('electron/preload/'));
    const stray = preloads.flatMap((f) => specifiers(f).filter((s) => !(s === 'electron' || s.startsWith('.'))).map((s) => `${rel(f)}: ${s}`));
    // zod arrives through the contract and is bundled into out/preload/index.cjs.
    expect(stray).toEqual([]);
  });

  it('renderer code imports nothing from electron/ and no Node modules', () => {
    const electronDir = path.join(ROOT, 'electron') + path.sep;
    const offenders: string[] = [];
    for (const file of files.filter(isRendererPage)) {
      for (const spec of specifiers(file)) {
        const reachesEngine = spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(electronDir);
        if (reachesEngine || isElectronModule(spec) || spec.startsWith('node:')) offenders.push(`${rel(file)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the lint config enforces the same walls', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const restricted = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
  };

  it('flags electron imported outside main and preload', async () => {
    expect(await restricted('electron/market/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(1);
    expect(await restricted('shared/x.ts', "import { app } from 'electron/main';\nexport const a = app;\n")).toBe(1);
    expect(await restricted('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(0);
  });

  it('flags the renderer reaching into electron/ or Node', async () => {
    expect(await restricted('renderer/src/x.tsx', "import { createKeel } from '../../electron/app/keel.ts';\nexport const a = createKeel;\n")).toBe(1);
    expect(await restricted('renderer/src/x.tsx', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toBe(1);
    expect(await restricted('renderer/src/x.tsx', "import { COMMAND_NAMES } from '../../shared/contract/index.ts';\nexport const a = COMMAND_NAMES;\n")).toBe(0);
  });
});
