import type { CliIo } from './cli-io.js';

/**
 * Text from a store (names, notes, messages, addresses, error messages) may hold control characters
 * and escape sequences — by accident, or to recolour, retitle or rewrite a terminal. Everything the
 * CLI prints goes through {@link escapeTerminal}: such characters are shown, never obeyed.
 */

/** C0 controls but tab and line feed, and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0 = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** C1 controls (U+0080–U+009F): a terminal may read U+009B as CSI, like ESC [. */
const C1 = /[\u0080-\u009f]/g;

function hex(character: string): string {
  return character.charCodeAt(0).toString(16).padStart(2, '0');
}

/**
 * `text` with every control character made visible: ESC as `\x1b` (so `\x1b[31m` shows as those
 * characters, not as red), BEL `\x07`, a lone carriage return `\r` (a Windows line end `\r\n`
 * stays a line end), DEL `\x7f`; C1 controls as `\u009b` (a form that stays valid inside JSON
 * strings). Tabs and line feeds are kept.
 *
 * @example
 * escapeTerminal('Ada \x1b[31mLovelace\x07'); // 'Ada \\x1b[31mLovelace\\x07'
 */
export function escapeTerminal(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(C0, (character) => (character === '\r' ? '\\r' : `\\x${hex(character)}`))
    .replace(C1, (character) => `\\u00${hex(character)}`);
}

/** A stream the CLI writes to. */
export type TerminalStream = CliIo['stdout'];

const rawStreams = new WeakMap<TerminalStream, TerminalStream>();

/** `stream` with every write passed through {@link escapeTerminal}. */
export function escapingStream(stream: TerminalStream): TerminalStream {
  const escaping: TerminalStream = {
    write: (text: string) => stream.write(escapeTerminal(text)),
    ...(stream.isTTY === undefined ? {} : { isTTY: stream.isTTY }),
  };
  rawStreams.set(escaping, stream);
  return escaping;
}

/**
 * The stream under an escaping one, for the CLI's own control sequences (the progress bar's
 * carriage return and erase-line); whatever text it writes there it escapes itself.
 */
export function rawStream(stream: TerminalStream): TerminalStream {
  return rawStreams.get(stream) ?? stream;
}

/** `io` whose stdout and stderr escape control characters (see {@link escapeTerminal}). */
export function terminalSafeIo(io: CliIo): CliIo {
  if (rawStreams.has(io.stdout)) return io;
  return { ...io, stdout: escapingStream(io.stdout), stderr: escapingStream(io.stderr) };
}
