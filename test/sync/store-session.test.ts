import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import { StoreSession } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';

describe('store sessions and the request log', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('request log', (engine) => {
    let hub: Hub;
    beforeAll(async () => {
      hub = await engine.openHub();
    });

    /** One good request and one the store fails, through a session of `store`; then the log is written. */
    async function twoRequests(storeName: string): Promise<void> {
      const session = await StoreSession.open(hub, await hub.stores.get(storeName), {
        retry: { maxRetries: 0 },
      });
      try {
        await session.client.list('carriers', { display: ['id'] });
        emulator.faults.update({ errorRate: 1, errorStatus: 500 });
        await expect(session.client.list('suppliers', { display: ['id'] })).rejects.toThrow(/500/);
      } finally {
        emulator.faults.clear();
        await session.close();
      }
    }

    it('logs every request of every store, with no bodies unless the store asks for them', async () => {
      const quiet = await addEmulatorStore(hub, emulator, 'quiet');
      await twoRequests('quiet');
      const entries = await hub.requestLog.list({ storeId: quiet.id });
      expect(
        entries.map((entry) => [entry.method, entry.status, entry.url.includes('/api/suppliers')]),
      ).toEqual([
        ['GET', 500, true],
        ['GET', 200, false],
      ]);
      const failed = await hub.requestLog.get(entries[0]!.id);
      expect(failed).toMatchObject({ requestBody: null, responseBody: null });
      expect(JSON.stringify(entries)).not.toContain(emulator.keys[0]);
    });

    it('dates each entry when its request was made, not when the log was written', async () => {
      const slow = await addEmulatorStore(hub, emulator, 'slow');
      const session = await StoreSession.open(hub, slow, { retry: { maxRetries: 0 } });
      const sent = Date.now();
      try {
        emulator.faults.update({ latencyMs: 400 });
        await session.client.list('carriers', { display: ['id'] });
      } finally {
        emulator.faults.clear();
        await session.close();
      }
      const answered = Date.now();
      const [entry] = await hub.requestLog.list({ storeId: slow.id });
      expect(entry?.durationMs).toBeGreaterThanOrEqual(400);
      const at = Date.parse(entry!.at);
      expect(at).toBeGreaterThanOrEqual(sent - 5);
      // Written at close, after the answer: the time kept is the start, a duration earlier.
      expect(at).toBeLessThanOrEqual(answered - entry!.durationMs + 5);
    });

    it('keeps the bodies of failures when the store’s logApiRequests is on', async () => {
      const chatty = await addEmulatorStore(hub, emulator, 'chatty', { extras: { logApiRequests: true } });
      await twoRequests('chatty');
      const [failed, fine] = await hub.requestLog.list({ storeId: chatty.id });
      expect((await hub.requestLog.get(failed!.id))?.responseBody).toContain('Internal Server Error');
      // Successful reads are logged without their (large) bodies.
      expect((await hub.requestLog.get(fine!.id))?.responseBody).toBeNull();
    });
  });
});
