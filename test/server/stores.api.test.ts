import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { ApiStore } from '../../src/server/index.js';
import { describeEachEngine } from '../support/databases.js';
import {
  countingFeed,
  type Emulator,
  type ServerUnderTest,
  startTestServer,
  untilAborted,
} from './server-harness.js';

describe('API: stores', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('stores routes', (engine) => {
    let api: ServerUnderTest;
    let paused: Promise<number>;
    let markPaused: (runId: number) => void = () => undefined;
    beforeAll(async () => {
      paused = new Promise((resolve) => (markPaused = resolve));
      const feed = countingFeed({
        name: 'hold',
        async afterPage(ctx, page) {
          if (page !== 1) return;
          markPaused(ctx.runId);
          await untilAborted(ctx);
        },
      });
      api = await startTestServer(engine, { feeds: [feed] });
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('adds a store after probing it, and never sends the key back', async () => {
      const key = emulator.keys[0]!;
      const added = await api.call('POST', '/stores', { name: 'emu', url: emulator.url, key });
      expect(added.statusCode).toBe(201);
      const body = added.json<{ store: ApiStore; connection: { version: string; missing: unknown[] } }>();
      expect(body.store).toMatchObject({ name: 'emu', key: '********', psVersion: '8.1.2' });
      // Added as `stores add` adds: a stock and a sales location, created on an empty hub.
      expect(body.store.settings).toMatchObject({
        defaults: { stockLocation: 'MAIN', salesLocation: 'WEB' },
        stockExportLocations: ['MAIN'],
      });
      expect(body.connection.version).toBe('8.1.2');
      expect(body.connection.missing).toEqual([]);
      expect(added.body).not.toContain(key);
      expect(await api.hub.stores.webserviceKey('emu')).toBe(key);
      expect(api.logs.text()).not.toContain(key);
    });

    it('lists stores and reads one by name or id, with the key masked', async () => {
      const list = await api.call('GET', '/stores');
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: ApiStore[] }>().items.map((store) => store.name)).toEqual(['emu']);
      const byName = await api.call('GET', '/stores/emu');
      const byId = await api.call('GET', `/stores/${byName.json<ApiStore>().id}`);
      expect(byId.json()).toEqual(byName.json());
      expect(byName.json<ApiStore>().key).toBe('********');
      expect(byName.body).not.toContain(emulator.keys[0]!);
      expect((await api.call('GET', '/stores/nope')).json()).toMatchObject({ error: { code: 'not-found' } });
      expect((await api.call('GET', `/stores/${'x'.repeat(65)}`)).json()).toMatchObject({
        error: { code: 'validation', field: 'params.store' },
      });
    });

    it('refuses a store whose key the shop rejects, a taken name, and a malformed body', async () => {
      const wrongKey = await api.call('POST', '/stores', {
        name: 'bad',
        url: emulator.url,
        key: 'X'.repeat(32),
      });
      expect(wrongKey.statusCode).toBe(502);
      expect(wrongKey.json()).toMatchObject({ error: { code: 'store-error' } });
      expect(wrongKey.body).not.toContain('X'.repeat(32));

      const taken = await api.call('POST', '/stores', {
        name: 'emu',
        url: emulator.url,
        key: emulator.keys[0],
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ error: { code: 'already-exists' } });

      const missing = await api.call('POST', '/stores', { name: 'x', url: emulator.url });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({ error: { code: 'validation', field: 'body.key' } });

      const badName = await api.call('POST', '/stores', { name: '-x', url: emulator.url, key: 'k' });
      expect(badName.json()).toMatchObject({ error: { code: 'validation', field: 'body.name' } });
      expect((await api.hub.stores.list()).map((store) => store.name)).toEqual(['emu']);
    });

    it('changes settings, validating them as a whole, and keeps everything when one is wrong', async () => {
      const changed = await api.call('PATCH', '/stores/emu', {
        settings: { import: { enabled: true, frequencyMinutes: 30 }, schedules: { hold: 'off' } },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json<ApiStore>().settings).toMatchObject({
        import: { enabled: true, frequencyMinutes: 30 },
        schedules: { hold: 'off' },
      });

      const before = await api.hub.stores.get('emu');
      const invalid = await api.call('PATCH', '/stores/emu', {
        settings: { import: { frequencyMinutes: 0 }, export: { enabled: true } },
      });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json()).toMatchObject({ error: { code: 'invalid-settings' } });
      expect(invalid.json<{ error: { problems: string[] } }>().error.problems[0]).toMatch(
        /import\.frequencyMinutes/,
      );
      const unknownFeed = await api.call('PATCH', '/stores/emu', { settings: { schedules: { nope: 5 } } });
      expect(unknownFeed.statusCode).toBe(422);
      const typo = await api.call('PATCH', '/stores/emu', { nmae: 'x' });
      expect(typo.json()).toMatchObject({ error: { code: 'validation', field: 'body.nmae' } });
      const empty = await api.call('PATCH', '/stores/emu', {});
      expect(empty.statusCode).toBe(400);
      expect(await api.hub.stores.get('emu')).toEqual(before);
    });

    it('replaces the key and renames, still never showing the key', async () => {
      const renamed = await api.call('PATCH', '/stores/emu', { name: 'emu2', key: emulator.keys[1] });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json<ApiStore>()).toMatchObject({ name: 'emu2', key: '********' });
      expect(renamed.body).not.toContain(emulator.keys[1]!);
      expect(await api.hub.stores.webserviceKey('emu2')).toBe(emulator.keys[1]);
      await api.call('PATCH', '/stores/emu2', { name: 'emu', key: emulator.keys[0] });
    });

    it('refuses to remove a store while one of its feeds runs, then removes it', async () => {
      const started = await api.call('POST', '/stores/emu/feeds/hold/runs');
      expect(started.statusCode).toBe(202);
      const runId = await paused;
      const busy = await api.call('DELETE', '/stores/emu');
      expect(busy.statusCode).toBe(409);
      expect(busy.json()).toMatchObject({ error: { code: 'store-busy' } });
      await api.call('POST', `/runs/${runId}/stop`);
      await api.finished(runId);

      const removed = await api.call('DELETE', '/stores/emu');
      expect(removed.statusCode).toBe(204);
      expect(await api.hub.stores.find('emu')).toBeUndefined();
      expect((await api.call('DELETE', '/stores/emu')).statusCode).toBe(404);
    });
  });
});
