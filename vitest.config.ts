import { defineConfig } from 'vitest/config';

/**
 * Tests whose subject is timing or processes dying: children killed with SIGKILL, a cluster of
 * worker processes pacing a rate-limited host, deadlines of trickling stores. They run one at a time
 * after the others (a project with one worker is scheduled last, alone), so that a busy neighbour
 * cannot make them late.
 */
const alone = [
  'test/jobs/cluster.test.ts',
  'test/**/kill-resume.test.ts',
  'test/sync/accounting/invoice-kill-resume.test.ts',
  'test/automation/webhook-crash.test.ts',
  'test/hub/crash.test.ts',
  'test/sync/hostile/*.test.ts',
];

/**
 * Files run side by side: with two cores, vitest's default (cores − 1) ran one file at a time and left
 * a core idle. Many tests wait on sockets, child processes and databases, hence one more than the
 * cores. Every suite has its own database (see test/support/databases.ts) and its own ports.
 */
const sideBySide = 3;

export default defineConfig({
  // The console's component tests (test/ui/*.test.tsx) need JSX: Vite's transform, React's runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: alone,
          environment: 'node',
          maxWorkers: sideBySide,
          // A worker keeps its loaded modules from one file to the next: loading the hub, the server and
          // their dependencies again for every file cost more CPU than most tests (the CLI tests: 80 s
          // → 53 s). Nothing here mocks modules, stubs globals or changes the environment.
          isolate: false,
        },
      },
      {
        // The console: components in a browser-like DOM, the API stubbed at fetch.
        extends: true,
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/ui/setup.ts'],
          maxWorkers: sideBySide,
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: alone, environment: 'node', maxWorkers: 1 },
      },
    ],
  },
});
