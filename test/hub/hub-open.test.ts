import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Engine } from '../../src/hub/engine/engine.js';
import { openSqliteEngine } from '../../src/hub/engine/sqlite.engine.js';
import { openHubOnEngine } from '../../src/hub/hub.js';
import {
  DatabaseReadOnlyError,
  DatabaseUnreachableError,
  DiskFullError,
  type Hub,
  NewerDatabaseError,
  openHub,
} from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';

describeEachEngine('openHub and migrations', (engine) => {
  it('migrates a new database and opens it again without migrating twice', async () => {
    const first = await engine.openHub();
    await first.stores.create({ name: 'kept', url: 'https://kept.example' });
    await first.close();
    const second = await engine.openHub();
    expect((await second.stores.list()).map((store) => store.name)).toEqual(['kept']);
  });

  it('lets two hubs open and migrate the same database at the same time', async () => {
    const hubs = await Promise.all([engine.openHub(), engine.openHub(), engine.openHub()]);
    const names = await Promise.all(hubs.map((hub) => hub.stores.list()));
    expect(new Set(names.map((list) => list.length)).size).toBe(1);
  });

  it('refuses a database written by a newer PrestaBridge', async () => {
    const hub: Hub = await engine.openHub();
    await hub.stores.list();
    const raw = await openRaw(engine.databaseUrl());
    await raw.exec(`insert into hub_migration (name, timestamp) values ('9999-from-the-future', 'now')`);
    await raw.close();
    const opening = openHub({ databaseUrl: engine.databaseUrl(), env: {} });
    await expect(opening).rejects.toBeInstanceOf(NewerDatabaseError);
    await expect(opening).rejects.toThrow(
      'This database was written by a newer PrestaBridge (migration 9999-from-the-future); upgrade PrestaBridge or point DATABASE_URL elsewhere.',
    );
    const cleanup = await openRaw(engine.databaseUrl());
    await cleanup.exec(`delete from hub_migration where name = '9999-from-the-future'`);
    await cleanup.close();
  });

  if (engine.kind === 'postgres') {
    it('names a PostgreSQL database that does not exist', async () => {
      const url = new URL(engine.databaseUrl());
      url.pathname = '/prestabridge_no_such_database';
      const opening = openHub({ databaseUrl: url.toString(), env: {} });
      await expect(opening).rejects.toBeInstanceOf(DatabaseUnreachableError);
      await expect(opening).rejects.toThrow(
        /has no such database .*Create it \(createdb NAME\) or fix DATABASE_URL\./,
      );
    });
  }
});

async function openRaw(url: string): Promise<{ exec(sql: string): Promise<void>; close(): Promise<void> }> {
  if (url.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { exec: async (sql) => void (await client.query(sql)), close: () => client.end() };
  }
  const db = new Database(url);
  return {
    exec: (sql) => Promise.resolve(void db.exec(sql)),
    close: () => Promise.resolve(void db.close()),
  };
}

describe('errors that say what to do', () => {
  it('names an unreachable PostgreSQL server and what to check', async () => {
    const opening = openHub({ databaseUrl: 'postgres://postgres:pw@127.0.0.1:1/hub', env: {} });
    await expect(opening).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(opening).rejects.toThrow(
      'Cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:1/hub (ECONNREFUSED). Start the server, or fix the host and port in DATABASE_URL.',
    );
  });

  it('cannot create the database folder: says which and what to do', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'prestabridge-hub-'));
    writeFileSync(join(folder, 'not-a-folder'), '');
    try {
      const opening = openHub({ databaseUrl: join(folder, 'not-a-folder', 'hub.sqlite'), env: {} });
      await expect(opening).rejects.toBeInstanceOf(DatabaseReadOnlyError);
      await expect(opening).rejects.toThrow(
        `Cannot create the folder ${join(folder, 'not-a-folder')} for the hub database`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not an SQLite database', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'prestabridge-hub-'));
    const path = join(folder, 'notes.txt');
    writeFileSync(
      path,
      'this is not a database, just some text that is long enough to fill a header page'.repeat(20),
    );
    try {
      await expect(openHub({ databaseUrl: path, env: {} })).rejects.toThrow(
        `${path} is not a usable SQLite database`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  describe('on a database that cannot take writes', () => {
    let folder = '';
    let hub: Hub;
    let engine: Engine;
    beforeEach(async () => {
      folder = mkdtempSync(join(tmpdir(), 'prestabridge-hub-'));
      engine = openSqliteEngine(join(folder, 'hub.sqlite'));
      hub = await openHubOnEngine(engine);
      await hub.stores.create({ name: 'full', url: 'https://full.test' });
    });
    afterEach(async () => {
      await hub.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('turns a full disk into DiskFullError, with nothing half-written', async () => {
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(engine.db);
      await sql.raw(`pragma max_page_count = ${(rows[0]?.page_count ?? 0) + 2}`).execute(engine.db);
      const store = await hub.stores.get('full');
      const entries = Array.from({ length: 200 }, (_, index) => ({
        storeId: store.id,
        method: 'GET',
        url: `https://full.test/api/products/${index}`,
        status: 200,
        durationMs: 5,
        responseBody: 'x'.repeat(2000),
      }));
      const writing = hub.requestLog.record(entries);
      await expect(writing).rejects.toBeInstanceOf(DiskFullError);
      await expect(writing).rejects.toThrow(/is full: the change was not saved \(nothing was half-written\)/);
      expect(await hub.requestLog.list({ storeId: store.id })).toEqual([]);
    });

    it('turns a read-only database into DatabaseReadOnlyError', async () => {
      await sql`pragma query_only = on`.execute(engine.db);
      const writing = hub.stores.create({ name: 'another', url: 'https://another.test' });
      await expect(writing).rejects.toBeInstanceOf(DatabaseReadOnlyError);
      await expect(writing).rejects.toThrow(/cannot be written .*Give this user write permission/);
    });
  });
});
