import { EventEmitter } from 'node:events';
import { get, type IncomingMessage } from 'node:http';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Store } from '../../src/hub/index.js';
import type { OutboxHandler } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { signIn } from './console-harness.js';
import {
  countingFeed,
  type Emulator,
  type ServerUnderTest,
  startTestServer,
  TEST_TOKEN,
} from './server-harness.js';

/** One Server-Sent Event as a browser's EventSource would hand it over. */
interface StreamEvent {
  readonly type: string;
  readonly id: string | null;
  readonly data: Record<string, unknown>;
}

/** An open `/events` stream read with fetch: the events so far, a way to wait for one, and its end. */
interface EventStream {
  readonly status: number;
  readonly contentType: string | null;
  readonly events: StreamEvent[];
  next(matches: (event: StreamEvent) => boolean): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  cancel(): Promise<void>;
}

async function openEvents(url: string, headers: Record<string, string>): Promise<EventStream> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  const events: StreamEvent[] = [];
  const arrivals = new EventEmitter();
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    let buffer = '';
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        return;
      }
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        if (!fields.has('event')) continue;
        const event: StreamEvent = {
          type: fields.get('event')!,
          id: fields.get('id') ?? null,
          data: JSON.parse(fields.get('data') ?? 'null') as Record<string, unknown>,
        };
        events.push(event);
        arrivals.emit('event', event);
      }
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    ended,
    next(matches) {
      const seen = events.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const listen = (event: StreamEvent): void => {
          if (!matches(event)) return;
          arrivals.off('event', listen);
          resolve(event);
        };
        arrivals.on('event', listen);
      });
    },
    cancel: () => reader.cancel(),
  };
}

/** Delivers `note` entries without a word to the store. */
const noteHandler: OutboxHandler = {
  kind: 'note',
  purpose: 'write notes',
  needs: [],
  decode: (payload) => payload,
  send: () => Promise.resolve('done'),
};

describe('API: live events', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('/events', (engine) => {
    let api: ServerUnderTest;
    let store: Store;
    beforeAll(async () => {
      api = await startTestServer(engine, {
        feeds: [countingFeed({ pageSize: 4 })],
        outboxHandlers: [noteHandler],
      });
      // The outbox loop sends only for stores that export.
      store = await addEmulatorStore(api.hub, emulator, 'emu', { export: { enabled: true } });
      await api.hub.users.create({ name: 'vic', role: 'viewer', password: 'vic-viewer-password' });
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('refuses a stream to someone not signed in', async () => {
      const answer = await fetch(`${api.server.url}/events`);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
    });

    it('ends a stream when its session ends or its token is revoked', async () => {
      const checking = await startTestServer(engine, { liveKeepaliveMs: 50 });
      try {
        const viewer = await signIn(checking, 'vic', 'vic-viewer-password');
        const stream = await openEvents(`${checking.server.url}/events`, { cookie: viewer.cookie });
        await stream.next((event) => event.type === 'hello');
        const out = await checking.server.app.inject({
          method: 'POST',
          url: '/auth/sign-out',
          headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken },
        });
        expect(out.statusCode).toBe(204);
        await stream.ended;

        const vic = await checking.hub.users.get('vic');
        const { token, secret } = await checking.hub.users.createToken(vic.id, 'dashboard screen');
        const byToken = await openEvents(`${checking.server.url}/events`, {
          authorization: `Bearer ${secret}`,
        });
        await byToken.next((event) => event.type === 'hello');
        await checking.hub.users.revokeToken(vic.id, token.id);
        await byToken.ended;
      } finally {
        await checking.server.close();
      }
    });

    it('forgets a stream the browser closed', async () => {
      // node:http rather than fetch: fetch opens a spare connection when a stream is cut, which would
      // hold the server's close for seconds.
      const request = get(`${api.server.url}/events`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      const response = await new Promise<IncomingMessage>((resolve) => request.once('response', resolve));
      expect(response.statusCode).toBe(200);
      await new Promise((resolve) => response.once('data', resolve));
      expect(api.server.live.listenerCount).toBe(1);
      request.destroy();
      await vi.waitFor(() => expect(api.server.live.listenerCount).toBe(0));
    });

    it('streams a run started through the API, an outbox pass, a store change, and ends when the server closes', async () => {
      // The console's way: EventSource sends the session cookie.
      const viewer = await signIn(api, 'vic', 'vic-viewer-password');
      const stream = await openEvents(`${api.server.url}/events`, { cookie: viewer.cookie });
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const hello = await stream.next((event) => event.type === 'hello');
      expect(hello.data).toMatchObject({ user: 'vic' });

      const started = await api.call('POST', '/stores/emu/feeds/count-products/runs');
      expect(started.statusCode).toBe(202);
      const runId = started.json<{ run: { id: number } }>().run.id;
      const begun = await stream.next(
        (event) => event.type === 'run.started' && (event.data.run as { id: number }).id === runId,
      );
      expect(begun.data).toMatchObject({ store: 'emu', run: { feed: 'count-products', status: 'running' } });
      const progress = await stream.next(
        (event) => event.type === 'run.progress' && event.data.runId === runId,
      );
      expect(progress.data).toMatchObject({ runId });
      const finished = await stream.next(
        (event) => event.type === 'run.finished' && (event.data.run as { id: number }).id === runId,
      );
      const products = emulator.store.count('products');
      expect(finished.data).toMatchObject({
        store: 'emu',
        run: { id: runId, status: 'succeeded', counts: { created: products } },
      });
      // Events are numbered in order, for Last-Event-ID.
      const ids = stream.events.filter((event) => event.id !== null).map((event) => Number(event.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);

      await api.hub.outbox.enqueue({ storeId: store.id, kind: 'note', target: 'note:1', payload: {} });
      api.server.outbox.start();
      const pass = await stream.next((event) => event.type === 'outbox.pass');
      expect(pass.data).toEqual({
        storeId: store.id,
        store: 'emu',
        sent: 1,
        failed: 0,
        retrying: 0,
        blocked: null,
      });

      const changed = await api.call('PATCH', '/stores/emu', {
        settings: { import: { frequencyMinutes: 30 } },
      });
      expect(changed.statusCode).toBe(200);
      const storeChanged = await stream.next((event) => event.type === 'store.changed');
      expect(storeChanged.data).toMatchObject({ store: 'emu', change: 'updated' });
      // A refused change tells nothing.
      const refused = await api.call('PATCH', '/stores/emu', {
        settings: { import: { frequencyMinutes: -1 } },
      });
      expect(refused.statusCode).toBe(422);

      await api.server.close();
      await stream.ended;
      expect(stream.events.filter((event) => event.type === 'store.changed')).toHaveLength(1);
      expect(api.server.live.listenerCount).toBe(0);
    });
  });
});
