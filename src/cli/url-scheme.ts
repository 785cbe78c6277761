import { NetworkError, TimeoutError } from '../webservice/index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a typed store address names no scheme (`shop.example`, `localhost:8081`): https:// is then assumed. */
export function lacksScheme(url: string): boolean {
  return !SCHEME.test(url.trim());
}

/**
 * A store address typed without `http://` or `https://`: https is assumed, as the webservice client
 * does. Says so on stderr (a store on plain http needs its scheme written) and returns the address
 * with the scheme the hub keeps.
 */
export function withAssumedScheme(io: CliIo, url: string): string {
  const trimmed = url.trim();
  if (!lacksScheme(trimmed)) return trimmed;
  io.stderr.write(`note: '${trimmed}' has no http:// or https://: using https://${trimmed}\n`);
  return `https://${trimmed}`;
}

/**
 * A connection failure to an address typed without a scheme, explained as such: the usual cause is a
 * store served over plain http (the emulator, a local shop) reached with https. Other errors pass.
 */
export function explainMissingScheme(error: unknown, typedUrl: string | undefined): unknown {
  if (typedUrl === undefined || !lacksScheme(typedUrl)) return error;
  if (!(error instanceof NetworkError || error instanceof TimeoutError)) return error;
  const typed = typedUrl.trim();
  return new CliError(
    `${error.message.replace(/\s+/g, ' ').trim()} '${typed}' was given without http:// or https://, so ` +
      `https://${typed} was tried; if the store is served over plain http, give --url http://${typed}.`,
    { cause: error },
  );
}
