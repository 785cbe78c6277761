import type { Principal } from '../access-control.js';
import { type ApiContext, type RouteRegistration, sessionClock } from '../api-context.js';

const schema = {
  summary: 'Live events (Server-Sent Events): run progress and ends, outbox passes, store changes',
  description:
    'A text/event-stream. Each message has `event:` (run.started, run.progress, run.finished, outbox.pass, ' +
    'store.changed, hello) and `data:` (JSON). Works with EventSource and the session cookie.',
  tags: ['server'],
  response: { 200: { type: 'string', description: 'text/event-stream' } },
} as const;

/** `GET /events`. */
export const registerGetEvents: RouteRegistration = (app, ctx) => {
  app.get('/events', { schema, config: { access: 'viewer' } }, (request, reply) => {
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown, id?: number): void => {
      out.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    out.write('retry: 3000\n\n');
    send('hello', { at: new Date().toISOString(), user: request.principal?.name ?? null });
    const principal = request.principal!;
    // A stream outlives the request that opened it: it ends when its session or token does.
    const keepalive = setInterval(() => {
      void stillValid(ctx, principal).then(
        (valid) => {
          if (valid) out.write(': keep-alive\n\n');
          else end();
        },
        () => undefined,
      );
    }, ctx.live.keepaliveMs);
    keepalive.unref();
    const unsubscribe = ctx.live.subscribe(
      (event) => send(event.type, event.data, event.id),
      () => {
        clearInterval(keepalive);
        out.end();
      },
    );
    const end = (): void => {
      clearInterval(keepalive);
      unsubscribe();
      out.end();
    };
    request.raw.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  });
};

/** Whether the principal that opened a stream may still hear it (signed out, expired, revoked, disabled). */
async function stillValid(ctx: ApiContext, principal: Principal): Promise<boolean> {
  switch (principal.via) {
    case 'server-token':
      return true;
    case 'session':
      return (
        principal.sessionSecret !== null &&
        ctx.hub.users.sessionAlive(principal.sessionSecret, sessionClock(ctx)())
      );
    case 'api-token':
      return (
        principal.tokenSecret !== null &&
        (await ctx.hub.users.userForToken(principal.tokenSecret)) !== undefined
      );
  }
}
