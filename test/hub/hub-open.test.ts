import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, it } from 'vitest';

import { type Hub, NewerDatabaseError, openHub } from '../../src/hub/index.js';
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
