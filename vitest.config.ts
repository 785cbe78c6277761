import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The console's component tests (test/ui/*.test.tsx) need JSX: Vite's transform, React's runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores in CI: forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], environment: 'node' },
      },
      {
        // The console: components in a browser-like DOM, the API stubbed at fetch.
        extends: true,
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/ui/setup.ts'],
        },
      },
    ],
  },
});
