import type { RouteRegistration } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { toApiRun } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'Stop a running feed at its next page boundary',
  description:
    'Pages already committed are kept and the next run resumes from there. A run of another process stops at its next heartbeat.',
  tags: ['runs'],
  params: idParams,
  response: {
    202: {
      type: 'object',
      required: ['run', 'where'],
      additionalProperties: false,
      properties: {
        run: { $ref: 'ApiRun#' },
        where: {
          type: 'string',
          enum: ['this-process', 'another-process'],
          description: 'this-process: stops at once; another-process: when that process next looks.',
        },
      },
    },
    404: errorRef,
    409: errorRef,
  },
} as const;

/** `POST /runs/:id/stop`. */
export const registerStopRun: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number } }>(
    '/runs/:id/stop',
    { schema, config: { access: 'operator' } },
    async (request, reply) => {
      const run = await ctx.hub.runs.get(request.params.id);
      const notRunning = () =>
        new ApiError(409, 'run-not-running', `Run ${run.id} (${run.feed}) is not running: it ${run.status}.`);
      if (run.status !== 'running') throw notRunning();
      // The request is recorded either way, so that the run shows who asked; this process stops its own at once.
      const requested = await ctx.hub.runs.requestStop(run.id);
      const here = ctx.runner.stop(run.id, 'stop requested through the API');
      if (!here && !requested) throw notRunning();
      request.log.info({ runId: run.id, feed: run.feed }, 'stop requested');
      return reply.status(202).send({
        run: toApiRun(await ctx.hub.runs.get(run.id)),
        where: here ? 'this-process' : 'another-process',
      });
    },
  );
};
