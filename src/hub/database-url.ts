import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DatabaseUrlError } from './hub-errors.js';
import { redactUrl } from './redact.js';

/** Where the hub keeps its data when `DATABASE_URL` is not set (relative to the working folder). */
export const DEFAULT_DATABASE_PATH = './data/prestabridge.sqlite';

/** What `DATABASE_URL` points at, once parsed. */
export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly path: string }
  | {
      readonly engine: 'postgres';
      readonly url: string;
      /** The URL with its password replaced, safe to print. */
      readonly display: string;
    };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Parses `DATABASE_URL`: `postgres://…` / `postgresql://…` select PostgreSQL; `file:…` or a plain path
 * select an SQLite file; nothing selects `./data/prestabridge.sqlite`. Relative paths resolve against `cwd`.
 *
 * @example
 * parseDatabaseUrl('postgres://app@db:5432/hub'); // { engine: 'postgres', … }
 * parseDatabaseUrl('file:./var/hub.sqlite');      // { engine: 'sqlite', path: '/…/var/hub.sqlite' }
 */
export function parseDatabaseUrl(value: string | undefined, cwd: string = process.cwd()): DatabaseTarget {
  const text = value?.trim() ?? '';
  if (text === '') return { engine: 'sqlite', path: resolve(cwd, DEFAULT_DATABASE_PATH) };

  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  // A one-letter "scheme" is a Windows drive letter (C:\data\hub.sqlite): a plain path.
  if (scheme === undefined || scheme.length === 1) return { engine: 'sqlite', path: resolve(cwd, text) };

  if (scheme === 'postgres' || scheme === 'postgresql') return parsePostgres(text);
  if (scheme === 'file') return { engine: 'sqlite', path: parseFileUrl(text, cwd) };
  throw new DatabaseUrlError(
    `DATABASE_URL '${redactUrl(text)}' uses '${scheme}:', which PrestaBridge does not support. ` +
      'Use postgres://user@host:5432/database for PostgreSQL, or file:path/to/hub.sqlite (or a plain path) for SQLite.',
  );
}

function parsePostgres(text: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DatabaseUrlError(
      `DATABASE_URL '${redactUrl(text)}' is not a valid URL. Expected postgres://user:password@host:5432/database.`,
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new DatabaseUrlError(
      `DATABASE_URL '${redactUrl(text)}' names no host. Expected postgres://user:password@host:5432/database.`,
    );
  }
  return { engine: 'postgres', url: text, display: redactUrl(text) };
}

function parseFileUrl(text: string, cwd: string): string {
  // file:///abs/path is a real URL; file:relative/path and file:./x are the common shorthand.
  const withoutQuery = text.replace(/[?#].*$/, '');
  if (withoutQuery.startsWith('file://')) {
    try {
      return fileURLToPath(withoutQuery);
    } catch {
      throw new DatabaseUrlError(
        `DATABASE_URL '${text}' is not a usable file URL. Use file:///absolute/path.sqlite or file:relative/path.sqlite.`,
      );
    }
  }
  const path = decodeURIComponent(withoutQuery.slice('file:'.length));
  if (path === '') {
    throw new DatabaseUrlError(`DATABASE_URL '${text}' names no file. Use file:path/to/hub.sqlite.`);
  }
  return isAbsolute(path) ? path : resolve(cwd, path);
}
