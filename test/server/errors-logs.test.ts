import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import {
  AlreadyExistsError,
  type Hub,
  InvalidRecordError,
  MissingSecretError,
  NotFoundError,
  SettingsValidationError,
} from '../../src/hub/index.js';
import type { FeedRunner } from '../../src/jobs/index.js';
import {
  type ApiContext,
  buildApi,
  DEFAULT_SESSION_LIFETIME,
  errorAnswer,
  LiveEvents,
  ServerStoppingError,
  SignInLimiter,
} from '../../src/server/index.js';
import { logOutboxPass } from '../../src/server/run-log.js';
import { FeedBusyError, FeedPreconditionError, type OutboxDrainReport } from '../../src/sync/index.js';
import { ValidationError } from '../../src/webservice/index.js';
import { describeEachEngine } from '../support/databases.js';
import { captureLogs, type Emulator, startTestServer, TEST_TOKEN } from './server-harness.js';

describe('error answers', () => {
  it('maps what routes throw to one shape with the right status', () => {
    const cases: Array<[unknown, number, string]> = [
      [new NotFoundError('No store named x.'), 404, 'not-found'],
      [new FeedBusyError('import-orders', 'shop', 'host:1', 'now'), 409, 'feed-busy'],
      [new AlreadyExistsError('taken'), 409, 'already-exists'],
      [new SettingsValidationError(['import.enabled must be true or false']), 422, 'invalid-settings'],
      [new InvalidRecordError('bad'), 422, 'invalid-record'],
      [new FeedPreconditionError('no initial stock import'), 422, 'not-ready'],
      [new MissingSecretError(), 503, 'secret-unavailable'],
      [new ServerStoppingError(), 503, 'shutting-down'],
    ];
    for (const [error, status, code] of cases) {
      const answer = errorAnswer(error);
      expect([answer.status, answer.body.error.code, answer.unexpected]).toEqual([status, code, false]);
      expect(answer.body.error.message).toBe((error as Error).message);
    }
    expect(errorAnswer(new SettingsValidationError(['a', 'b'])).body.error.problems).toEqual(['a', 'b']);
  });

  it("passes the store's own errors on as 502 with the key blanked, and hides unexpected ones", () => {
    const storeError = new ValidationError({
      request: { method: 'PUT', url: 'https://shop.test/api/products/1?ws_key=SECRETKEY' },
      status: 400,
      what: 'The store refused https://shop.test/api/products/1?ws_key=SECRETKEY',
      hint: 'fix the product',
    });
    const answer = errorAnswer(storeError);
    expect(answer.status).toBe(502);
    expect(JSON.stringify(answer.body)).not.toContain('SECRETKEY');

    const unexpected = errorAnswer(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(unexpected).toMatchObject({
      status: 500,
      unexpected: true,
      body: { error: { code: 'internal' } },
    });
    expect(unexpected.body.error.message).not.toMatch(/undefined/);
  });
});

describe('logs', () => {
  it('answers 500 with a generic message and logs the details', async () => {
    const logs = captureLogs();
    const hub = {
      stores: { list: () => Promise.reject(new Error('disk on fire at sector 7')) },
    } as unknown as Hub;
    const app = buildApi({
      context: {
        hub,
        feeds: [],
        runner: {} as FeedRunner,
        auth: { sessionLifetime: DEFAULT_SESSION_LIFETIME, limiter: new SignInLimiter() },
        live: new LiveEvents(),
      } as unknown as ApiContext,
      token: TEST_TOKEN,
      logger: logs.logger,
    });
    const answer = await app.inject({ url: '/stores', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain('disk on fire');
    const line = await logs.waitFor((entry) => entry.msg === 'request failed');
    expect(line.level).toBe(50);
    expect(JSON.stringify(line)).toContain('disk on fire at sector 7');
    expect(JSON.stringify(line)).not.toContain(TEST_TOKEN);
    await app.close();
  });

  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('failure lines', (engine) => {
    it('logs a failed run at error level with its reason, and each outbox entry given up', async () => {
      const api = await startTestServer(engine, {
        feeds: [
          {
            name: 'breaks',
            description: 'Fails (test feed).',
            direction: 'import',
            cadence: 'manual',
            needs: [],
            writes: [],
            run: () =>
              Promise.reject(new Error(`the store answered nonsense for ${emulator.url}/api/?ws_key=K123`)),
          },
        ],
      });
      await api.hub.stores.create({ name: 'emu', url: emulator.url, webserviceKey: emulator.keys[0]! });
      const started = await api.call('POST', '/stores/emu/feeds/breaks/runs');
      const ended = await api.finished(started.json<{ run: { id: number } }>().run.id);
      expect(ended).toMatchObject({ level: 50, status: 'failed', feed: 'breaks', store: 'emu' });
      expect(String(ended.error)).toContain('the store answered nonsense');
      expect(String(ended.error)).not.toContain('K123');
      const run = await api.call('GET', `/runs/${String(ended.runId)}`);
      expect(run.json()).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('ws_key=***') as string,
      });
      expect(run.body).not.toContain('K123');

      const report: OutboxDrainReport = {
        claimed: 2,
        sent: 1,
        superseded: 0,
        retrying: 0,
        failed: 1,
        lost: 0,
        released: 0,
        failures: [{ id: 7, kind: 'stock', target: 'variant:3', error: 'quantity refused' }],
        warnings: [
          { id: 8, kind: 'order_state', target: 'order:12', warning: 'the store could not send the e-mail' },
        ],
        stopped: false,
        blocked: null,
        waiting: [],
      };
      const blocked = new Map<string, string>();
      logOutboxPass(api.logs.logger, new Map([['emu', report]]), blocked);
      logOutboxPass(
        api.logs.logger,
        new Map([['emu', { ...report, failures: [], warnings: [], blocked: 'wrong key' }]]),
        blocked,
      );
      logOutboxPass(
        api.logs.logger,
        new Map([['emu', { ...report, failures: [], warnings: [], blocked: 'wrong key' }]]),
        blocked,
      );
      expect(api.logs.lines.filter((line) => line.event === 'outbox-failed')).toEqual([
        expect.objectContaining({ level: 50, entryId: 7, target: 'variant:3', error: 'quantity refused' }),
      ]);
      expect(api.logs.lines.filter((line) => line.event === 'outbox-warning')).toEqual([
        expect.objectContaining({
          level: 40,
          entryId: 8,
          target: 'order:12',
          warning: 'the store could not send the e-mail',
        }),
      ]);
      expect(api.logs.lines.filter((line) => line.event === 'outbox-blocked')).toHaveLength(1);
      await api.server.close();
    });
  });
});
