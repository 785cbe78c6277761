import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { parseDatabaseUrl } from '../hub/index.js';

/** The name of the secret file the demo keeps beside its SQLite database. */
export const SECRET_FILE_NAME = 'prestabridge.secret';

/**
 * Where the secret of an SQLite hub is kept when `PRESTABRIDGE_SECRET` is not set: `prestabridge.secret`
 * in the database's folder (the demo makes it there). Null for PostgreSQL, whose secret must be set,
 * and for a `DATABASE_URL` that does not parse (opening the hub reports it).
 */
export function secretFileFor(databaseUrl: string | undefined, cwd: string = process.cwd()): string | null {
  try {
    const target = parseDatabaseUrl(databaseUrl, cwd);
    return target.engine === 'sqlite' ? join(dirname(resolve(cwd, target.path)), SECRET_FILE_NAME) : null;
  } catch {
    return null;
  }
}

/** The secret the commands use, and where it came from. */
export interface HubSecret {
  readonly secret: string | undefined;
  /** The file it was read from; null when it came from `PRESTABRIDGE_SECRET` or there is none. */
  readonly file: string | null;
}

/**
 * `PRESTABRIDGE_SECRET` when set; otherwise the secret file beside an SQLite database when there is
 * one — found the same way the demo makes it, so that every command run on the demo's database reads
 * the demo store's key without being told the secret.
 */
export function findHubSecret(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): HubSecret {
  if (env.PRESTABRIDGE_SECRET) return { secret: env.PRESTABRIDGE_SECRET, file: null };
  const file = secretFileFor(env.DATABASE_URL, cwd);
  if (file === null || !existsSync(file)) return { secret: undefined, file: null };
  const secret = readFileSync(file, 'utf8').trim();
  return secret === '' ? { secret: undefined, file: null } : { secret, file };
}
