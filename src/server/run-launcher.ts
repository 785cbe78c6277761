import type { Run } from '../hub/index.js';
import type { FeedRunner, RunFeedRequest } from '../jobs/index.js';

/** Work that starts (at most) one run and tells `onStarted` once it is recorded. */
export type RunStarter<T> = (onStarted: (run: Run) => void) => Promise<T>;

/** How background work ended when it started no run (a go-live sequence with nothing left to run). */
export type LaunchResult<T> = { readonly run: Run } | { readonly run: null; readonly result: T };

export interface LaunchOptions {
  /**
   * Remembers the work under this key until it has ended — its run, and whatever it does after the
   * run (a go-live step saves its progress once its run has finished): see {@link RunLauncher.inFlight}.
   */
  readonly key?: string;
  /** Called once the work has ended, whatever its outcome. */
  readonly onSettled?: () => void;
}

/**
 * Starts runs in the background for "Run now": answers with the run as soon as it is recorded (or
 * with the reason it could not start, such as a busy feed), and keeps track of the runs it started
 * so that shutdown can wait for them.
 */
export class RunLauncher {
  readonly #runner: FeedRunner;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #keyed = new Map<string, Run | null>();
  readonly #onError: (error: unknown) => void;

  constructor(runner: FeedRunner, onError: (error: unknown) => void) {
    this.#runner = runner;
    this.#onError = onError;
  }

  /** Starts the run and resolves with its record once it exists; rejects if it cannot start. */
  async launch(request: RunFeedRequest): Promise<Run> {
    const launched = await this.launchWith((onStarted) => this.#runner.run({ ...request, onStarted }));
    return launched.run ?? launched.result.run;
  }

  /**
   * Starts `work` in the background: resolves with the run it started, as soon as it is recorded, or
   * with its result when it ended without starting one; rejects when it fails before a run exists.
   */
  async launchWith<T>(work: RunStarter<T>, options: LaunchOptions = {}): Promise<LaunchResult<T>> {
    const { key } = options;
    let runExists = false;
    let announce: (run: Run) => void = () => undefined;
    const started = new Promise<LaunchResult<T>>((resolve) => {
      announce = (run) => {
        runExists = true;
        if (key !== undefined) this.#keyed.set(key, run);
        resolve({ run });
      };
    });
    if (key !== undefined) this.#keyed.set(key, null);
    const outcome = work(announce);
    // A refusal before the run exists (a busy feed) is the caller's answer; a failure after it is logged.
    const tracked = outcome
      .then(
        () => undefined,
        (error: unknown) => {
          if (runExists) this.#onError(error);
        },
      )
      .finally(() => {
        if (key !== undefined) this.#keyed.delete(key);
        options.onSettled?.();
      });
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
    return Promise.race([started, outcome.then((result): LaunchResult<T> => ({ run: null, result }))]);
  }

  /**
   * The work launched under `key` that has not ended yet: the run it started (which may have finished
   * already), null before its run exists, undefined when nothing runs under that key.
   */
  inFlight(key: string): Run | null | undefined {
    return this.#keyed.get(key);
  }

  /** Resolves when every run started here has ended. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }
}
