import { NotFoundError } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { toApiRequestLogDetail } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'One logged request with its bodies (kept when the store logs API requests)',
  tags: ['request log'],
  params: idParams,
  response: { 200: { $ref: 'ApiRequestLogDetail#' }, 404: errorRef },
} as const;

/** `GET /request-log/:id`. */
export const registerGetRequestLogEntry: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/request-log/:id', { schema }, async (request) => {
    const entry = await ctx.hub.requestLog.get(request.params.id);
    if (!entry) throw new NotFoundError(`No request-log entry with id ${request.params.id}.`);
    return toApiRequestLogDetail(entry);
  });
};
