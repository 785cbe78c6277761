import Database from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';

import {
  AlreadyExistsError,
  type Hub,
  InvalidRecordError,
  MissingSecretError,
  NotFoundError,
  SettingsValidationError,
  WrongSecretError,
} from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

const KEY = 'ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT';

async function rawKeyColumn(url: string, name: string): Promise<string | null> {
  if (url.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ ws_key: string | null }>(
        'select ws_key from stores where name = $1',
        [name],
      );
      return rows[0]?.ws_key ?? null;
    } finally {
      await client.end();
    }
  }
  const db = new Database(url, { readonly: true });
  try {
    return (db.prepare('select ws_key from stores where name = ?').get(name) as { ws_key: string | null })
      .ws_key;
  } finally {
    db.close();
  }
}

describeEachEngine('stores', (engine) => {
  const clock = manualClock('2026-03-01T08:00:00.000Z');
  let hub: Hub;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
  });

  it('creates a store with default settings and finds it by id or name', async () => {
    const store = await hub.stores.create({
      name: 'shop-fr',
      url: 'https://shop.example.fr/',
      timeZone: 'Europe/Paris',
      languageId: 1,
      languages: [
        { id: 1, iso: 'fr' },
        { id: 2, iso: 'en' },
      ],
    });
    expect(store).toMatchObject({
      name: 'shop-fr',
      url: 'https://shop.example.fr',
      authMode: 'header',
      hasKey: false,
      timeZone: 'Europe/Paris',
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    expect(store.settings.import.frequencyMinutes).toBe(15);
    expect((await hub.stores.get('shop-fr')).id).toBe(store.id);
    expect((await hub.stores.get(store.id)).languages).toEqual(store.languages);
  });

  it('refuses a second store with the same name, and bad names, URLs and zones', async () => {
    await hub.stores.create({ name: 'twice', url: 'https://a.test' });
    await expect(hub.stores.create({ name: 'twice', url: 'https://b.test' })).rejects.toThrow(
      AlreadyExistsError,
    );
    await expect(hub.stores.create({ name: 'has space', url: 'https://b.test' })).rejects.toThrow(
      InvalidRecordError,
    );
    await expect(hub.stores.create({ name: 'ok', url: `https://b.test/?ws_key=${KEY}` })).rejects.toThrow(
      /must not carry the webservice key/,
    );
    await expect(hub.stores.create({ name: 'ok', url: 'ftp://b.test' })).rejects.toThrow(
      /https:\/\/ or http:\/\//,
    );
    await expect(
      hub.stores.create({ name: 'ok', url: 'https://b.test', timeZone: 'Nowhere/Land' }),
    ).rejects.toThrow(/not a time zone/);
    await expect(hub.stores.get('missing')).rejects.toThrow(NotFoundError);
  });

  it('stores the webservice key encrypted and gives it back decrypted', async () => {
    const store = await hub.stores.create({ name: 'with-key', url: 'https://k.test', webserviceKey: KEY });
    expect(store.hasKey).toBe(true);
    expect(JSON.stringify(store)).not.toContain(KEY);
    const stored = await rawKeyColumn(engine.databaseUrl(), 'with-key');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(KEY);
    expect(await hub.stores.webserviceKey('with-key')).toBe(KEY);
  });

  it('asks for PRESTABRIDGE_SECRET when a key must be stored or read without it', async () => {
    const withoutSecret = await engine.openHub({ secret: '' });
    await expect(withoutSecret.stores.webserviceKey('with-key')).rejects.toThrow(MissingSecretError);
    await expect(
      withoutSecret.stores.create({ name: 'nokey', url: 'https://n.test', webserviceKey: KEY }),
    ).rejects.toThrow('PRESTABRIDGE_SECRET is not set');
    // Everything that needs no key still works.
    expect((await withoutSecret.stores.list()).length).toBeGreaterThan(0);
  });

  it('refuses a different secret, for reading and for storing', async () => {
    const other = await engine.openHub({ secret: 'another secret entirely' });
    await expect(other.stores.webserviceKey('with-key')).rejects.toThrow(WrongSecretError);
    await expect(other.stores.update('with-key', { webserviceKey: 'NEWKEY' })).rejects.toThrow(
      'PRESTABRIDGE_SECRET differs from the one used to store the webservice keys in this database.',
    );
    expect(await hub.stores.webserviceKey('with-key')).toBe(KEY);
  });

  it("recovers from a lost secret: the stored keys are forgotten, the new secret becomes the database's", async () => {
    const lost = await engine.openHub({ secret: 'the original secret was lost' });
    await expect(lost.stores.verifySecret()).rejects.toThrow(WrongSecretError);
    const before = (await lost.stores.list()).filter((store) => store.hasKey).map((store) => store.name);
    expect(before).toContain('with-key');
    expect(await lost.stores.resetSecret()).toEqual(before);
    expect((await lost.stores.list()).some((store) => store.hasKey)).toBe(false);
    await lost.stores.verifySecret();
    // Re-entering a key stores it with the new secret, readable by every hub opened with that secret.
    await lost.stores.update('with-key', { webserviceKey: 'REENTERED' });
    const again = await engine.openHub({ secret: 'the original secret was lost' });
    expect(await again.stores.webserviceKey('with-key')).toBe('REENTERED');
    // …and no longer with the old one.
    await expect(hub.stores.webserviceKey('with-key')).rejects.toThrow(WrongSecretError);
  });

  it('updates settings by merging, and refuses invalid ones with readable messages', async () => {
    const store = await hub.stores.create({ name: 'settings', url: 'https://s.test' });
    clock.advance(60_000);
    const updated = await hub.stores.update(store.id, {
      settings: { import: { enabled: true }, orderStates: { '3': 'retry' }, genders: { '2': null } },
    });
    expect(updated.settings.import).toEqual({ enabled: true, frequencyMinutes: 15 });
    expect(updated.settings.orderStates).toEqual({ '3': 'retry' });
    expect(updated.settings.genders).toEqual({ '1': 'male' });
    expect(updated.updatedAt).toBe('2026-03-01T08:01:00.000Z');

    const failure = hub.stores.update(store.id, { settings: { import: { frequencyMinutes: 0 } } });
    await expect(failure).rejects.toThrow(SettingsValidationError);
    await expect(failure).rejects.toThrow(
      'Invalid settings: import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 0',
    );
    expect((await hub.stores.get(store.id)).settings.import.frequencyMinutes).toBe(15);
  });

  it('records the last import and export and the initial stock import', async () => {
    const store = await hub.stores.create({ name: 'marks', url: 'https://m.test' });
    await hub.stores.markSynced(store.id, 'import', new Date('2026-03-01T09:00:00.000Z'));
    await hub.stores.markInitialStockImported(store.id);
    const read = await hub.stores.get(store.id);
    expect(read.lastImportAt).toBe('2026-03-01T09:00:00.000Z');
    expect(read.lastExportAt).toBeNull();
    expect(read.initialStockImportedAt).not.toBeNull();
  });

  it('deletes a store with what is bound to it', async () => {
    const store = await hub.stores.create({ name: 'gone', url: 'https://g.test' });
    await hub.watermarks.set(store.id, 'import-orders', { lastId: 3 });
    await hub.stores.delete('gone');
    expect(await hub.stores.find('gone')).toBeUndefined();
    expect(await hub.watermarks.get(store.id, 'import-orders')).toBeUndefined();
  });
});
