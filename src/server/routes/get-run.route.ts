import type { RouteRegistration } from '../api-context.js';
import { toApiRunDetail } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

/** Failed records listed with the run; the report counts them all. */
const FAILURES_SHOWN = 200;

const schema = {
  summary: 'One run with its report and failed records (poll it while it runs)',
  tags: ['runs'],
  params: idParams,
  response: { 200: { $ref: 'ApiRunDetail#' }, 404: errorRef },
} as const;

/** `GET /runs/:id`. */
export const registerGetRun: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/runs/:id', { schema }, async (request) => {
    const run = await ctx.hub.runs.get(request.params.id);
    return toApiRunDetail(run, await ctx.hub.runs.failures(run.id, { limit: FAILURES_SHOWN }));
  });
};
