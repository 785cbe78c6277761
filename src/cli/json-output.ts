import type { CliIo } from './cli-io.js';

/** `--json`: one JSON document on stdout, indented, ending with a newline. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
