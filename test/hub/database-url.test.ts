import { describe, expect, it } from 'vitest';

import { DatabaseUrlError, parseDatabaseUrl } from '../../src/hub/index.js';

describe('DATABASE_URL', () => {
  it('defaults to ./data/prestabridge.sqlite in the working folder', () => {
    expect(parseDatabaseUrl(undefined, '/srv/app')).toEqual({
      engine: 'sqlite',
      path: '/srv/app/data/prestabridge.sqlite',
    });
    expect(parseDatabaseUrl('  ', '/srv/app')).toEqual({
      engine: 'sqlite',
      path: '/srv/app/data/prestabridge.sqlite',
    });
  });

  it('reads plain paths and file: URLs as SQLite files', () => {
    expect(parseDatabaseUrl('hub.sqlite', '/srv/app')).toEqual({
      engine: 'sqlite',
      path: '/srv/app/hub.sqlite',
    });
    expect(parseDatabaseUrl('/var/lib/pb/hub.sqlite', '/srv')).toEqual({
      engine: 'sqlite',
      path: '/var/lib/pb/hub.sqlite',
    });
    expect(parseDatabaseUrl('file:./var/hub.sqlite', '/srv')).toEqual({
      engine: 'sqlite',
      path: '/srv/var/hub.sqlite',
    });
    expect(parseDatabaseUrl('file:///var/lib/my%20hub.sqlite', '/srv')).toEqual({
      engine: 'sqlite',
      path: '/var/lib/my hub.sqlite',
    });
  });

  it('reads postgres:// and postgresql:// URLs, keeping the password out of what it prints', () => {
    const target = parseDatabaseUrl('postgresql://app:s3cret@db.internal:5432/hub');
    expect(target).toEqual({
      engine: 'postgres',
      url: 'postgresql://app:s3cret@db.internal:5432/hub',
      display: 'postgresql://app:***@db.internal:5432/hub',
    });
  });

  it('explains what to use instead of an unsupported URL', () => {
    expect(() => parseDatabaseUrl('mysql://root:pw@db/hub')).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl('mysql://root:pw@db/hub')).toThrow(
      "DATABASE_URL 'mysql://***@db/hub' uses 'mysql:', which PrestaBridge does not support. Use postgres://user@host:5432/database for PostgreSQL, or file:path/to/hub.sqlite (or a plain path) for SQLite.",
    );
    expect(() => parseDatabaseUrl('postgres://')).toThrow(/not a valid URL|names no host/);
    expect(() => parseDatabaseUrl('file:')).toThrow(/names no file/);
  });
});
