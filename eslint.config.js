// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of DESIGN.md, enforced: imports flow cli/server → jobs → sync → hub, webservice;
 * webservice and emulator stand alone (the emulator is an independent reading of the protocol).
 * @param {string[]} folders
 */
const forbidLayers = (folders) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((folder) => ({
        group: [`**/${folder}`, `**/${folder}/*`, `**/${folder}/**`],
        message: `This layer must not import from src/${folder} (see DESIGN.md, Layout).`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'src/ui/**'] },
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
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
