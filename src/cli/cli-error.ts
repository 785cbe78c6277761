/**
 * A failure the user can act on. The CLI prints its message as one line (no stack trace) and
 * exits with `exitCode`: 1 for a failed operation, 2 for a usage error.
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * Ends a command with an exit code after it has printed everything itself: `sync run` exits 1 for a
 * failed run and 130 for a stopped one, with the run's report already on screen.
 */
export class CliExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
    this.exitCode = exitCode;
  }
}
