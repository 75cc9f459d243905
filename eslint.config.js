// ESLint flat config: type-checked TypeScript rules, the layer rule, and Prettier for formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Dependencies point down: model ← ingest, store ← server ← (HTTP) ← ui, and model ← ingest ← enrich
 * (the online fetcher, used by the CLI and the server's fetch jobs). A zone forbids files in `target` to import from `from`.
 * `ingest` may use the GraphStore interface, not an adapter.
 */
const layers = [
  {
    target: './src/model',
    from: ['./src/ingest', './src/store', './src/server', './src/ui', './src/cli', './src/enrich'],
  },
  { target: './src/store', from: ['./src/ingest', './src/server', './src/ui', './src/cli', './src/enrich'] },
  { target: './src/ingest', from: './src/store', except: ['./graph-store.ts'] },
  { target: './src/ingest', from: ['./src/server', './src/ui', './src/cli', './src/enrich'] },
  // enrich (outside APIs → dataset files) builds on model and ingest's dataset reader only.
  { target: './src/enrich', from: ['./src/store', './src/server', './src/ui', './src/cli'] },
  // The server's fetch jobs (server/jobs/fetch-jobs.ts) run the same enrichment as `crosstalk fetch`.
  { target: './src/server', from: ['./src/ui', './src/cli'] },
  { target: './src/ui', from: ['./src/store', './src/server', './src/ingest', './src/cli', './src/enrich'] },
  // Inside the UI: the pure model (graphology, filters, palette, console input) knows no state and
  // no view; state (the store and its feature actions) knows no view.
  { target: './src/ui/model', from: ['./src/ui'], except: ['./model'] },
  {
    target: './src/ui/state',
    from: [
      './src/ui/app',
      './src/ui/components',
      './src/ui/console',
      './src/ui/export',
      './src/ui/graph',
      './src/ui/panels',
      './src/ui/timeline',
      './src/ui/tools',
    ],
  },
  // Benchmarks sit beside the product: they may use any layer but the UI, and nothing imports them.
  { target: './src/bench', from: './src/ui' },
  {
    target: [
      './src/model',
      './src/ingest',
      './src/store',
      './src/server',
      './src/ui',
      './src/cli',
      './src/enrich',
    ],
    from: './src/bench',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.scratch/',
      'coverage/',
      'bench/results/',
      '.cache/',
      '.tools/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.ui.json', './tsconfig.ui-test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      // Without these, import-x reads no TypeScript module and no-cycle sees no dependencies at all.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      // No import circles, in any layer (type-only imports do not count: they vanish at build time).
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
