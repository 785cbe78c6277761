import type { Hub, Run, RunRepository } from '../hub/index.js';

/** What `serve` wants to know about the runs its runner records, and when it may start one. */
export interface RunWatch {
  /** Throws to refuse a new run (the server is shutting down). */
  beforeStart(): void;
  started(run: Run): Promise<void>;
  /** `report` is the feed report the runner records with the run. */
  finished(run: Run, report: unknown): Promise<void>;
}

/**
 * The hub as `serve`'s feed runner sees it: each run recorded through it is announced when it starts
 * and when it ends (the runner has no events for those), and a new run can be refused. Everything
 * else goes straight to `hub`.
 */
export function watchedHub(hub: Hub, watch: RunWatch): Hub {
  const runs = new Proxy(hub.runs, {
    get(target, property) {
      if (property === 'start') {
        return async (input: Parameters<RunRepository['start']>[0]): Promise<Run> => {
          watch.beforeStart();
          const run = await target.start(input);
          await watch.started(run);
          return run;
        };
      }
      if (property === 'finish') {
        return async (...args: Parameters<RunRepository['finish']>): Promise<Run> => {
          const run = await target.finish(...args);
          await watch.finished(run, args[1].report);
          return run;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      // Repository methods use private fields: they must run on the repository itself.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...hub, runs };
}
