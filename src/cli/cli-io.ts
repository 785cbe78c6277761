import { readSecret } from './secret-input.js';

/**
 * Where a command writes and what it may read of its surroundings. Commands never touch
 * `process` directly, so tests can run them in-process and read what they printed.
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM): each call waits
   * for the next request, so a command can tell a first Ctrl-C (stop cleanly) from a second (quit).
   */
  readonly untilStopped: () => Promise<string>;
  /**
   * Ends the process at once with this code (a second Ctrl-C during `sync run`). Absent in tests:
   * the command then returns the code without waiting for the work it abandoned.
   */
  readonly exit?: (code: number) => void;
  /**
   * Asks for a secret without echoing it (a terminal; asked again with `confirm` when given, and
   * refused when the two differ), or reads the first line of stdin (a pipe).
   */
  readonly readSecret: (prompt: string, confirm?: string) => Promise<string>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (signal: string): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
    exit: (code) => process.exit(code),
    readSecret,
  };
}
