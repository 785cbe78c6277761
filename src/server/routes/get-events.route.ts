import type { RouteRegistration } from '../api-context.js';

/** A comment line this often keeps proxies and browsers from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

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
    const keepalive = setInterval(() => out.write(': keep-alive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    const unsubscribe = ctx.live.subscribe(
      (event) => send(event.type, event.data, event.id),
      () => {
        clearInterval(keepalive);
        out.end();
      },
    );
    request.raw.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  });
};
