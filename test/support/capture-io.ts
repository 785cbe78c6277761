import type { CliIo } from '../../src/cli/cli-io.js';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
  /** Ends a command waiting in `untilStopped()`, as Ctrl-C would. */
  stop(): void;
}

/** A CliIo that records what a command prints, for in-process CLI tests. */
export function captureIo(
  env: Record<string, string | undefined> = {},
  secrets: readonly string[] = [],
): CapturedIo {
  const answers = [...secrets];
  let out = '';
  let err = '';
  let stopNow: ((signal: string) => void) | undefined;
  const stopped = new Promise<string>((resolve) => (stopNow = resolve));
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    env,
    untilStopped: () => stopped,
    out: () => out,
    err: () => err,
    stop: () => stopNow?.('SIGINT'),
    readSecret: (prompt: string) => {
      // Like a pipe: one answer, no confirmation asked.
      err += prompt;
      const answer = answers.shift();
      return answer === undefined
        ? Promise.reject(new Error(`no answer for '${prompt}'`))
        : Promise.resolve(answer);
    },
  };
}
