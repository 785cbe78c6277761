/**
 * Kill tests of the feeds: a feed run in a child process ({@link spawnFeedChild}, running
 * `test/support/feed-child.ts`) that the test kills with SIGKILL after its n-th transaction began
 * (inside it) or ended ({@link killAt}), on a database the parent shares (a SQLite file or a
 * PostgreSQL database); the parent then resumes the feed and checks that nothing was lost or done twice.
 *
 * @example
 * const child = spawnFeedChild({ databaseUrl, store: store.name, feed: 'invoice-orders', pageSize: 10 });
 * await child.ready;
 * await killAt(child, 'tx-end', 3, 10 * 60_000);
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

import { TEST_SECRET } from './databases.js';

/** Each child's clock runs this far ahead of the previous one: the killed child's lock lease has expired for it. */
export const CLOCK_STEP_MS = 10 * 60_000;

export type KillPoint = 'tx-begin' | 'tx-end';

export interface FeedChild {
  readonly process: ChildProcess;
  /** Resolves once the child opened the hub and waits for `go`. */
  readonly ready: Promise<void>;
  /** The exit code (null when killed). */
  readonly exited: Promise<number | null>;
  /** Resolves when the child printed `line` for the `count`-th time, or finished first; rejects if it exits before. */
  nth(line: KillPoint, count: number): Promise<'reached' | 'finished'>;
  /** Starts the run, the child's clock `offsetMs` ahead of this one. */
  go(offsetMs: number): void;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function spawnFeedChild(options: {
  readonly databaseUrl: string;
  readonly store: string;
  readonly feed: string;
  readonly pageSize: number;
}): FeedChild {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/feed-child.ts', JSON.stringify({ ...options, secret: TEST_SECRET })],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const counts = new Map<string, number>();
  const waiters: Array<{ line: string; count: number; resolve: (value: 'reached' | 'finished') => void }> =
    [];
  let readyNow: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyNow = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') readyNow();
    if (line.startsWith('finished')) for (const waiter of waiters.splice(0)) waiter.resolve('finished');
    counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const waiter of [...waiters]) {
      if (waiter.line === line && counts.get(line) === waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve('reached');
      }
    }
  });
  return {
    process: child,
    ready,
    exited,
    nth: (line, count) =>
      new Promise((resolve, reject) => {
        waiters.push({ line, count, resolve });
        void exited.then(() =>
          reject(new Error(`the ${options.feed} child exited before ${line} #${count}`)),
        );
      }),
    go: (offsetMs) => child.stdin?.write(`go ${offsetMs}\n`),
  };
}

/**
 * Lets a ready child run with its clock `offsetMs` ahead, and kills it (SIGKILL) as soon as it printed
 * `point` for the `count`-th time; fails the test if the child finished first.
 */
export async function killAt(
  child: FeedChild,
  point: KillPoint,
  count: number,
  offsetMs: number,
): Promise<void> {
  const reached = child.nth(point, count);
  child.go(offsetMs);
  expect(await reached).toBe('reached');
  child.process.kill('SIGKILL');
  expect(await child.exited).toBeNull();
}
