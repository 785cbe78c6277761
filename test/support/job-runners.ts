/**
 * Runs a job-runner suite once per runner: the embedded runner (with the SQLite engine) and the
 * pg-boss runner (with PostgreSQL, a fresh database per suite). The pg-boss runs are skipped when
 * PostgreSQL is not reachable — or fail under `PRESTABRIDGE_REQUIRE_PG=1`, as for every storage test
 * ({@link describeEachEngine}).
 */
import { EmbeddedJobRunner, type JobRunner, PgBossJobRunner } from '../../src/jobs/index.js';
import { describeEachEngine, type EngineUnderTest } from './databases.js';

export interface RunnerUnderTest {
  readonly kind: JobRunner['kind'];
  readonly engine: EngineUnderTest;
  /** A new runner on the suite's database (stopped after the test by the caller). */
  create(options?: { concurrency?: number }): JobRunner;
}

export function describeEachRunner(name: string, suite: (runner: RunnerUnderTest) => void): void {
  describeEachEngine(name, (engine) => {
    suite({
      kind: engine.kind === 'sqlite' ? 'embedded' : 'pg-boss',
      engine,
      create: (options = {}) =>
        engine.kind === 'sqlite'
          ? new EmbeddedJobRunner(options)
          : new PgBossJobRunner({
              connectionString: engine.databaseUrl(),
              pollingIntervalMs: 500,
              ...options,
            }),
    });
  });
}

/** Resolves with the next `count` events `event` of `runner` (tests wait on events, not on time). */
export function nextFinished(
  runner: JobRunner,
  count: number,
): Promise<Array<{ queue: string; data: Readonly<Record<string, unknown>>; error?: unknown }>> {
  return new Promise((resolve) => {
    const seen: Array<{ queue: string; data: Readonly<Record<string, unknown>>; error?: unknown }> = [];
    const listener = (
      job: { queue: string; data: Readonly<Record<string, unknown>> },
      outcome: { error?: unknown },
    ): void => {
      seen.push({
        queue: job.queue,
        data: job.data,
        ...('error' in outcome ? { error: outcome.error } : {}),
      });
      if (seen.length === count) {
        runner.off('job-finished', listener);
        resolve(seen);
      }
    };
    runner.on('job-finished', listener);
  });
}

/** A promise with its resolve function: handlers wait on it so that tests decide when they end. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
