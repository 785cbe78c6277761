// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of docs/architecture.md, enforced: imports flow cli/server → jobs → sync → hub, webservice;
 * webservice and emulator stand alone (the emulator is an independent reading of the protocol).
 * @param {string[]} folders
 */
const forbidLayers = (folders) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((folder) => ({
        group: [`**/${folder}`, `**/${folder}/*`, `**/${folder}/**`],
        message: `This layer must not import from src/${folder} (see docs/architecture.md, Layers and folders).`,
      })),
    },
  ],
});

/**
 * The console (src/ui) imports nothing from the rest of src/ (docs/architecture.md): it is a browser
 * program talking to the HTTP API, with types generated from /openapi.json (`npm run api-types`).
 */
const consolePatterns = [
  ...['webservice', 'emulator', 'hub', 'sync', 'jobs', 'server', 'cli'].map((folder) => ({
    group: [`**/${folder}`, `**/${folder}/*`, `**/${folder}/**`, '!react-dom/server'],
    message: `The console must not import from src/${folder} (see docs/architecture.md, Layers and folders): use the generated API types.`,
  })),
  {
    group: ['prestabridge', 'prestabridge/*', 'node:*'],
    message: 'The console is a browser program: it talks to the HTTP API only.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/webservice/**'],
    rules: forbidLayers(['emulator', 'hub', 'sync', 'jobs', 'server', 'cli', 'ui']),
  },
  {
    files: ['src/emulator/**'],
    rules: forbidLayers(['webservice', 'hub', 'sync', 'jobs', 'server', 'cli', 'ui']),
  },
  {
    files: ['src/hub/**'],
    rules: forbidLayers(['webservice', 'emulator', 'sync', 'jobs', 'server', 'cli', 'ui']),
  },
  { files: ['src/sync/**'], rules: forbidLayers(['emulator', 'jobs', 'server', 'cli', 'ui']) },
  { files: ['src/jobs/**'], rules: forbidLayers(['emulator', 'server', 'cli', 'ui']) },
  {
    // The web console: a browser program with React hooks, talking to the HTTP API only.
    files: ['src/ui/**/*.{ts,tsx}', 'test/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: consolePatterns }] },
  },
  {
    // Features never import each other (bulletproof-react): the app composes them.
    files: ['src/ui/features/*/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...consolePatterns,
            {
              regex: '^\\.\\./\\.\\./(?!\\.\\.)',
              message: 'A feature must not import another feature: compose them in src/ui/app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
