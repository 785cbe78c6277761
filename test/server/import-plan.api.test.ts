import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Store } from '../../src/hub/index.js';
import type { ImportPlan } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

describe('API: import plans, selective runs, watermark reset, customer addresses', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('api', (engine) => {
    let api: ServerUnderTest;
    let store: Store;
    beforeAll(async () => {
      api = await startTestServer(engine);
      store = await addEmulatorStore(api.hub, emulator, 'emu');
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('plans, runs for the selection given as `only`, and plans again', async () => {
      const ids = [...emulator.store.records('customers')].map((customer) => customer.id);
      const planned = await api.call('POST', '/stores/emu/feeds/import-customers/plan');
      expect(planned.statusCode, planned.body).toBe(200);
      const plan = planned.json<{ plan: ImportPlan }>().plan;
      expect(plan.entries.map((entry) => [entry.externalId, entry.action])).toEqual(
        ids.map((id) => [id, 'add-to-hub']),
      );

      const started = await api.call('POST', '/stores/emu/feeds/import-customers/runs', { only: [ids[1]] });
      expect(started.statusCode, started.body).toBe(202);
      const runId = started.json<{ run: { id: number } }>().run.id;
      await api.finished(runId);
      expect((await api.hub.runs.get(runId)).counts).toMatchObject({ created: 1 });

      const after = await api.call('POST', '/stores/emu/feeds/import-customers/plan', { notImported: true });
      const rest = after.json<{ plan: ImportPlan }>().plan;
      expect(rest.notImportedOnly).toBe(true);
      expect(rest.entries.map((entry) => entry.externalId)).toEqual(ids.filter((id) => id !== ids[1]));
    });

    it('refuses a plan for a feed without one, and `only` that is not ids or for a feed without it', async () => {
      const none = await api.call('POST', '/stores/emu/feeds/import-orders/plan');
      expect(none.statusCode).toBe(404);
      expect(none.json<{ error: { message: string } }>().error.message).toContain(
        'the feeds with one are import-products, export-products, import-customers',
      );
      const bad = await api.call('POST', '/stores/emu/feeds/import-customers/runs', {
        options: { only: '3,x' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { field: string } }>().error.field).toBe('body.options.only');
      const other = await api.call('POST', '/stores/emu/feeds/import-orders/runs', { only: [3] });
      expect(other.statusCode).toBe(400);
    });

    it('sets the order counter back with toId, and forgets a watermark without it', async () => {
      await api.hub.watermarks.set(store.id, 'import-orders', { lastId: 30, since: '' });
      const reset = await api.call('POST', '/stores/emu/feeds/import-orders/reset', { toId: 5 });
      expect(reset.statusCode, reset.body).toBe(200);
      expect(reset.json()).toEqual({
        feed: 'import-orders',
        store: 'emu',
        before: { lastId: 30, since: '' },
        after: { lastId: 5, since: '' },
      });
      expect((await api.call('POST', '/stores/emu/feeds/update-orders/reset', { toId: 5 })).statusCode).toBe(
        400,
      );
      const forgotten = await api.call('POST', '/stores/emu/feeds/import-orders/reset');
      expect(forgotten.json()).toMatchObject({ after: null });
      expect(await api.hub.watermarks.get(store.id, 'import-orders')).toBeUndefined();
    });

    it('chooses a customer’s billing and delivery address, and hands the choice back', async () => {
      const [customer] = (await api.hub.customers.list()).filter(
        (candidate) => candidate.addresses.length > 0,
      );
      const address = customer!.addresses[0]!.id;
      const chosen = await api.call('PUT', `/customers/${customer!.id}/addresses`, {
        billingAddressId: address,
        deliveryAddressId: address,
      });
      expect(chosen.statusCode, chosen.body).toBe(200);
      const body = chosen.json<{
        customer: { addressChoice: string; addresses: { id: number; role: string }[] };
      }>();
      expect(body.customer.addressChoice).toBe('user');
      expect(body.customer.addresses.find((entry) => entry.id === address)?.role).toBe('both');
      const wrong = await api.call('PUT', `/customers/${customer!.id}/addresses`, {
        billingAddressId: 999_999,
        deliveryAddressId: address,
      });
      expect(wrong.statusCode).toBe(422);
      const half = await api.call('PUT', `/customers/${customer!.id}/addresses`, {
        billingAddressId: address,
      });
      expect(half.statusCode).toBe(400);
      const released = await api.call('PUT', `/customers/${customer!.id}/addresses`, { auto: true });
      expect(
        released.json<{ customer: { addressChoice: string | null } }>().customer.addressChoice,
      ).toBeNull();
    });
  });
});
