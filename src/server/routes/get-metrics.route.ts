import type { RouteRegistration } from '../api-context.js';

const schema = {
  summary: 'Metrics in Prometheus text format',
  description:
    'Runs, run durations, requests per store and webhook deliveries of this process (counters; scrape every ' +
    'process: workers serve the same on `prestabridge worker --metrics-port`), and gauges read from the hub: ' +
    'outbox depth per store, queue depths, live workers.',
  tags: ['server'],
  produces: ['text/plain'],
  response: { 200: { type: 'string', description: 'Prometheus text exposition format 0.0.4.' } },
} as const;

/** `GET /metrics`: for Prometheus (a viewer's token, or a session). */
export const registerGetMetrics: RouteRegistration = (app, ctx) => {
  app.get('/metrics', { schema }, async (_request, reply) => {
    const text = ctx.jobs
      ? await ctx.jobs.metrics.render(ctx.hub, ctx.jobs.runner, new Date(ctx.clock().getTime() - 60_000))
      : '';
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });
};
