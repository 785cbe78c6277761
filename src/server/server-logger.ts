import { destination as pinoDestination, type DestinationStream, type Logger, pino } from 'pino';

/**
 * Paths blanked in every log line: tokens and keys must never be written, even if some code logs
 * a request or a store change by mistake. URLs in messages are redacted where they are logged.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  'key',
  'webserviceKey',
  '*.key',
  '*.token',
  '*.webserviceKey',
  '*.authorization',
];

/**
 * The server's logger: pino, one JSON object per line, to stdout unless told otherwise.
 *
 * @example
 * const logger = createServerLogger({ level: 'info' });
 * logger.info({ runId: 12 }, 'run started');
 */
export function createServerLogger(
  options: { readonly level?: string; readonly destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'prestabridge' },
      redact: { paths: [...LOG_REDACT_PATHS], censor: '***' },
    },
    options.destination ?? pinoDestination({ dest: 1, sync: true }),
  );
}
