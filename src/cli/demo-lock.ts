import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

import { CliError } from './cli-error.js';

/** What the lock file says about the demo holding it. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

export interface DemoLock {
  /** The process of a demo that died without removing its lock, when this start took the lock over. */
  readonly staleHolder: number | null;
  /** Removes the lock (only if it is still this process's). */
  release(): void;
}

/**
 * One demo per database: a lock file holding the demo's process id, taken with exclusive create. A
 * lock whose process is gone (killed, machine restarted) is stale and taken over; a live one refuses
 * the start with what to do — two demos on one database would each run their own emulated store
 * against the same hub and undo each other.
 */
export function acquireDemoLock(file: string, now: Date): DemoLock {
  const mine: LockHolder = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  let staleHolder: number | null = null;
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(file, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw lockError(error, file);
    }
    const holder = readHolder(file);
    if (holder !== undefined && (holder.host !== mine.host || isRunning(holder.pid))) {
      throw new CliError(
        `Another demo is already running on this database (process ${holder.pid}` +
          `${holder.host === mine.host ? '' : ` on ${holder.host}`}, started ${holder.startedAt}; lock ${file}). ` +
          `Stop it first (Ctrl-C in its terminal, or \`kill ${holder.pid}\`), or start this one on another database: ` +
          '`DATABASE_URL=./demo2/prestabridge.sqlite npm start -- --store-port 8091 --api-port 8090`.',
      );
    }
    // Its process is gone: the lock is stale (or unreadable: half-written by a demo killed at start).
    staleHolder = holder?.pid ?? null;
    try {
      unlinkSync(file);
    } catch {
      // Another start removed it first; the exclusive create below settles who gets it.
    }
  }
  return {
    staleHolder,
    release() {
      if (readHolder(file)?.pid !== mine.pid) return;
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? { pid: holder.pid, host: holder.host, startedAt: String(holder.startedAt) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists (signal 0 only checks; EPERM: it exists, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockError(error: unknown, file: string): CliError {
  return new CliError(
    `Cannot take the demo's lock ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    { cause: error },
  );
}
