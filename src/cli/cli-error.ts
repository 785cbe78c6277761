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
