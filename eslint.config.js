// Lint: the house's walls as rules. Only electron/main and electron/preload may import `electron`;
// the renderer may import shared/ and its own code, never the engine.
import tseslint from 'typescript-eslint';

const electronImport = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; the engine is plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', '.tmp*/**', 'tests/e2e/zz-*'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronImport],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    // The Vite config is build tooling that runs in Node, not code that ships in the page.
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronImport.paths,
          patterns: [
            ...electronImport.patterns,
            { group: ['**/electron/**', '!electron/*'], message: 'The renderer talks to the engine only through the Api; import shared/ instead.' },
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
);
