import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import { roleAllows, type Store, type UserRole } from '../../src/hub/index.js';
import { GO_LIVE_STEPS } from '../../src/jobs/index.js';
import { allFeeds } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { asBrowser, type BrowserSession, hubSnapshot, signIn } from './console-harness.js';
import { countingFeed, type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

type Access = 'public' | UserRole;

/**
 * The role each operation needs, as issue 11 has it: viewers read; operators also run and stop feeds
 * (and go-live steps), test a store, approve and ship orders, set order states, adjust stock; admins
 * do the rest (stores, schedules, users, and — issue 13 — master data, which settings name). Token routes are open to every user for their own tokens.
 * A route added later must be placed here, so that its role is a decision.
 */
const EXPECTED: Readonly<Record<string, Access>> = {
  'GET /health': 'public',
  'GET /metrics': 'viewer',
  'GET /workers': 'viewer',
  'POST /auth/sign-in': 'public',
  'GET /auth/link': 'public',
  'GET /openapi.json': 'public',
  'GET /auth/me': 'viewer',
  'POST /auth/sign-out': 'viewer',
  'GET /events': 'viewer',
  'GET /dashboard': 'viewer',
  'GET /stores': 'viewer',
  'POST /stores/probe': 'admin',
  'POST /stores': 'admin',
  'GET /stores/{store}': 'viewer',
  'PATCH /stores/{store}': 'admin',
  'DELETE /stores/{store}': 'admin',
  'POST /stores/{store}/test': 'operator',
  'GET /stores/{store}/live': 'viewer',
  'GET /settings/reference': 'viewer',
  'GET /master-data': 'viewer',
  'GET /master-data/{kind}': 'viewer',
  'GET /master-data/{kind}/usage': 'viewer',
  'GET /master-data/{kind}/{code}/usage': 'viewer',
  'POST /master-data/{kind}': 'admin',
  'PATCH /master-data/{kind}/{code}': 'admin',
  'POST /master-data/{kind}/{code}/archive': 'admin',
  'GET /feeds': 'viewer',
  'GET /stores/{store}/feeds': 'viewer',
  'POST /stores/{store}/feeds/{feed}/runs': 'operator',
  'POST /stores/{store}/feeds/{feed}/plan': 'operator',
  'POST /stores/{store}/feeds/{feed}/reset': 'admin',
  'PUT /stores/{store}/feeds/{feed}/schedule': 'admin',
  'GET /stores/{store}/golive': 'viewer',
  'POST /stores/{store}/golive/next': 'operator',
  'GET /runs': 'viewer',
  'GET /runs/{id}': 'viewer',
  'POST /runs/{id}/stop': 'operator',
  'GET /products': 'viewer',
  'GET /products/{id}': 'viewer',
  'GET /products/{id}/stores': 'viewer',
  'POST /products': 'operator',
  'PATCH /products/{id}': 'operator',
  'GET /orders': 'viewer',
  'GET /orders/{id}': 'viewer',
  'POST /orders/{id}/approve': 'operator',
  'POST /orders/{id}/shipments': 'operator',
  'PUT /orders/{id}/state': 'operator',
  'GET /customers': 'viewer',
  'GET /customers/{id}': 'viewer',
  'PUT /customers/{id}/addresses': 'operator',
  'GET /invoices': 'viewer',
  'GET /invoices/export': 'viewer',
  'GET /invoices/{id}': 'viewer',
  'GET /invoices/{id}/pdf': 'viewer',
  'GET /journal': 'viewer',
  'GET /journal/export': 'viewer',
  'GET /stock': 'viewer',
  'GET /stock/kits': 'viewer',
  'GET /stock/{variantId}/movements': 'viewer',
  'GET /outbox': 'viewer',
  'GET /orders/{id}/invoices': 'viewer',
  'POST /stock/adjustments': 'operator',
  'POST /stock/counts': 'operator',
  'GET /request-log': 'viewer',
  'GET /request-log/{id}': 'viewer',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'PATCH /users/{user}': 'admin',
  'GET /users/{user}/tokens': 'viewer',
  'POST /users/{user}/tokens': 'viewer',
  'DELETE /users/{user}/tokens/{id}': 'viewer',
  // Webhooks: everyone reads (never a secret); admins change subscriptions (a URL the hub calls, its
  // secret); operators may replay a delivery, an operational retry like Run now.
  'GET /event-types': 'viewer',
  'GET /webhooks': 'viewer',
  'POST /webhooks': 'admin',
  'GET /webhooks/{id}': 'viewer',
  'POST /webhooks/{id}/pause': 'admin',
  'POST /webhooks/{id}/resume': 'admin',
  'POST /webhooks/{id}/rotate': 'admin',
  'DELETE /webhooks/{id}': 'admin',
  'GET /webhooks/{id}/deliveries': 'viewer',
  'GET /webhooks/{id}/deliveries/{delivery}': 'viewer',
  'POST /webhooks/{id}/deliveries/{delivery}/replay': 'operator',
  // Automation actions (issue 14): workflows read as viewers, and change orders as operators.
  'GET /stores/{store}/actions/products': 'viewer',
  'GET /stores/{store}/actions/products/{id}': 'viewer',
  'GET /stores/{store}/actions/orders': 'viewer',
  'GET /stores/{store}/actions/orders/{id}': 'viewer',
  'GET /stores/{store}/actions/customers': 'viewer',
  'GET /stores/{store}/actions/carts': 'viewer',
  'POST /stores/{store}/actions/orders/{id}/state': 'operator',
  'POST /stores/{store}/actions/orders/{id}/tracking': 'operator',
};

/** What each change would send if it were let through. */
const BODIES: Readonly<Record<string, unknown>> = {
  'POST /auth/sign-in': { name: 'vic', password: 'wrong-password' },
  'POST /stores/probe': { url: 'http://127.0.0.1:9', key: 'X'.repeat(32) },
  'POST /stores': { name: 'intruder', url: 'http://127.0.0.1:9', key: 'X'.repeat(32) },
  'PATCH /stores/{store}': { settings: { enabled: false } },
  'POST /stores/{store}/feeds/{feed}/runs': { options: { pageSize: 50 } },
  'PUT /stores/{store}/feeds/{feed}/schedule': { off: true },
  'POST /stores/{store}/feeds/{feed}/reset': {},
  'POST /stores/{store}/golive/next': { confirmStockExport: true },
  'POST /orders/{id}/shipments': { trackingNumber: 'LP1' },
  'PUT /orders/{id}/state': { state: 4 },
  'PUT /customers/{id}/addresses': { auto: true },
  'POST /stock/adjustments': { variantId: 1, location: 'MAIN', change: 1, reason: 'role check' },
  'POST /stock/counts': { variantId: 1, location: 'MAIN', counted: 1, reason: 'role check' },
  'POST /products': { name: 'Intruder mug', price: '1' },
  'PATCH /products/{id}': { price: '1' },
  'POST /users': { name: 'intruder', role: 'admin', password: 'intruder-password' },
  'PATCH /users/{user}': { role: 'admin' },
  'POST /users/{user}/tokens': { label: 'role check' },
  'POST /master-data/{kind}': { code: 'INTRUDER', name: 'Intruder' },
  'PATCH /master-data/{kind}/{code}': { name: 'Intruder' },
  'POST /webhooks': { url: 'https://example.com/hooks', events: ['order.updated'] },
  'POST /stores/{store}/actions/orders/{id}/state': { state: 2 },
  'POST /stores/{store}/actions/orders/{id}/tracking': { trackingNumber: 'LP-ROLE-CHECK' },
};

interface Operation {
  readonly key: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly role: Access;
}

describe('API: roles on every route', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('roles', (engine) => {
    let api: ServerUnderTest;
    let store: Store;
    let runId: number;
    let operations: Operation[];
    let viewerSession: BrowserSession;
    let viewerToken: string;
    let operatorToken: string;
    /** A token of each user, to revoke through the walk. */
    const spareTokens = new Map<string, number>();

    /** Someone calling the API: a browser session or a bearer token, with the user's role and name. */
    interface Caller {
      readonly label: string;
      readonly name: string;
      readonly role: UserRole;
      call(method: Operation['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
    }
    let callers: Caller[];

    function urlFor(operation: Operation, caller: Caller): string {
      return operation.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
        if (name === 'store') return store.name;
        if (name === 'feed') return 'count-products';
        if (name === 'kind') return 'units';
        if (name === 'code') return 'PCS';
        // Token routes are checked on the caller's own tokens: refusing another's is a different rule.
        if (name === 'user') return caller.name;
        if (operation.path.startsWith('/users/')) return String(spareTokens.get(caller.name));
        return String(runId);
      });
    }

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [...allFeeds, countingFeed()] });
      store = await addEmulatorStore(api.hub, emulator, 'emu');
      // Live already: an operator's "next step" answers at once instead of running the whole catalog.
      await api.hub.watermarks.set(store.id, 'go-live', { completed: GO_LIVE_STEPS.length });
      await api.hub.masterData.add('unitsOfMeasure', { code: 'PCS', name: 'Pieces' });
      await api.hub.users.create({ name: 'vic', role: 'viewer', password: 'vic-viewer-password' });
      await api.hub.users.create({ name: 'olga', role: 'operator', password: 'olga-operator-password' });
      viewerSession = await signIn(api, 'vic', 'vic-viewer-password');
      for (const name of ['vic', 'olga']) {
        const user = await api.hub.users.get(name);
        spareTokens.set(name, (await api.hub.users.createToken(user.id, 'spare')).token.id);
      }
      viewerToken = (await api.hub.users.createToken((await api.hub.users.get('vic')).id, 'walk')).secret;
      operatorToken = (await api.hub.users.createToken((await api.hub.users.get('olga')).id, 'walk')).secret;
      const started = await api.call('POST', '/stores/emu/feeds/count-products/runs');
      runId = started.json<{ run: { id: number } }>().run.id;
      await api.finished(runId);

      const document = (await api.call('GET', '/openapi.json', undefined, null)).json<{
        paths: Record<string, Record<string, { 'x-required-role': Access }>>;
      }>();
      operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase() as Operation['method'],
          path,
          role: operation['x-required-role'],
        })),
      );
      const bearer = (token: string) => (method: Operation['method'], url: string, body?: unknown) =>
        api.call(method, url, body, token);
      callers = [
        {
          label: 'viewer session',
          name: 'vic',
          role: 'viewer',
          call: (method, url, body) => asBrowser(api, viewerSession, method, url, body),
        },
        { label: 'viewer token', name: 'vic', role: 'viewer', call: bearer(viewerToken) },
        { label: 'operator token', name: 'olga', role: 'operator', call: bearer(operatorToken) },
      ];
      // Tokens record their first use: done here, so that it does not count as a change below.
      for (const caller of callers) expect((await caller.call('GET', '/auth/me')).statusCode).toBe(200);
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('states in x-required-role the role the issue gives every operation', () => {
      const documented = Object.fromEntries(operations.map((operation) => [operation.key, operation.role]));
      expect(documented).toEqual(EXPECTED);
    });

    it('answers 403 forbidden, changing nothing, to every route above the caller’s role', async () => {
      const before = await hubSnapshot(api.hub);
      let refused = 0;
      for (const caller of callers) {
        for (const operation of operations) {
          if (operation.role === 'public' || roleAllows(caller.role, operation.role)) continue;
          const answer = await caller.call(
            operation.method,
            urlFor(operation, caller),
            BODIES[operation.key],
          );
          expect(answer.statusCode, `${operation.key} as ${caller.label}: ${answer.body}`).toBe(403);
          expect(answer.json<{ error: { code: string; message: string } }>().error).toMatchObject({
            code: 'forbidden',
            message: expect.stringContaining(`needs the ${operation.role} role`) as string,
          });
          refused += 1;
        }
      }
      // Viewers (twice) are refused every operator and admin route; the operator every admin route.
      const roles = Object.values(EXPECTED);
      const aboveViewer = roles.filter((role) => role === 'operator' || role === 'admin').length;
      const adminOnly = roles.filter((role) => role === 'admin').length;
      expect(refused).toBe(2 * aboveViewer + adminOnly);
      expect(await hubSnapshot(api.hub)).toBe(before);
    });

    it('lets every route at or below the caller’s role through', async () => {
      for (const caller of callers) {
        for (const operation of operations) {
          if (operation.role === 'public' || !roleAllows(caller.role, operation.role)) continue;
          // The event stream never ends (it has its own test); signing out comes last.
          if (operation.key === 'GET /events' || operation.key === 'POST /auth/sign-out') continue;
          const answer = await caller.call(
            operation.method,
            urlFor(operation, caller),
            BODIES[operation.key],
          );
          expect([401, 403], `${operation.key} as ${caller.label}: ${answer.body}`).not.toContain(
            answer.statusCode,
          );
          expect(answer.statusCode, `${operation.key} as ${caller.label}: ${answer.body}`).toBeLessThan(500);
          if (answer.statusCode === 202 && operation.key.endsWith('/runs'))
            await api.finished(answer.json<{ run: { id: number } }>().run.id);
        }
      }
      for (const caller of callers)
        expect((await caller.call('POST', '/auth/sign-out')).statusCode).toBe(204);
    });

    it('refuses a viewer who asks to run a feed, and starts nothing', async () => {
      const runs = (await api.hub.runs.list({ limit: 500 })).length;
      const viewer = await signIn(api, 'vic', 'vic-viewer-password');
      const answer = await asBrowser(api, viewer, 'POST', '/stores/emu/feeds/count-products/runs');
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toMatchObject({
        error: {
          code: 'forbidden',
          message: 'This needs the operator role; vic is a viewer. Ask an admin to change your role.',
        },
      });
      expect(
        (await api.call('POST', '/stores/emu/feeds/count-products/runs', undefined, viewerToken)).statusCode,
      ).toBe(403);
      expect((await api.hub.runs.list({ limit: 500 })).length).toBe(runs);
    });
  });
});
