// Flat ESLint config. The folder decides which APIs are legal (see ../shared/STYLE.md §1):
// shared/ is pure TypeScript, renderer/ never reaches Node or Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeAndElectron = [
  ...nodeBuiltins.map((name) => ({ name, message: 'Node APIs are not allowed in this folder.' })),
  { name: 'electron', message: 'Electron is only allowed in electron/.' },
  { name: 'electron-store', message: 'Settings live in electron/main.' },
  { name: 'conf', message: 'Settings live in electron/main.' },
  { name: 'ws', message: 'The WebSocket host lives in electron/main.' },
];
const nodePatterns = [{ group: ['node:*'], message: 'Node APIs are not allowed in this folder.' }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/out/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['electron/**', 'scripts/**', 'bin/**', 'bench/**', 'tests/**', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeAndElectron,
            { name: 'react-dom', message: 'shared/ is pure TypeScript.' },
            { name: 'dexie', message: 'The database lives in renderer/.' },
          ],
          patterns: [...nodePatterns, { group: ['react-dom/*'], message: 'shared/ is pure TypeScript.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'indexedDB',
          'localStorage',
          'sessionStorage',
          'navigator',
          'process',
          'require',
          'Buffer',
          '__dirname',
        ].map((name) => ({ name, message: `shared/ is pure TypeScript: no ${name}.` })),
      ],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: nodeAndElectron, patterns: nodePatterns }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No Node in the renderer.' },
        { name: 'require', message: 'No Node in the renderer.' },
      ],
    },
  },
  {
    // Presentational components never import the database (tests/unit/import-walls.test.ts also
    // checks indirect imports): data and callbacks come from renderer/containers/. Row and report
    // types of renderer/db/ and renderer/data/ may be imported as types; the handle (WebcareDb)
    // and Dexie may not, not even as types.
    files: ['renderer/components/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // The renderer's walls, plus the handle: WebcareDb is refused even as a type.
      'no-restricted-imports': [
        'error',
        {
          paths: nodeAndElectron,
          patterns: [
            ...nodePatterns,
            {
              group: ['**/db/schema', '**/db/schema.ts'],
              importNames: ['WebcareDb'],
              message: 'Components never take the database: a container passes data and callbacks.',
            },
          ],
        },
      ],
      // `import { type A }` still loads its module (verbatimModuleSyntax): write `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['dexie', 'dexie-react-hooks'].map((name) => ({
            name,
            message: 'Components never use the database: a container (renderer/containers/) passes data in.',
          })),
          patterns: [
            {
              group: ['**/db/*', '**/db/**', '**/data/*', '**/data/**', 'dexie/*'],
              allowTypeImports: true,
              message:
                'Components never import the database: a container (renderer/containers/) passes data and callbacks; row types may be imported with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
